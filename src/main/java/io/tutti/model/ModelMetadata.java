package io.tutti.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model directory says about its model besides the weights: its format version, where it
 * came from (build, data, sampling), how well it did on validation, and how training went epoch by
 * epoch. Saved as {@code tutti-model.json}; see docs/training.md for the layout.
 *
 * <p>Metrics that are undefined (an AUC with one class absent, a task a batch never saw) are null,
 * never NaN, so the JSON stays plain JSON.
 *
 * @param formatVersion the model directory format; {@link ModelDirectory#FORMAT_VERSION} is read
 * @param modelType the config's {@code model.type}: {@code unified}, {@code separate} or a baseline
 * @param created when the directory was written, ISO-8601 UTC
 * @param tuttiVersion the Tutti release that trained it
 * @param tuttiCommit the git commit of that release's build, or {@code unknown}
 * @param configName the config's {@code name}
 * @param data the training data's range and size
 * @param samplingRates per scenario id, the share of negatives kept when mixing
 * @param parameterCount trainable parameters, embedding rows included (summed over parts)
 * @param trainSeconds wall-clock seconds spent training, resumed runs included
 * @param validation per scenario id and task id, the metrics of the saved weights on validation
 * @param history the training history, one entry per epoch; for {@code separate}, no epochs (see
 *     {@code partHistories})
 * @param parts scenario ids with a model of their own under {@code saved_models/}: empty for a
 *     single model that scores every scenario, every scenario for {@code separate}
 * @param partHistories per scenario id, the training history of its own model ({@code separate});
 *     empty for a single model
 */
public record ModelMetadata(
    int formatVersion,
    String modelType,
    String created,
    String tuttiVersion,
    String tuttiCommit,
    String configName,
    DataRange data,
    Map<String, Double> samplingRates,
    long parameterCount,
    double trainSeconds,
    Map<String, Map<String, CellMetrics>> validation,
    TrainingHistory history,
    List<String> parts,
    Map<String, TrainingHistory> partHistories) {

  public ModelMetadata {
    samplingRates = Collections.unmodifiableMap(new LinkedHashMap<>(samplingRates));
    parts = List.copyOf(parts);
    partHistories = Collections.unmodifiableMap(new LinkedHashMap<>(partHistories));
  }

  /**
   * The data a model was trained on.
   *
   * @param dataset the compiled dataset's directory
   * @param configDigest the digest of the config parts that decide the dataset's content
   * @param hasTimestamps whether the times are epoch seconds (else row numbers)
   * @param firstTimestamp the earliest sample time of the whole dataset
   * @param lastTimestamp the latest sample time
   * @param trainSamples per scenario id, samples of the training split (before sampling)
   * @param validationSamples per scenario id, samples of the validation split
   */
  public record DataRange(
      String dataset,
      String configDigest,
      boolean hasTimestamps,
      long firstTimestamp,
      long lastTimestamp,
      Map<String, Long> trainSamples,
      Map<String, Long> validationSamples) {}

  /**
   * One scenario x task cell on validation.
   *
   * @param auc null when one class is absent
   * @param logloss mean binary cross-entropy, null without samples
   * @param copc sum of labels over sum of predictions, null when the predictions sum to 0
   * @param samples labelled pairs evaluated
   * @param positives positive labels among them
   */
  public record CellMetrics(
      Double auc, Double logloss, Double copc, long samples, long positives) {}

  /**
   * Training epoch by epoch, in the form docs/metrics.md shows under {@code training}.
   *
   * @param epochs one entry per finished epoch, in order
   * @param bestEpoch the epoch (from 1) whose weights were saved
   * @param stoppedEarly whether validation stopped training before {@code training.epochs}
   * @param earlyStoppingMetric what "best" means, in words
   */
  public record TrainingHistory(
      List<EpochSummary> epochs, int bestEpoch, boolean stoppedEarly, String earlyStoppingMetric) {
    public TrainingHistory {
      epochs = List.copyOf(epochs);
    }
  }

  /**
   * One finished epoch.
   *
   * @param epoch from 1
   * @param seconds wall-clock seconds of the epoch, validation included
   * @param samples training samples consumed (after sampling)
   * @param steps optimisation steps taken
   * @param trainLoss per task id, the mean weighted cross-entropy over the epoch's pairs; null for
   *     a task without pairs
   * @param validationAuc per scenario id and task id; null where undefined
   * @param validationScore the early-stopping score: the mean over scenarios of the main task's
   *     validation AUC
   */
  public record EpochSummary(
      int epoch,
      double seconds,
      long samples,
      long steps,
      Map<String, Double> trainLoss,
      Map<String, Map<String, Double>> validationAuc,
      Double validationScore) {}
}
