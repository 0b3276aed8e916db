package io.tutti.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code model:} and {@code training:} sections: every key optional, every default taken
 * from {@link ModelConfig#defaults()} and {@link TrainingConfig#defaults()}.
 */
final class SettingsReader {
  static final List<String> MODEL_KEYS =
      List.of(
          "type",
          "embedding_dim",
          "interest",
          "long_top_k",
          "attention_heads",
          "public_units",
          "sen",
          "sen_units",
          "private_features",
          "task_mask",
          "experts",
          "task_experts",
          "ple_levels",
          "expert_units",
          "tower_units",
          "dropout",
          "overfit_dropout",
          "overfit_l2",
          "l2");

  static final List<String> TRAINING_KEYS =
      List.of(
          "batch_size",
          "epochs",
          "seed",
          "optimizer",
          "learning_rate",
          "embedding_learning_rate",
          "schedule",
          "warmup_steps",
          "clip_norm",
          "early_stopping_patience",
          "checkpoint_every_steps",
          "threads",
          "validation_max_samples");

  private static final String POSITIVE = "an integer > 0";
  private static final String NON_NEGATIVE = "an integer >= 0";
  private static final String RATE = "a number in [0, 1)";

  private SettingsReader() {}

  static ModelConfig readModel(YamlNode node) {
    ModelConfig d = ModelConfig.defaults();
    if (!node.isMapping("a mapping with the keys " + String.join(", ", MODEL_KEYS))) {
      return d;
    }
    node.checkKeys(MODEL_KEYS, "model");
    return new ModelConfig(
        node.get("type").choice(d.type(), ModelConfig.TYPES),
        node.get("embedding_dim").integer(d.embeddingDim(), v -> v > 0, POSITIVE),
        node.get("interest").choice(d.interest(), ModelConfig.INTERESTS),
        node.get("long_top_k").integer(d.longTopK(), v -> v >= 0, NON_NEGATIVE),
        node.get("attention_heads").integer(d.attentionHeads(), v -> v > 0, POSITIVE),
        readUnits(node.get("public_units"), d.publicUnits()),
        node.get("sen").bool(d.sen()),
        node.get("sen_units").integer(d.senUnits(), v -> v > 0, POSITIVE),
        node.get("private_features").bool(d.privateFeatures()),
        node.get("task_mask").bool(d.taskMask()),
        node.get("experts").integer(d.experts(), v -> v > 0, POSITIVE),
        node.get("task_experts").integer(d.taskExperts(), v -> v > 0, POSITIVE),
        node.get("ple_levels").integer(d.pleLevels(), v -> v > 0, POSITIVE),
        readUnits(node.get("expert_units"), d.expertUnits()),
        readUnits(node.get("tower_units"), d.towerUnits()),
        node.get("dropout").number(d.dropout(), v -> v >= 0 && v < 1, RATE),
        node.get("overfit_dropout").number(d.overfitDropout(), v -> v >= 0 && v < 1, RATE),
        node.get("overfit_l2").number(d.overfitL2(), v -> v >= 0, "a number >= 0"),
        node.get("l2").number(d.l2(), v -> v >= 0, "a number >= 0"));
  }

  static TrainingConfig readTraining(YamlNode node) {
    TrainingConfig d = TrainingConfig.defaults();
    if (!node.isMapping("a mapping with the keys " + String.join(", ", TRAINING_KEYS))) {
      return d;
    }
    node.checkKeys(TRAINING_KEYS, "training");
    return new TrainingConfig(
        node.get("batch_size").integer(d.batchSize(), v -> v > 0, POSITIVE),
        node.get("epochs").integer(d.epochs(), v -> v > 0, POSITIVE),
        node.get("seed").longInteger(d.seed(), v -> true, "an integer"),
        node.get("optimizer").choice(d.optimizer(), TrainingConfig.OPTIMIZERS),
        node.get("learning_rate").number(d.learningRate(), v -> v > 0, "a number > 0"),
        node.get("embedding_learning_rate")
            .number(d.embeddingLearningRate(), v -> v > 0, "a number > 0"),
        node.get("schedule").choice(d.schedule(), TrainingConfig.SCHEDULES),
        node.get("warmup_steps").integer(d.warmupSteps(), v -> v >= 0, NON_NEGATIVE),
        node.get("clip_norm").number(d.clipNorm(), v -> v >= 0, "a number >= 0 (0 disables)"),
        node.get("early_stopping_patience")
            .integer(d.earlyStoppingPatience(), v -> v > 0, POSITIVE),
        node.get("checkpoint_every_steps").integer(d.checkpointEverySteps(), v -> v > 0, POSITIVE),
        node.get("threads").integer(d.threads(), v -> v >= 0, "an integer >= 0 (0: every core)"),
        node.get("validation_max_samples").integer(d.validationMaxSamples(), v -> v > 0, POSITIVE));
  }

  /** A non-empty list of layer widths, each > 0. */
  private static List<Integer> readUnits(YamlNode node, List<Integer> fallback) {
    String accepted = "a non-empty list of integers > 0";
    if (!node.isPresent()) {
      return fallback;
    }
    List<Integer> units = new ArrayList<>();
    for (YamlNode element : node.elements(accepted, true)) {
      int width = element.require(accepted) ? element.integer(0, v -> v > 0, accepted) : 0;
      if (width > 0) {
        units.add(width);
      }
    }
    return units.isEmpty() ? fallback : units;
  }
}
