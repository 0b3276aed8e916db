package io.tutti.train;

import io.tutti.config.ConfigLoader;
import io.tutti.config.TrainingConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Dataset;
import io.tutti.data.Datasets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A small world with a known truth for the trainer's tests: two scenarios, three tasks, labels
 * drawn from logistic functions of the item and a numeric price.
 *
 * <p>Scenario {@code daily} has play and like; {@code stream} has click and play and keeps a
 * quarter of its negatives when training (sampling rate 0.25). An item's effect is fixed by its
 * number, so items carry signal that a model can learn within a few epochs; users carry none.
 */
final class TrainFixtures {
  static final String CONFIG =
      """
      format_version: 1
      name: train-fixture
      data:
        samples: samples.csv
        user_column: user_id
        item_column: item_id
        scenario_column: scenario
        timestamp_column: ts
        oracle_columns: {click: oracle_click}
        behaviour: {path: plays.csv}
        split: {by: time, validation_fraction: 0.2, test_fraction: 0.2}
      tasks: [{id: play}, {id: like}, {id: click}]
      scenarios:
        - {id: daily, tasks: [play, like]}
        - {id: stream, tasks: [click, play], sampling_rate: 0.25}
      features:
        user: [{name: user_id, type: categorical, buckets: 200}]
        item:
          - {name: item_id, type: categorical, buckets: 500}
          - {name: price, type: numeric}
      sequences:
        - {id: long, feature: item_id, max_length: 16}
        - {id: short, feature: item_id, max_length: 4}
      model:
        embedding_dim: 8
        long_top_k: 8
        public_units: [32]
        sen_units: 8
        experts: 2
        expert_units: [16]
        tower_units: [8]
      training:
        batch_size: 128
        epochs: 3
        checkpoint_every_steps: 7
        learning_rate: 0.01
        embedding_learning_rate: 0.1
        early_stopping_patience: 1
        validation_max_samples: 100000
        threads: 1
      """;

  private TrainFixtures() {}

  /** Writes {@code samples} samples and the config into {@code directory}; returns the config. */
  static TuttiConfig write(Path directory, int samples, long seed) {
    return write(directory, samples, seed, CONFIG);
  }

  /** As {@link #write(Path, int, long)} with another config text. */
  static TuttiConfig write(Path directory, int samples, long seed, String config) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder csv =
        new StringBuilder("user_id,item_id,scenario,ts,play,like,click,price,oracle_click\n");
    for (int i = 0; i < samples; i++) {
      int user = random.nextInt(40);
      int item = random.nextInt(60);
      boolean daily = random.nextInt(2) == 0;
      double price = random.nextDouble() * 4;
      double itemEffect = ((item * 37) % 60) / 15.0 - 2.0;
      double affinity = item % 3 == user % 3 ? 1.0 : 0.0;
      int play = bernoulli(random, -0.8 + itemEffect + 0.3 * price - 0.6 + affinity);
      double clickProbability = sigmoid(-1.5 - itemEffect * 0.8);
      int click = random.nextDouble() < clickProbability ? 1 : 0;
      if (daily) {
        int like = bernoulli(random, -2.0 + itemEffect);
        csv.append(
            String.format(
                Locale.ROOT,
                "u%d,i%d,daily,%d,%d,%d,,%.3f,\n",
                user,
                item,
                1000 + i,
                play,
                like,
                price));
      } else {
        csv.append(
            String.format(
                Locale.ROOT,
                "u%d,i%d,stream,%d,%d,,%d,%.3f,%.6f\n",
                user,
                item,
                1000 + i,
                play,
                click,
                price,
                clickProbability));
      }
    }
    // The play log: each user plays mostly items of their own kind (item % 3 == user % 3), the
    // affinity that raises their play probability, so that the sequences carry signal.
    StringBuilder plays = new StringBuilder("user_id,item_id,ts\n");
    for (int user = 0; user < 40; user++) {
      for (int event = 0; event < 60; event++) {
        int item = random.nextInt(20) * 3 + (random.nextInt(4) == 0 ? random.nextInt(3) : user % 3);
        long time = random.nextLong(1000 + samples);
        plays.append('u').append(user).append(",i").append(item).append(',').append(time);
        plays.append('\n');
      }
    }
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("tutti.yaml"), config);
      Files.writeString(directory.resolve("samples.csv"), csv.toString());
      Files.writeString(directory.resolve("plays.csv"), plays.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ConfigLoader.load(directory.resolve("tutti.yaml"));
  }

  /** The config with other training settings; the rest of training stays. */
  static TuttiConfig training(
      TuttiConfig config,
      int epochs,
      double learningRate,
      double embeddingLearningRate,
      String schedule,
      int warmupSteps,
      int patience) {
    TrainingConfig t = config.training();
    return config.withTraining(
        new TrainingConfig(
            t.batchSize(),
            epochs,
            t.seed(),
            t.optimizer(),
            learningRate,
            embeddingLearningRate,
            schedule,
            warmupSteps,
            t.clipNorm(),
            patience,
            t.checkpointEverySteps(),
            t.threads(),
            t.validationMaxSamples()));
  }

  /** Compiles the world in {@code directory} into {@code directory/compiled} and opens it. */
  static Dataset compile(Path directory, TuttiConfig config) {
    Path compiled = directory.resolve("compiled");
    if (!Datasets.isCompiled(compiled)) {
      Datasets.compile(config, directory.resolve("samples.csv"), compiled, false);
    }
    return Datasets.open(compiled, config);
  }

  private static int bernoulli(SplittableRandom random, double logit) {
    return random.nextDouble() < sigmoid(logit) ? 1 : 0;
  }

  private static double sigmoid(double logit) {
    return 1 / (1 + Math.exp(-logit));
  }
}
