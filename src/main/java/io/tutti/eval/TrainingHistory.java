package io.tutti.eval;

import io.tutti.model.ModelMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a model's training went, epoch by epoch: what the report draws its training curves from. The
 * trainer keeps one in the model directory's metadata; {@link MetricsJson} writes it under {@code
 * models.<model>.training}.
 *
 * @param epochs every completed epoch, in order
 * @param bestEpoch the epoch whose weights were kept (1-based), or 0 when unknown
 * @param stoppedEarly whether early stopping ended the run before its last epoch
 */
public record TrainingHistory(List<Epoch> epochs, int bestEpoch, boolean stoppedEarly) {

  public TrainingHistory {
    epochs = List.copyOf(epochs);
  }

  /**
   * The history a model directory's metadata keeps, or null when it has none. A metric the metadata
   * leaves null (undefined) becomes NaN.
   */
  public static TrainingHistory of(ModelMetadata.TrainingHistory saved) {
    if (saved == null) {
      return null;
    }
    List<Epoch> epochs =
        saved.epochs().stream()
            .map(
                e -> {
                  Map<String, Map<String, Double>> auc = new LinkedHashMap<>();
                  if (e.validationAuc() != null) {
                    e.validationAuc().forEach((scenario, tasks) -> auc.put(scenario, orNaN(tasks)));
                  }
                  return new Epoch(e.epoch(), e.seconds(), e.samples(), orNaN(e.trainLoss()), auc);
                })
            .toList();
    return new TrainingHistory(epochs, saved.bestEpoch(), saved.stoppedEarly());
  }

  private static Map<String, Double> orNaN(Map<String, Double> values) {
    Map<String, Double> copy = new LinkedHashMap<>();
    if (values != null) {
      values.forEach((key, value) -> copy.put(key, value == null ? Double.NaN : value));
    }
    return copy;
  }

  /**
   * One epoch's summary.
   *
   * @param epoch 1-based
   * @param seconds wall-clock time of the epoch
   * @param samples training samples the epoch consumed (after sampling)
   * @param trainLoss task id to its mean training loss over the epoch, tasks in config order
   * @param validationAuc scenario id to task id to validation AUC at the end of the epoch; NaN
   *     where undefined
   */
  public record Epoch(
      int epoch,
      double seconds,
      long samples,
      Map<String, Double> trainLoss,
      Map<String, Map<String, Double>> validationAuc) {}
}
