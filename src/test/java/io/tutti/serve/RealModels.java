package io.tutti.serve;

import io.tutti.common.AtomicFiles;
import io.tutti.config.TuttiConfig;
import io.tutti.data.FeatureEncoder;
import io.tutti.model.ModelDirectory;
import io.tutti.model.ModelMetadata;
import io.tutti.model.Models;
import io.tutti.model.TrainableModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Real models for the serving tests: the TensorFlow model of a config, untrained (its initial
 * weights are as good as any for checking that serving scores as offline prediction does), exported
 * and written as a model directory exactly as {@code tutti train} lays one out.
 */
public final class RealModels {
  /**
   * The serving fixture's world with one real model, {@code models/v1}, made once per test JVM:
   * building the TensorFlow graph takes the better part of a minute on a busy 2-core machine.
   *
   * @param dir the world's directory: tutti.yaml, samples.csv, plays.csv, compiled/
   * @param config its config
   * @param encoder its fitted encoder
   * @param models the directory of model versions
   */
  public record World(Path dir, TuttiConfig config, FeatureEncoder encoder, Path models) {}

  private static World shared;

  private RealModels() {}

  /** The shared world; removed when the JVM exits. Tests must not change it. */
  public static synchronized World shared() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("tutti-serve-real-model");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> AtomicFiles.deleteQuietly(dir)));
        TuttiConfig config = ServeFixtures.world(dir);
        FeatureEncoder encoder = ServeFixtures.fittedEncoder(config, dir);
        writeModelDirectory(config, encoder, dir.resolve("models").resolve("v1"));
        shared = new World(dir, config, encoder, dir.resolve("models"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** Writes a model directory for {@code config} at {@code target} and returns it. */
  public static Path writeModelDirectory(TuttiConfig config, FeatureEncoder encoder, Path target) {
    ModelDirectory.write(
        target,
        config,
        encoder,
        metadata(config),
        directory -> {
          try (TrainableModel model = Models.create(config)) {
            model.exportSavedModel(ModelDirectory.savedModelPath(directory));
          }
        });
    return target;
  }

  private static ModelMetadata metadata(TuttiConfig config) {
    return new ModelMetadata(
        ModelDirectory.FORMAT_VERSION,
        config.model().type(),
        "2026-12-04T00:00:00Z",
        "development build",
        ModelDirectory.tuttiCommit(),
        config.name(),
        new ModelMetadata.DataRange("(untrained)", "", true, 0, 0, Map.of(), Map.of()),
        Map.of(),
        0,
        0,
        Map.of(),
        new ModelMetadata.TrainingHistory(List.of(), 0, false, "untrained: no epoch"),
        List.of(),
        Map.of());
  }
}
