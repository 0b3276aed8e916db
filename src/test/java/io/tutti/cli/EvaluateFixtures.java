package io.tutti.cli;

import io.tutti.config.ConfigLoader;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.Dataset;
import io.tutti.data.Datasets;
import io.tutti.data.Split;
import io.tutti.model.ModelDirectory;
import io.tutti.model.ModelMetadata;
import io.tutti.model.Scorer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A small simulated world for {@code tutti evaluate}: two scenarios (daily: play, like; mgc:
 * click), labels drawn from known true probabilities written as oracle columns, and model
 * directories around it.
 */
final class EvaluateFixtures {
  static final String CONFIG =
      """
      format_version: 1
      name: evaluate-fixture
      data:
        samples: samples.csv
        user_column: user_id
        item_column: item_id
        scenario_column: scenario
        timestamp_column: ts
        oracle_columns: {play: oracle_play, like: oracle_like, click: oracle_click}
        split: {by: time, validation_fraction: 0.2, test_fraction: 0.5}
        activity: {window_days: 1}
      tasks: [{id: play}, {id: like}, {id: click}]
      scenarios:
        - {id: daily, source_value: d, tasks: [play, like]}
        - {id: mgc, source_value: m, tasks: [click]}
      features:
        user: [{name: age, type: numeric}]
        item: [{name: item_id, type: categorical, buckets: 1000}]
      """;

  static final int ROWS = 1200;

  private EvaluateFixtures() {}

  /**
   * Writes the config and {@value #ROWS} samples into {@code directory}; {@code ageShift} moves
   * every age, so two worlds differ in their numeric statistics.
   */
  static Path world(Path directory, double ageShift) {
    Random random = new Random(3);
    StringBuilder csv =
        new StringBuilder(
            "user_id,item_id,scenario,ts,play,like,click,oracle_play,oracle_like,oracle_click,age\n");
    for (int row = 0; row < ROWS; row++) {
      boolean daily = row % 3 != 2;
      double[] truth = new double[3];
      String[] labels = new String[3];
      for (int t = 0; t < 3; t++) {
        truth[t] = 1 / (1 + Math.exp(-(random.nextGaussian() * 1.5 - 0.3)));
        labels[t] = random.nextDouble() < truth[t] ? "1" : "0";
      }
      csv.append(
          String.format(
              Locale.ROOT,
              "u%d,i%d,%s,%d,%s,%s,%s,%.5f,%.5f,%.5f,%.1f%n",
              row % 40,
              row % 100,
              daily ? "d" : "m",
              1_700_000_000L + row * 60L,
              daily ? labels[0] : "",
              daily ? labels[1] : "",
              daily ? "" : labels[2],
              truth[0],
              truth[1],
              truth[2],
              20 + row % 30 + ageShift));
    }
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("samples.csv"), csv.toString());
      return Files.writeString(directory.resolve("tutti.yaml"), CONFIG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles the world of {@code configFile} into {@code out}. */
  static Path compile(Path configFile, Path out) {
    TuttiConfig config = ConfigLoader.load(configFile);
    Datasets.compile(config, null, out, false);
    return out;
  }

  /**
   * Writes a model directory for the compiled dataset {@code compiled}: the config, the dataset's
   * encoder and metadata with a two-epoch history. It holds no SavedModel; tests that use it give
   * {@code tutti evaluate} a scorer of their own.
   */
  static Path modelDirectory(Path target, Path configFile, Path compiled, String type) {
    TuttiConfig config = ConfigLoader.load(configFile);
    try (Dataset dataset = Datasets.open(compiled, config)) {
      ModelMetadata metadata = metadata(config, dataset, compiled, type);
      ModelDirectory.write(target, config, dataset.encoder(), metadata, directory -> {});
    }
    return target;
  }

  /** Metadata of a model of {@code type} trained on {@code dataset}, with a two-epoch history. */
  static ModelMetadata metadata(TuttiConfig config, Dataset dataset, Path compiled, String type) {
    ModelMetadata.TrainingHistory history =
        new ModelMetadata.TrainingHistory(
            List.of(epoch(1, 0.61, 0.64), epoch(2, 0.58, 0.66)),
            2,
            false,
            "mean over scenarios of the main task's validation AUC");
    return new ModelMetadata(
        ModelDirectory.FORMAT_VERSION,
        type,
        "2026-12-04T08:00:00Z",
        "development build",
        "unknown",
        config.name(),
        new ModelMetadata.DataRange(
            compiled.toString(),
            dataset.provenance().configDigest(),
            true,
            dataset.provenance().firstTimestamp(),
            dataset.provenance().lastTimestamp(),
            Map.of("daily", 240L, "mgc", 120L),
            Map.of("daily", 160L, "mgc", 80L)),
        Map.of("daily", 1.0, "mgc", 1.0),
        1234,
        12.5,
        Map.of(),
        history,
        List.of(),
        Map.of());
  }

  private static ModelMetadata.EpochSummary epoch(int epoch, double loss, double auc) {
    return new ModelMetadata.EpochSummary(
        epoch,
        3.0,
        720,
        12,
        Map.of("play", loss, "like", loss + 0.01, "click", loss - 0.01),
        Map.of("daily", Map.of("play", auc, "like", auc - 0.01), "mgc", Map.of("click", auc)),
        auc);
  }

  /**
   * A scorer for command tests only: the true probability seen through noise of {@code noise}
   * standard deviations on the logit, drawn from the sample's index so every run agrees. It reads
   * the oracle, which a real model never sees, to make a model of known quality.
   */
  static Scorer noisyOracle(TuttiConfig config, double noise) {
    return new Scorer() {
      @Override
      public TuttiConfig config() {
        return config;
      }

      @Override
      public void predict(Batch batch, float[] out) {
        int tasks = config.tasks().size();
        for (int i = 0; i < batch.size; i++) {
          Random random = new Random(batch.sampleIndex[i] * 31 + 7);
          for (int t = 0; t < tasks; t++) {
            double p = Math.min(Math.max(batch.oracle[i * tasks + t], 1e-4), 1 - 1e-4);
            double logit = Math.log(p / (1 - p)) + random.nextGaussian() * noise;
            out[i * tasks + t] = (float) (1 / (1 + Math.exp(-logit)));
          }
        }
      }

      @Override
      public void close() {}
    };
  }

  /** The test split's size, to check what the command scored. */
  static long testSamples(Path configFile, Path compiled) {
    try (Dataset dataset = Datasets.open(compiled, ConfigLoader.load(configFile))) {
      return dataset.size(Split.TEST);
    }
  }
}
