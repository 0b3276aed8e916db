package io.tutti.eval;

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
