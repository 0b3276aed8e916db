package io.tutti.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a resolved config as {@code tutti.yaml} text, every default spelled out, keys in the order
 * of docs/config.md.
 *
 * <p>A feature is written with the keys of its type only, and a feature that shares a table without
 * the table's size, so that the text loads back to the same records.
 */
final class ConfigWriter {
  private static final YAMLMapper WRITER =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .build();

  private final Path directory;

  private ConfigWriter(Path directory) {
    this.directory = directory;
  }

  static String write(TuttiConfig config) {
    Path directory = config.source() == null ? null : config.source().getParent();
    ObjectNode root = new ConfigWriter(directory).root(config);
    try {
      return WRITER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      // A tree of plain values always serialises; a failure here is a bug, not bad input.
      throw new IllegalStateException("Could not write the config as YAML", e);
    }
  }

  private ObjectNode root(TuttiConfig config) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("format_version", config.formatVersion());
    root.put("name", config.name());
    root.set("data", data(config.data()));
    ArrayNode tasks = root.putArray("tasks");
    for (TaskConfig task : config.tasks()) {
      ObjectNode node = tasks.addObject();
      node.put("id", task.id());
      node.put("label_column", task.labelColumn());
      node.put("loss_weight", task.lossWeight());
      node.put("positive_threshold", task.positiveThreshold());
    }
    ArrayNode scenarios = root.putArray("scenarios");
    for (ScenarioConfig scenario : config.scenarios()) {
      scenarios.add(scenario(scenario));
    }
    ObjectNode features = root.putObject("features");
    features.set("user", features(config.features().user(), false));
    features.set("item", features(config.features().item(), false));
    features.set("context", features(config.features().context(), false));
    ArrayNode sequences = root.putArray("sequences");
    for (SequenceConfig sequence : config.sequences()) {
      ObjectNode node = sequences.addObject();
      node.put("id", sequence.id());
      node.put("column", sequence.column());
      node.put("feature", sequence.feature());
      node.put("max_length", sequence.maxLength());
    }
    root.set("model", model(config.model()));
    root.set("training", training(config.training()));
    return root;
  }

  private ObjectNode data(DataConfig data) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("samples", path(data.samples()));
    node.put("format", data.format());
    node.put("user_column", data.userColumn());
    node.put("item_column", data.itemColumn());
    node.put("scenario_column", data.scenarioColumn());
    node.put("timestamp_column", data.timestampColumn());
    ObjectNode oracle = node.putObject("oracle_columns");
    data.oracleColumns().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> oracle.put(e.getKey(), e.getValue()));
    DataConfig.Behaviour behaviour = data.behaviour();
    if (behaviour == null) {
      node.putNull("behaviour");
    } else {
      ObjectNode log = node.putObject("behaviour");
      log.put("path", path(behaviour.path()));
      log.put("format", behaviour.format());
      log.put("user_column", behaviour.userColumn());
      log.put("item_column", behaviour.itemColumn());
      log.put("timestamp_column", behaviour.timestampColumn());
    }
    DataConfig.Split split = data.split();
    ObjectNode splitNode = node.putObject("split");
    splitNode.put("by", split.by());
    if (split.by().equals("files")) {
      splitNode.put("train", split.trainGlob());
      splitNode.put("validation", split.validationGlob());
      splitNode.put("test", split.testGlob());
    } else {
      splitNode.put("validation_fraction", split.validationFraction());
      splitNode.put("test_fraction", split.testFraction());
    }
    ObjectNode activity = node.putObject("activity");
    activity.put("window_days", data.activity().windowDays());
    activity.put("column", data.activity().column());
    return node;
  }

  private ObjectNode scenario(ScenarioConfig scenario) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", scenario.id());
    node.put("source_value", scenario.sourceValue());
    node.put("item_type", scenario.itemType());
    ArrayNode tasks = node.putArray("tasks");
    scenario.tasks().forEach(tasks::add);
    node.put("main_task", scenario.mainTask());
    node.put("sampling_rate", scenario.samplingRate());
    // Weights in the scenario's task order, not the map's, so the output is stable.
    ObjectNode lossWeights = node.putObject("loss_weights");
    ObjectNode scoreWeights = node.putObject("score_weights");
    for (String task : scenario.tasks()) {
      lossWeights.put(task, scenario.lossWeights().get(task));
      scoreWeights.put(task, scenario.scoreWeights().get(task));
    }
    node.set("private_features", features(scenario.privateFeatures(), true));
    return node;
  }

  private static ArrayNode features(List<FeatureConfig> features, boolean isPrivate) {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    for (FeatureConfig feature : features) {
      ObjectNode node = list.addObject();
      node.put("name", feature.name());
      node.put("column", feature.column());
      node.put("type", feature.type().yamlName());
      switch (feature.type()) {
        case NUMERIC -> node.put("normalization", feature.normalization().yamlName());
        case CATEGORICAL -> table(node, feature);
        case MULTI_CATEGORICAL -> {
          table(node, feature);
          node.put("separator", feature.separator());
          node.put("max_values", feature.maxValues());
        }
      }
      if (isPrivate) {
        node.put("overfit_prone", feature.overfitProne());
      }
    }
    return list;
  }

  private static void table(ObjectNode node, FeatureConfig feature) {
    if (feature.shareEmbedding() != null) {
      node.put("share_embedding", feature.shareEmbedding());
      return;
    }
    if (feature.vocabulary().isEmpty()) {
      node.put("buckets", feature.buckets());
    } else {
      ArrayNode vocabulary = node.putArray("vocabulary");
      feature.vocabulary().forEach(vocabulary::add);
    }
    node.put("embedding_dim", feature.embeddingDim());
  }

  private static ObjectNode model(ModelConfig model) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("type", model.type());
    node.put("embedding_dim", model.embeddingDim());
    node.put("interest", model.interest());
    node.put("long_top_k", model.longTopK());
    node.put("attention_heads", model.attentionHeads());
    units(node.putArray("public_units"), model.publicUnits());
    node.put("sen", model.sen());
    node.put("sen_units", model.senUnits());
    node.put("private_features", model.privateFeatures());
    node.put("task_mask", model.taskMask());
    node.put("experts", model.experts());
    node.put("task_experts", model.taskExperts());
    node.put("ple_levels", model.pleLevels());
    units(node.putArray("expert_units"), model.expertUnits());
    units(node.putArray("tower_units"), model.towerUnits());
    node.put("dropout", model.dropout());
    node.put("overfit_dropout", model.overfitDropout());
    node.put("overfit_l2", model.overfitL2());
    node.put("l2", model.l2());
    return node;
  }

  private static ObjectNode training(TrainingConfig training) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("batch_size", training.batchSize());
    node.put("epochs", training.epochs());
    node.put("seed", training.seed());
    node.put("optimizer", training.optimizer());
    node.put("learning_rate", training.learningRate());
    node.put("embedding_learning_rate", training.embeddingLearningRate());
    node.put("schedule", training.schedule());
    node.put("warmup_steps", training.warmupSteps());
    node.put("clip_norm", training.clipNorm());
    node.put("early_stopping_patience", training.earlyStoppingPatience());
    node.put("checkpoint_every_steps", training.checkpointEverySteps());
    node.put("threads", training.threads());
    node.put("validation_max_samples", training.validationMaxSamples());
    return node;
  }

  private static void units(ArrayNode array, List<Integer> units) {
    units.forEach(array::add);
  }

  /** A path relative to the config's directory when both are absolute on one root. */
  private String path(Path path) {
    if (path == null) {
      return null;
    }
    if (directory != null
        && path.isAbsolute()
        && directory.isAbsolute()
        && path.getRoot().equals(directory.getRoot())) {
      String relative = directory.relativize(path).toString();
      return relative.isEmpty() ? "." : relative;
    }
    return path.toString();
  }
}
