package io.tutti.train;

import io.tutti.config.ScenarioConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Dataset;
import io.tutti.data.Provenance;
import io.tutti.data.Split;
import io.tutti.model.ModelDirectory;
import io.tutti.model.ModelMetadata;
import io.tutti.model.ModelMetadata.DataRange;
import io.tutti.model.ModelMetadata.TrainingHistory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a fitted model as a model directory, with the metadata its run gathered. */
public final class ModelExport {
  private ModelExport() {}

  /**
   * Writes {@code fitted} to {@code modelDirectory}, atomically, then removes the run's
   * checkpoints: the SavedModel, the resolved config, the dataset's encoder and the metadata.
   *
   * @return the metadata written
   */
  public static ModelMetadata save(FittedModel fitted, Dataset dataset, Path modelDirectory) {
    TrainerState state = fitted.state();
    ModelMetadata metadata =
        metadata(
            dataset,
            fitted.model().parameterCount(),
            state.trainSeconds(),
            state.bestValidation(),
            new TrainingHistory(
                state.history(),
                state.bestEpoch(),
                state.stoppedEarly(),
                Validation.SCORE_DESCRIPTION),
            List.of(),
            Map.of());
    ModelDirectory.write(
        modelDirectory,
        dataset.config(),
        dataset.encoder(),
        metadata,
        directory -> fitted.model().exportSavedModel(ModelDirectory.savedModelPath(directory)));
    fitted.checkpoints().delete();
    return metadata;
  }

  /** The metadata of a model trained on {@code dataset}. */
  static ModelMetadata metadata(
      Dataset dataset,
      long parameterCount,
      double trainSeconds,
      Map<String, Map<String, ModelMetadata.CellMetrics>> validation,
      TrainingHistory history,
      List<String> parts,
      Map<String, TrainingHistory> partHistories) {
    TuttiConfig config = dataset.config();
    Map<String, Double> rates = new LinkedHashMap<>();
    for (ScenarioConfig scenario : config.scenarios()) {
      rates.put(scenario.id(), scenario.samplingRate());
    }
    return new ModelMetadata(
        ModelDirectory.FORMAT_VERSION,
        config.model().type(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        ModelDirectory.tuttiVersion(),
        ModelDirectory.tuttiCommit(),
        config.name(),
        dataRange(dataset),
        rates,
        parameterCount,
        trainSeconds,
        validation,
        history,
        parts,
        partHistories);
  }

  private static DataRange dataRange(Dataset dataset) {
    TuttiConfig config = dataset.config();
    Provenance provenance = dataset.provenance();
    Map<String, Long> train = new LinkedHashMap<>();
    Map<String, Long> validation = new LinkedHashMap<>();
    for (int s = 0; s < config.scenarios().size(); s++) {
      String id = config.scenarios().get(s).id();
      train.put(id, dataset.size(Split.TRAIN, s));
      validation.put(id, dataset.size(Split.VALIDATION, s));
    }
    return new DataRange(
        dataset.directory().toAbsolutePath().toString(),
        provenance.configDigest(),
        provenance.hasTimestamps(),
        provenance.firstTimestamp(),
        provenance.lastTimestamp(),
        train,
        validation);
  }
}
