package io.tutti.metrics;

/**
 * Metrics of probabilities against 0/1 labels, over the first {@code n} entries of the arrays.
 *
 * <p>Every metric is NaN where it is undefined (no samples, or one class absent for AUC), so a
 * report can show a blank instead of a misleading number.
 */
public final class BinaryMetrics {

  /** Probabilities are clipped to [EPSILON, 1 - EPSILON] in logloss, so one 0 is not infinite. */
  public static final double EPSILON = 1e-7;

  private BinaryMetrics() {}

  /** AUC with ties counting one half; NaN when either class is absent. */
  public static double auc(float[] scores, float[] labels, int n) {
    return RankedScores.of(scores, labels, n).auc();
  }

  /** Mean binary cross-entropy in nats; NaN on no samples. */
  public static double logloss(float[] probabilities, float[] labels, int n) {
    if (n == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double p = Math.min(Math.max(probabilities[i], EPSILON), 1 - EPSILON);
      sum -= labels[i] == 1f ? Math.log(p) : Math.log1p(-p);
    }
    return sum / n;
  }

  /**
   * COPC: the sum of labels over the sum of predicted probabilities. 1 means calibrated; above 1
   * the model under-predicts. NaN when the predictions sum to zero.
   */
  public static double copc(float[] probabilities, float[] labels, int n) {
    double labelSum = 0;
    double predictionSum = 0;
    for (int i = 0; i < n; i++) {
      labelSum += labels[i];
      predictionSum += probabilities[i];
    }
    return predictionSum == 0 ? Double.NaN : labelSum / predictionSum;
  }

  /** The number of positive labels. */
  public static long positives(float[] labels, int n) {
    long count = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] == 1f) {
        count++;
      }
    }
    return count;
  }
}
