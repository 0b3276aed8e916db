package io.tutti.data;

/**
 * Normalisation statistics of one numeric feature over the training split, taken after its
 * transform (so of {@code log1p(max(x, 0))} for {@code log_standard}); missing values not counted.
 *
 * @param count values seen
 * @param mean their mean (0 when none)
 * @param std their population standard deviation (0 when none or constant)
 * @param min the smallest (0 when none)
 * @param max the largest (0 when none)
 */
public record NumericStatistics(long count, double mean, double std, double min, double max) {

  /** Statistics that leave values unchanged under every normalisation but min-max. */
  public static final NumericStatistics IDENTITY = new NumericStatistics(0, 0, 1, 0, 1);

  /** Accumulates values one by one (Welford's update, stable for long runs). */
  static final class Accumulator {
    private long count;
    private double mean;
    private double squares;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    void add(double value) {
      if (Double.isNaN(value)) {
        return;
      }
      count++;
      double delta = value - mean;
      mean += delta / count;
      squares += delta * (value - mean);
      min = Math.min(min, value);
      max = Math.max(max, value);
    }

    NumericStatistics result() {
      if (count == 0) {
        return new NumericStatistics(0, 0, 0, 0, 0);
      }
      return new NumericStatistics(count, mean, Math.sqrt(squares / count), min, max);
    }
  }
}
