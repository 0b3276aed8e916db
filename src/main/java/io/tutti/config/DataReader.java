package io.tutti.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code data:} section: where the samples and the behaviour log are, how their columns
 * map, how samples are split and how activity levels are found.
 */
final class DataReader {
  static final List<String> DATA_KEYS =
      List.of(
          "samples",
          "format",
          "user_column",
          "item_column",
          "scenario_column",
          "timestamp_column",
          "oracle_columns",
          "behaviour",
          "split",
          "activity");
  static final List<String> BEHAVIOUR_KEYS =
      List.of("path", "format", "user_column", "item_column", "timestamp_column");
  static final List<String> FRACTION_SPLIT_KEYS =
      List.of("by", "validation_fraction", "test_fraction");
  static final List<String> FILE_SPLIT_KEYS = List.of("by", "train", "validation", "test");
  static final List<String> ACTIVITY_KEYS = List.of("window_days", "column");
  static final double DEFAULT_FRACTION = 0.1;
  static final int DEFAULT_WINDOW_DAYS = 30;

  private final Path directory;

  /** A reader for a config in {@code directory}, the base of its relative paths. */
  DataReader(Path directory) {
    this.directory = directory;
  }

  DataConfig read(YamlNode node, List<TaskConfig> tasks) {
    String accepted = "a mapping with the keys " + String.join(", ", DATA_KEYS);
    if (!node.require(accepted) || !node.isMapping(accepted)) {
      // The columns would each be reported missing too; one error says it.
      return new DataConfig(
          null,
          "auto",
          null,
          null,
          null,
          null,
          Map.of(),
          null,
          new DataConfig.Split("row_order", DEFAULT_FRACTION, DEFAULT_FRACTION, null, null, null),
          new DataConfig.Activity(DEFAULT_WINDOW_DAYS, null));
    }
    node.checkKeys(DATA_KEYS, "data");

    Path samples = readPath(node.get("samples"), null);
    String format = node.get("format").choice("auto", DataConfig.FORMATS);
    String userColumn = node.get("user_column").requiredText("a column name");
    String itemColumn = node.get("item_column").requiredText("a column name");
    String scenarioColumn = node.get("scenario_column").requiredText("a column name");
    String timestampColumn = node.get("timestamp_column").text(null);

    // The oracle columns are keyed by task, so a typo in a task id is caught here.
    Set<String> taskIds = ConfigReader.ids(tasks);
    Map<String, String> oracleColumns = new LinkedHashMap<>();
    YamlNode oracleNode = node.get("oracle_columns");
    if (oracleNode.isMapping("a mapping of task id to column name")) {
      for (String task : oracleNode.keys()) {
        YamlNode column = oracleNode.get(task);
        if (!taskIds.contains(task)) {
          node.problems()
              .add(
                  column.path(),
                  "oracle column for an unknown task",
                  YamlNode.quote(task),
                  ConfigReader.known(tasks));
        } else if (column.require("a column name")) {
          String text = column.text(null);
          if (text != null) {
            oracleColumns.put(task, text);
          }
        }
      }
    }

    DataConfig.Behaviour behaviour =
        readBehaviour(node.get("behaviour"), userColumn, itemColumn, timestampColumn);
    DataConfig.Split split = readSplit(node.get("split"), timestampColumn);
    YamlNode activityNode = node.get("activity");
    activityNode.isMapping("a mapping with the keys " + String.join(", ", ACTIVITY_KEYS));
    activityNode.checkKeys(ACTIVITY_KEYS, "data.activity");
    DataConfig.Activity activity =
        new DataConfig.Activity(
            activityNode
                .get("window_days")
                .integer(DEFAULT_WINDOW_DAYS, v -> v > 0, "an integer > 0"),
            activityNode.get("column").text(null));
    return new DataConfig(
        samples,
        format,
        userColumn,
        itemColumn,
        scenarioColumn,
        timestampColumn,
        oracleColumns,
        behaviour,
        split,
        activity);
  }

  private DataConfig.Behaviour readBehaviour(
      YamlNode node, String userColumn, String itemColumn, String timestampColumn) {
    if (!node.isMapping("a mapping with the keys " + String.join(", ", BEHAVIOUR_KEYS))) {
      return null;
    }
    node.checkKeys(BEHAVIOUR_KEYS, "data.behaviour");
    Path path = readPath(node.get("path"), null);
    if (path == null) {
      node.get("path").require("a file or directory of behaviour events");
    }

    // Behaviour events need a time to be cut strictly before each sample.
    YamlNode timestampNode = node.get("timestamp_column");
    String timestamp = timestampNode.text(timestampColumn);
    if (timestamp == null) {
      timestampNode.require("a column name (required when data.timestamp_column is not set)");
    }
    return new DataConfig.Behaviour(
        path,
        node.get("format").choice("auto", DataConfig.FORMATS),
        node.get("user_column").text(userColumn),
        node.get("item_column").text(itemColumn),
        timestamp);
  }

  private DataConfig.Split readSplit(YamlNode node, String timestampColumn) {
    String defaultBy = timestampColumn == null ? "row_order" : "time";
    if (!node.isMapping("a mapping with the key by and its settings")) {
      return new DataConfig.Split(defaultBy, DEFAULT_FRACTION, DEFAULT_FRACTION, null, null, null);
    }
    YamlNode byNode = node.get("by");
    String by = byNode.choice(defaultBy, DataConfig.SPLITS);
    if (by.equals("files")) {
      node.checkKeys(FILE_SPLIT_KEYS, "a split by files");
      String glob = "a glob of file names under the samples";
      return new DataConfig.Split(
          by,
          0,
          0,
          node.get("train").requiredText(glob),
          node.get("validation").requiredText(glob),
          node.get("test").requiredText(glob));
    }

    node.checkKeys(FRACTION_SPLIT_KEYS, "a split by " + by);
    if (by.equals("time") && timestampColumn == null) {
      byNode.refuse(
          "a split by time needs data.timestamp_column", "row_order or files, or set the column");
    }
    String fraction = "a number in [0, 1)";
    double validation =
        node.get("validation_fraction").number(DEFAULT_FRACTION, f -> f >= 0 && f < 1, fraction);
    double test =
        node.get("test_fraction").number(DEFAULT_FRACTION, f -> f >= 0 && f < 1, fraction);
    if (validation + test >= 1) {
      node.problems()
          .add(
              node.path(),
              "the fractions leave no training samples",
              "validation_fraction " + validation + " + test_fraction " + test,
              "fractions summing to less than 1");
    }
    return new DataConfig.Split(by, validation, test, null, null, null);
  }

  /** A path resolved against the config file's directory, or {@code fallback} when absent. */
  private Path readPath(YamlNode node, Path fallback) {
    String text = node.text(null);
    if (text == null) {
      return fallback;
    }
    try {
      return directory.resolve(text).normalize();
    } catch (InvalidPathException e) {
      node.refuse("not a valid path", "a file or directory path");
      return fallback;
    }
  }
}
