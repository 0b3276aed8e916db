package io.tutti.train;

import io.tutti.config.TuttiConfig;
import io.tutti.data.Dataset;
import io.tutti.model.ModelDirectory;
import io.tutti.model.ModelMetadata;
import io.tutti.model.ModelMetadata.CellMetrics;
import io.tutti.model.ModelMetadata.TrainingHistory;
import io.tutti.model.ScenarioSlice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code model.type: separate}, the specialist baseline: one model per scenario, each fitted on its
 * own scenario's samples only (with its sampling rate, validation and early stopping), saved
 * together in one model directory that routes each sample to its scenario's model.
 *
 * <p>Each specialist is the model of type {@link ScenarioSlice#SPECIALIST_TYPE} (a shared-bottom
 * network) on a config restricted to its scenario, so it has the same public features and sequences
 * as the unified model but sees no other scenario's samples. Its checkpoints sit in {@code
 * MODEL_DIR.checkpoints/part-ID}; a resumed run skips the specialists already finished.
 */
final class SeparateTraining {
  private static final Logger LOG = LoggerFactory.getLogger(SeparateTraining.class);

  private SeparateTraining() {}

  /** Fits every scenario's specialist and writes them to {@code modelDirectory}. */
  static ModelMetadata train(
      Trainer trainer, Dataset dataset, Path modelDirectory, boolean resume) {
    TuttiConfig config = dataset.config();
    Checkpoints checkpoints = Checkpoints.of(modelDirectory);
    List<FittedModel> specialists = new ArrayList<>();
    try {
      for (int s = 0; s < config.scenarios().size(); s++) {
        ScenarioSlice slice = new ScenarioSlice(config, s);
        LOG.info(
            "Specialist {} of {}: scenario {}",
            s + 1,
            config.scenarios().size(),
            slice.scenarioId());
        TrainingData data = TrainingData.slice(dataset, slice);
        specialists.add(trainer.fit(data, checkpoints.part(slice.scenarioId()), resume));
      }

      Map<String, Map<String, CellMetrics>> validation = new LinkedHashMap<>();
      Map<String, TrainingHistory> histories = new LinkedHashMap<>();
      List<String> parts = new ArrayList<>();
      long parameters = 0;
      double seconds = 0;
      for (int s = 0; s < specialists.size(); s++) {
        String id = config.scenarios().get(s).id();
        TrainerState state = specialists.get(s).state();
        validation.put(id, state.bestValidation().getOrDefault(id, Map.of()));
        histories.put(
            id,
            new TrainingHistory(
                state.history(),
                state.bestEpoch(),
                state.stoppedEarly(),
                Validation.SCORE_DESCRIPTION));
        parts.add(id);
        parameters += specialists.get(s).model().parameterCount();
        seconds += state.trainSeconds();
      }
      ModelMetadata metadata =
          ModelExport.metadata(
              dataset,
              parameters,
              seconds,
              validation,
              new TrainingHistory(
                  List.of(),
                  0,
                  false,
                  "per scenario, in part_histories: " + Validation.SCORE_DESCRIPTION),
              parts,
              histories);
      ModelDirectory.write(
          modelDirectory,
          config,
          dataset.encoder(),
          metadata,
          directory -> {
            for (int s = 0; s < specialists.size(); s++) {
              Path part = ModelDirectory.partPath(directory, parts.get(s));
              specialists.get(s).model().exportSavedModel(part);
            }
          });
      checkpoints.delete();
      return metadata;
    } finally {
      specialists.forEach(FittedModel::close);
    }
  }
}
