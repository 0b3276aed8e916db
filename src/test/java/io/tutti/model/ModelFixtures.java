package io.tutti.model;

import io.tutti.config.ConfigLoader;
import io.tutti.config.ModelConfig;
import io.tutti.config.SequenceConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * A world small enough to read: two scenarios, three tasks, public and private features, and the
 * three behaviour sequences, with synthetic batches whose labels follow a known rule.
 *
 * <p>Scenario {@code daily} has play and like, and the private features {@code slot} (numeric) and
 * {@code mood} (categorical, overfit-prone); {@code stream} has play and click and the private
 * feature {@code skips} (numeric). A sample's true probability of play rises with the item's
 * parity, the user's age and how often the item was played before.
 */
public final class ModelFixtures {
  static final String CONFIG =
      """
      format_version: 1
      name: model fixture
      data:
        samples: samples.csv
        user_column: user_id
        item_column: item_id
        scenario_column: scenario
        timestamp_column: ts
        behaviour: {path: plays.csv}
      tasks: [{id: play}, {id: like}, {id: click}]
      scenarios:
        - id: daily
          tasks: [play, like]
          private_features:
            - {name: slot, type: numeric}
            - {name: mood, type: categorical, buckets: 5, overfit_prone: true}
        - id: stream
          tasks: [play, click]
          private_features: [{name: skips, type: numeric}]
      features:
        user:
          - {name: age, type: numeric}
          - {name: user_id, type: categorical, buckets: 50}
        item:
          - {name: item_id, type: categorical, buckets: 40, embedding_dim: 8}
          - {name: tags, type: multi_categorical, buckets: 10, max_values: 3}
        context: []
      sequences:
        - {id: long, feature: item_id, max_length: 40}
        - {id: mid, feature: item_id, max_length: 8}
        - {id: short, feature: item_id, max_length: 4}
      model:
        embedding_dim: 8
        long_top_k: 4
        public_units: [16]
        sen_units: 8
        experts: 2
        expert_units: [8]
        tower_units: [4]
        dropout: 0.1
      training: {threads: 1, learning_rate: 0.01, embedding_learning_rate: 0.1}
      """;

  static final int ITEMS = 40;

  private ModelFixtures() {}

  /** The fixture's config, loaded from a file written in {@code directory}. */
  static TuttiConfig config(Path directory) {
    return config(directory, CONFIG);
  }

  /** A config read from {@code yaml}, written in {@code directory} with empty data files. */
  public static TuttiConfig config(Path directory, String yaml) {
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("tutti.yaml"), yaml);
      Files.writeString(directory.resolve("samples.csv"), "user_id,item_id,scenario,ts\n");
      Files.writeString(directory.resolve("plays.csv"), "user_id,item_id,ts\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ConfigLoader.load(directory.resolve("tutti.yaml"));
  }

  /** The config with one model setting changed. */
  static TuttiConfig withModel(TuttiConfig config, UnaryOperator<ModelConfig> change) {
    return config.withModel(change.apply(config.model()));
  }

  /** A model config with the given switches over {@code base}. */
  static ModelConfig model(
      ModelConfig base,
      String type,
      String interest,
      boolean sen,
      boolean privateFeatures,
      boolean taskMask) {
    return new ModelConfig(
        type,
        base.embeddingDim(),
        interest,
        base.longTopK(),
        base.attentionHeads(),
        base.publicUnits(),
        sen,
        base.senUnits(),
        privateFeatures,
        taskMask,
        base.experts(),
        base.taskExperts(),
        base.pleLevels(),
        base.expertUnits(),
        base.towerUnits(),
        base.dropout(),
        base.overfitDropout(),
        base.overfitL2(),
        base.l2());
  }

  /**
   * A batch of {@code rows} zero samples (its size set to {@code rows}), laid out as the data layer
   * lays it.
   */
  public static Batch allocate(TuttiConfig config, int rows) {
    Batch batch = Batch.allocate(config, rows);
    batch.size = rows;
    return batch;
  }

  /**
   * A batch of the fixture's world (the config of {@link #CONFIG}, possibly with other model
   * settings): random features, sequences of random lengths (some empty), and labels drawn from a
   * rule the model can learn. Only the scenarios in {@code scenarios} appear.
   */
  static Batch batch(TuttiConfig config, int rows, long seed, int... scenarios) {
    SplittableRandom random = new SplittableRandom(seed);
    Batch batch = allocate(config, rows);
    int tasks = config.tasks().size();
    int[] lengths = config.sequences().stream().mapToInt(SequenceConfig::maxLength).toArray();
    for (int r = 0; r < rows; r++) {
      int scenario = scenarios[random.nextInt(scenarios.length)];
      batch.scenario[r] = scenario;
      float age = (float) random.nextGaussian();
      int item = 1 + random.nextInt(ITEMS);
      batch.numeric[r] = age;
      batch.categorical[r * 2] = 1 + random.nextInt(50);
      batch.categorical[r * 2 + 1] = item;
      int tagCount = random.nextInt(4);
      for (int v = 0; v < tagCount; v++) {
        batch.multiCategorical[0][r * 3 + v] = 1 + random.nextInt(10);
      }
      if (scenario == 0) {
        batch.privateNumeric[0][r * 1] = (float) random.nextGaussian();
        batch.privateCategorical[0][r] = random.nextInt(6);
      } else {
        batch.privateNumeric[1][r] = (float) random.nextGaussian();
      }
      int replays = 0;
      for (int q = 0; q < lengths.length; q++) {
        int length = random.nextInt(lengths[q] + 1);
        batch.sequenceLengths[q][r] = length;
        for (int i = 0; i < length; i++) {
          int played = random.nextInt(4) == 0 ? item : 1 + random.nextInt(ITEMS);
          batch.sequences[q][r * lengths[q] + i] = played;
          if (played == item) {
            replays++;
          }
        }
      }
      double logit = (item % 2 == 0 ? 1.5 : -1.5) + 0.8 * age + 0.3 * replays;
      double play = 1 / (1 + Math.exp(-logit));
      batch.weight[r] = 1f;
      for (int t = 0; t < tasks; t++) {
        boolean owned = config.scenarios().get(scenario).hasTask(config.tasks().get(t).id());
        if (!owned) {
          continue;
        }
        batch.labelMask[r * tasks + t] = 1f;
        double p = t == 0 ? play : play * 0.5;
        batch.labels[r * tasks + t] = random.nextDouble() < p ? 1f : 0f;
      }
    }
    return batch;
  }
}
