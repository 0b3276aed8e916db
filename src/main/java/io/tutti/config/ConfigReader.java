package io.tutti.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds a {@link TuttiConfig} from the parsed tree of one {@code tutti.yaml}: fills every default,
 * resolves paths against the file's directory, and checks each section against what it can see.
 *
 * <p>Scenarios are read after the tasks, so their task lists, main task and weights are checked
 * here with their exact key paths; the data section is read by {@link DataReader}. Checks that need
 * the whole file (unique ids, feature references, sequences) are left to {@link ConfigChecks}.
 * Every list element becomes a record, even a broken one, so that the indices of the records are
 * the indices of the file.
 */
final class ConfigReader {
  static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
  static final String ID_RULE = "an id matching [a-z][a-z0-9_]*";

  static final List<String> TOP_KEYS =
      List.of(
          "format_version",
          "name",
          "data",
          "tasks",
          "scenarios",
          "features",
          "sequences",
          "model",
          "training");
  static final List<String> TASK_KEYS =
      List.of("id", "label_column", "loss_weight", "positive_threshold");
  static final List<String> SCENARIO_KEYS =
      List.of(
          "id",
          "source_value",
          "item_type",
          "tasks",
          "main_task",
          "sampling_rate",
          "loss_weights",
          "score_weights",
          "private_features");
  static final List<String> FEATURES_KEYS = List.of("user", "item", "context");
  static final List<String> SEQUENCE_KEYS = List.of("id", "column", "feature", "max_length");

  static final String DEFAULT_ITEM_TYPE = "item";

  private final Path directory;
  private final Problems problems;

  /** A reader for a file in {@code directory}, the base of its relative paths. */
  ConfigReader(Path directory, Problems problems) {
    this.directory = directory;
    this.problems = problems;
  }

  /**
   * The config of the tree at {@code root}, or null when the file cannot be read as this format at
   * all (not a mapping, or another format version); the reasons are in the problems.
   */
  TuttiConfig read(YamlNode root, Path source) {
    String topLevel = "a mapping with the keys " + String.join(", ", TOP_KEYS);
    if (!root.isPresent()) {
      problems.add("", "the file is empty", null, topLevel);
      return null;
    }
    if (!root.isMapping(topLevel)) {
      return null;
    }

    // An unknown version means another release wrote the file; its other keys may mean
    // something else there, so they are not judged by this release's rules.
    YamlNode versionNode = root.get("format_version");
    String versionRule = "the format version " + TuttiConfig.FORMAT_VERSION;
    if (versionNode.require(versionRule)) {
      int version = versionNode.integer(-1, v -> true, versionRule);
      if (version != TuttiConfig.FORMAT_VERSION) {
        if (version != -1) {
          versionNode.refuse("unknown format version", versionRule);
        }
        return null;
      }
    }
    root.checkKeys(TOP_KEYS, "the config");

    String name = root.get("name").text(defaultName());
    ModelConfig model = SettingsReader.readModel(root.get("model"));
    List<TaskConfig> tasks = readTasks(root.get("tasks"));
    DataConfig data = new DataReader(directory).read(root.get("data"), tasks);
    FeatureReader featureReader = new FeatureReader(model.embeddingDim());
    FeaturesConfig features = readFeatures(root.get("features"), featureReader);
    List<ScenarioConfig> scenarios = readScenarios(root.get("scenarios"), tasks, featureReader);
    List<SequenceConfig> sequences = readSequences(root.get("sequences"), data);
    TrainingConfig training = SettingsReader.readTraining(root.get("training"));
    return new TuttiConfig(
        source,
        TuttiConfig.FORMAT_VERSION,
        name,
        data,
        tasks,
        scenarios,
        features,
        sequences,
        model,
        training);
  }

  /** A required id; null (and an error) when missing or not of the id syntax. */
  static String readId(YamlNode node) {
    String id = node.requiredText(ID_RULE);
    if (id != null && !ID.matcher(id).matches()) {
      node.refuse("bad id", ID_RULE);
      return null;
    }
    return id;
  }

  private String defaultName() {
    Path folder = directory.getFileName();
    return folder == null ? "tutti" : folder.toString();
  }

  private List<TaskConfig> readTasks(YamlNode node) {
    List<TaskConfig> tasks = new ArrayList<>();
    for (YamlNode element : node.elements("a list of tasks, at least one", true)) {
      if (!element.isMapping("a task: a mapping with the keys " + String.join(", ", TASK_KEYS))) {
        tasks.add(new TaskConfig(null, null, 1.0, null));
        continue;
      }
      element.checkKeys(TASK_KEYS, "a task");
      String id = readId(element.get("id"));
      tasks.add(
          new TaskConfig(
              id,
              element.get("label_column").text(id),
              element.get("loss_weight").number(1.0, w -> w > 0, "a number > 0"),
              element.get("positive_threshold").optionalNumber(t -> true, "a number")));
    }
    return tasks;
  }

  private FeaturesConfig readFeatures(YamlNode node, FeatureReader reader) {
    if (!node.isMapping("a mapping with the keys " + String.join(", ", FEATURES_KEYS))) {
      return new FeaturesConfig(List.of(), List.of(), List.of());
    }
    node.checkKeys(FEATURES_KEYS, "features");
    return new FeaturesConfig(
        reader.readList(node.get("user"), false),
        reader.readList(node.get("item"), false),
        reader.readList(node.get("context"), false));
  }

  private List<ScenarioConfig> readScenarios(
      YamlNode node, List<TaskConfig> tasks, FeatureReader featureReader) {
    List<ScenarioConfig> scenarios = new ArrayList<>();
    for (YamlNode element : node.elements("a list of scenarios, at least one", true)) {
      scenarios.add(readScenario(element, tasks, featureReader));
    }
    return scenarios;
  }

  private ScenarioConfig readScenario(
      YamlNode node, List<TaskConfig> declared, FeatureReader featureReader) {
    if (!node.isMapping(
        "a scenario: a mapping with the keys " + String.join(", ", SCENARIO_KEYS))) {
      return new ScenarioConfig(
          null, null, DEFAULT_ITEM_TYPE, List.of(), null, 1.0, Map.of(), Map.of(), List.of());
    }
    node.checkKeys(SCENARIO_KEYS, "a scenario");
    String id = readId(node.get("id"));
    Set<String> taskIds = ids(declared);

    List<String> tasks = new ArrayList<>();
    for (YamlNode element :
        node.get("tasks").elements("a non-empty list of declared task ids", true)) {
      String task = element.requiredText(known(declared));
      if (task == null) {
        continue;
      }
      if (!taskIds.contains(task)) {
        element.refuse("unknown task", known(declared));
      } else if (tasks.contains(task)) {
        element.refuse("task listed twice", "each task once");
      } else {
        tasks.add(task);
      }
    }

    // A refused main task falls back to the default, so that the score weights derived from
    // it do not add a second error for the same mistake.
    YamlNode mainNode = node.get("main_task");
    String firstTask = tasks.isEmpty() ? null : tasks.get(0);
    String mainTask = mainNode.text(firstTask);
    if (mainNode.isPresent() && mainTask != null && !tasks.contains(mainTask)) {
      mainNode.refuse("the main task is not one of the scenario's tasks", "one of " + tasks);
      mainTask = firstTask;
    }

    // Weights are completed so that every task of the scenario has both, which spares every
    // reader of the config the defaults.
    Map<String, Double> lossWeights =
        readWeights(node.get("loss_weights"), tasks, w -> w > 0, "a number > 0");
    for (TaskConfig task : declared) {
      if (tasks.contains(task.id())) {
        lossWeights.putIfAbsent(task.id(), task.lossWeight());
      }
    }
    Map<String, Double> scoreWeights =
        readWeights(node.get("score_weights"), tasks, w -> w >= 0, "a number >= 0");
    for (String task : tasks) {
      scoreWeights.putIfAbsent(task, task.equals(mainTask) ? 1.0 : 0.0);
    }
    if (!scoreWeights.isEmpty() && scoreWeights.values().stream().allMatch(w -> w == 0)) {
      problems.add(
          node.get("score_weights").path(),
          "every score weight is 0, so every item scores the same",
          scoreWeights.toString(),
          "at least one weight > 0");
    }

    return new ScenarioConfig(
        id,
        node.get("source_value").text(id),
        node.get("item_type").text(DEFAULT_ITEM_TYPE),
        tasks,
        mainTask,
        node.get("sampling_rate").number(1.0, r -> r > 0 && r <= 1, "a number in (0, 1]"),
        lossWeights,
        scoreWeights,
        featureReader.readList(node.get("private_features"), true));
  }

  /** Per-task weights of one scenario; a weight for a task it lacks is an error. */
  private static Map<String, Double> readWeights(
      YamlNode node,
      List<String> tasks,
      java.util.function.DoublePredicate valid,
      String accepted) {
    Map<String, Double> weights = new LinkedHashMap<>();
    if (!node.isMapping("a mapping of task id to weight")) {
      return weights;
    }
    for (String task : node.keys()) {
      YamlNode weight = node.get(task);
      if (!tasks.contains(task)) {
        node.problems()
            .add(
                weight.path(),
                "weight for a task the scenario does not have",
                YamlNode.quote(task),
                "the scenario's tasks " + tasks);
        continue;
      }
      Double value = weight.require(accepted) ? weight.optionalNumber(valid, accepted) : null;
      if (value != null) {
        weights.put(task, value);
      }
    }
    return weights;
  }

  private List<SequenceConfig> readSequences(YamlNode node, DataConfig data) {
    String defaultColumn = data.behaviour() == null ? null : data.behaviour().itemColumn();
    List<SequenceConfig> sequences = new ArrayList<>();
    for (YamlNode element : node.elements("a list of sequences")) {
      if (!element.isMapping(
          "a sequence: a mapping with the keys " + String.join(", ", SEQUENCE_KEYS))) {
        sequences.add(new SequenceConfig(null, null, null, 0));
        continue;
      }
      element.checkKeys(SEQUENCE_KEYS, "a sequence");
      YamlNode idNode = element.get("id");
      String id = idNode.requiredText("one of " + String.join(", ", SequenceConfig.ROLES));
      if (id != null) {
        id = idNode.choice(null, SequenceConfig.ROLES);
      }
      YamlNode lengthNode = element.get("max_length");
      String lengthRule = "an integer in [1, " + SequenceConfig.MAX_LENGTH + "]";
      int maxLength =
          lengthNode.require(lengthRule)
              ? lengthNode.integer(0, v -> v > 0 && v <= SequenceConfig.MAX_LENGTH, lengthRule)
              : 0;
      sequences.add(
          new SequenceConfig(
              id,
              element.get("column").text(defaultColumn),
              element.get("feature").requiredText("the name of an embedded public feature"),
              maxLength));
    }
    return sequences;
  }

  static Set<String> ids(List<TaskConfig> tasks) {
    Set<String> ids = new HashSet<>();
    for (TaskConfig task : tasks) {
      if (task.id() != null) {
        ids.add(task.id());
      }
    }
    return ids;
  }

  static String known(List<TaskConfig> tasks) {
    List<String> ids =
        tasks.stream().map(TaskConfig::id).filter(id -> id != null).distinct().toList();
    return "one of the declared tasks " + ids;
  }
}
