package io.tutti.eval;

/**
 * One model of a report: its metrics and how it was trained.
 *
 * @param name the name it is reported under, e.g. {@code unified} or {@code unified-no-sen}
 * @param type its model type, e.g. {@code unified}
 * @param evaluation its metrics on the test split (means over seeds)
 * @param seeds the training seeds behind the metrics
 * @param training its training history (per-epoch losses and validation AUCs), or null
 * @param trainSeconds wall-clock training time summed over seeds
 */
public record ModelEntry(
    String name,
    String type,
    ModelEvaluation evaluation,
    int seeds,
    TrainingHistory training,
    double trainSeconds) {}
