package io.tutti.metrics;

/**
 * A confidence interval of a metric.
 *
 * @param low the lower bound
 * @param high the upper bound
 */
public record Interval(double low, double high) {

  /** An interval that could not be computed (too few samples, one class absent). */
  public static final Interval UNKNOWN = new Interval(Double.NaN, Double.NaN);

  /** Whether {@code value} lies inside, bounds included. */
  public boolean contains(double value) {
    return value >= low && value <= high;
  }
}
