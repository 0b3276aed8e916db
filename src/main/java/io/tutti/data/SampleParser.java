package io.tutti.data;

import io.tutti.common.TuttiException;
import io.tutti.config.DataConfig;
import io.tutti.config.FeatureConfig;
import io.tutti.config.FeatureType;
import io.tutti.config.ScenarioConfig;
import io.tutti.config.TaskConfig;
import io.tutti.config.TuttiConfig;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one raw sample row into encoded values, all or nothing: a bad value throws before any value
 * is kept, so a rejected row leaves no trace in the compiled columns.
 *
 * <p>Features are addressed by their position {@code k} in {@code config.allFeatures()}. A private
 * feature is read only on rows of its own scenario; on other rows it is 0 (NaN before normalisation
 * for numeric ones).
 */
final class SampleParser {
  private final TuttiConfig config;
  private final FeatureEncoder encoder;
  private final List<FeatureConfig> features;
  private final int[] featureOwner;
  private final boolean[][] scenarioTasks;

  private int userColumn;
  private int itemColumn;
  private int scenarioColumn;
  private int timeColumn;
  private int activityColumn;
  private final int[] labelColumns;
  private final int[] oracleColumns;
  private final int[] featureColumns;

  // The parsed row.
  int scenario;
  long userKey;
  long itemKey;
  long time;
  byte readyActivity;
  final byte[] labels;
  final float[] oracle;
  final int[] categorical;
  final float[] numeric;
  final int[][] multi;

  SampleParser(TuttiConfig config, FeatureEncoder encoder) {
    this.config = config;
    this.encoder = encoder;
    features = config.allFeatures();
    featureOwner = new int[features.size()];
    Arrays.fill(featureOwner, -1);
    int k = config.features().all().size();
    for (int s = 0; s < config.scenarios().size(); s++) {
      for (int i = 0; i < config.scenarios().get(s).privateFeatures().size(); i++) {
        featureOwner[k++] = s;
      }
    }
    scenarioTasks = new boolean[config.scenarios().size()][];
    for (int s = 0; s < scenarioTasks.length; s++) {
      scenarioTasks[s] = config.taskMask(s);
    }
    int tasks = config.tasks().size();
    labelColumns = new int[tasks];
    oracleColumns = new int[tasks];
    featureColumns = new int[features.size()];
    labels = new byte[tasks];
    oracle = new float[tasks];
    categorical = new int[features.size()];
    numeric = new float[features.size()];
    multi = new int[features.size()][];
    for (int f = 0; f < features.size(); f++) {
      if (features.get(f).type() == FeatureType.MULTI_CATEGORICAL) {
        multi[f] = new int[features.get(f).maxValues()];
      }
    }
  }

  /** The scenario that owns feature {@code k}, or -1 for a public feature. */
  int owner(int k) {
    return featureOwner[k];
  }

  /**
   * Finds the configured columns among a file's columns; a missing one is an error that lists the
   * columns the file has.
   */
  void bind(DataFiles.DataFile file, List<String> columns) {
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      index.putIfAbsent(columns.get(c), c);
    }
    DataConfig data = config.data();
    userColumn = require(file, columns, index, data.userColumn(), "data.user_column");
    itemColumn = require(file, columns, index, data.itemColumn(), "data.item_column");
    scenarioColumn = require(file, columns, index, data.scenarioColumn(), "data.scenario_column");
    timeColumn =
        data.timestampColumn() == null
            ? -1
            : require(file, columns, index, data.timestampColumn(), "data.timestamp_column");
    activityColumn =
        data.activity().column() == null
            ? -1
            : require(file, columns, index, data.activity().column(), "data.activity.column");
    for (int t = 0; t < config.tasks().size(); t++) {
      TaskConfig task = config.tasks().get(t);
      labelColumns[t] =
          require(file, columns, index, task.labelColumn(), "tasks[" + t + "].label_column");
      String oracleColumn = data.oracleColumns().get(task.id());
      oracleColumns[t] =
          oracleColumn == null
              ? -1
              : require(file, columns, index, oracleColumn, "data.oracle_columns." + task.id());
    }
    for (int k = 0; k < features.size(); k++) {
      FeatureConfig feature = features.get(k);
      String place =
          featureOwner[k] < 0
              ? "feature " + feature.name()
              : "private feature "
                  + feature.name()
                  + " of scenario "
                  + config.scenarios().get(featureOwner[k]).id();
      featureColumns[k] = require(file, columns, index, feature.column(), place);
    }
  }

  /**
   * Parses the reader's current row.
   *
   * @param rowNumber stands in for the time when the data has no timestamp column
   * @throws BadValueException naming the column, the value and what is accepted
   */
  void parse(RowReader reader, long rowNumber) {
    Object scenarioValue = reader.value(scenarioColumn);
    if (scenarioValue == null) {
      throw new BadValueException(config.data().scenarioColumn(), null, "is required");
    }
    scenario = encoder.scenarioIndex(scenarioValue);
    userKey = requiredKey(reader, userColumn, config.data().userColumn());
    itemKey = requiredKey(reader, itemColumn, config.data().itemColumn());
    time =
        timeColumn < 0
            ? rowNumber
            : RawValues.epochSeconds(config.data().timestampColumn(), reader.value(timeColumn));
    readyActivity =
        activityColumn < 0
            ? 0
            : ActivityLevels.clip(
                RawValues.number(config.data().activity().column(), reader.value(activityColumn)));

    boolean[] own = scenarioTasks[scenario];
    for (int t = 0; t < labels.length; t++) {
      TaskConfig task = config.tasks().get(t);
      // A task the scenario lacks is absent, whatever the column holds: never a negative.
      labels[t] =
          own[t]
              ? RawValues.label(
                  task.labelColumn(), reader.value(labelColumns[t]), task.positiveThreshold())
              : FeatureEncoder.LABEL_ABSENT;
      oracle[t] = oracleColumns[t] < 0 ? Float.NaN : oracle(t, reader.value(oracleColumns[t]));
    }

    for (int k = 0; k < features.size(); k++) {
      FeatureConfig feature = features.get(k);
      boolean read = featureOwner[k] < 0 || featureOwner[k] == scenario;
      Object raw = read ? reader.value(featureColumns[k]) : null;
      switch (feature.type()) {
        case CATEGORICAL -> categorical[k] = encoder.categorical(feature, raw);
        case NUMERIC -> numeric[k] = encoder.transformed(feature, raw);
        case MULTI_CATEGORICAL -> encoder.multiCategorical(feature, raw, multi[k], 0);
      }
    }
  }

  private float oracle(int task, Object raw) {
    String column = config.data().oracleColumns().get(config.tasks().get(task).id());
    double probability = RawValues.number(column, raw);
    if (!Double.isNaN(probability) && (probability < 0 || probability > 1)) {
      throw new BadValueException(column, raw, "is not a probability; accepted: 0 to 1");
    }
    return (float) probability;
  }

  private static long requiredKey(RowReader reader, int column, String name) {
    String text = RawValues.text(reader.value(column));
    if (text == null) {
      throw new BadValueException(name, null, "is required");
    }
    return FeatureEncoder.key(text);
  }

  private static int require(
      DataFiles.DataFile file,
      List<String> columns,
      Map<String, Integer> index,
      String column,
      String place) {
    Integer found = index.get(column);
    if (found == null) {
      throw new TuttiException(
          "Data file "
              + file.path()
              + " has no column '"
              + column
              + "' ("
              + place
              + "); its columns are "
              + columns
              + ".");
    }
    return found;
  }

  /** The scenarios' ids, for messages. */
  List<String> scenarioIds() {
    return config.scenarios().stream().map(ScenarioConfig::id).toList();
  }
}
