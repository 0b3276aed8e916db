package io.tutti.serve;

import io.tutti.config.TuttiConfig;
import io.tutti.data.FeatureEncoder;
import io.tutti.model.ModelDirectory;
import io.tutti.model.ModelMetadata;
import io.tutti.model.Models;
import io.tutti.model.TrainableModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Real models for the serving tests: the TensorFlow model of a config, untrained (its initial
 * weights are as good as any for checking that serving scores as offline prediction does), exported
 * and written as a model directory exactly as {@code tutti train} lays one out.
 */
final class RealModels {
  private RealModels() {}

  /** Writes a model directory for {@code config} at {@code target} and returns it. */
  static Path writeModelDirectory(TuttiConfig config, FeatureEncoder encoder, Path target) {
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
        List.of());
  }
}
