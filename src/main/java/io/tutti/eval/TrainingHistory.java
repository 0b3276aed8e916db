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
   *
   * <p>A {@code separate} model keeps one history per scenario's own model; they are laid side by
   * side by epoch number: each scenario's validation AUC comes from its own model, its training
   * losses are named {@code scenario/task}, and an epoch's time and samples are summed over the
   * models that ran it. Their kept epochs differ, so the combined history has none (0).
   */
  public static TrainingHistory of(ModelMetadata metadata) {
    if (!metadata.partHistories().isEmpty()) {
      return combined(metadata.partHistories());
    }
    ModelMetadata.TrainingHistory saved = metadata.history();
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

  private static TrainingHistory combined(Map<String, ModelMetadata.TrainingHistory> parts) {
    java.util.TreeMap<Integer, Epoch> epochs = new java.util.TreeMap<>();
    boolean stoppedEarly = false;
    for (var part : parts.entrySet()) {
      String scenario = part.getKey();
      stoppedEarly |= part.getValue().stoppedEarly();
      for (ModelMetadata.EpochSummary e : part.getValue().epochs()) {
        Epoch sum =
            epochs.computeIfAbsent(
                e.epoch(), n -> new Epoch(n, 0, 0, new LinkedHashMap<>(), new LinkedHashMap<>()));
        orNaN(e.trainLoss())
            .forEach((task, loss) -> sum.trainLoss().put(scenario + "/" + task, loss));
        if (e.validationAuc() != null && e.validationAuc().get(scenario) != null) {
          sum.validationAuc().put(scenario, orNaN(e.validationAuc().get(scenario)));
        }
        epochs.put(
            e.epoch(),
            new Epoch(
                e.epoch(),
                sum.seconds() + e.seconds(),
                sum.samples() + e.samples(),
                sum.trainLoss(),
                sum.validationAuc()));
      }
    }
    return new TrainingHistory(List.copyOf(epochs.values()), 0, stoppedEarly);
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
