package io.tutti.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap intervals of AUC, deterministic for a seed.
 *
 * <p>Each replicate draws every sample's count from Poisson(1) instead of drawing n indices with
 * replacement: the two agree closely for the sample sizes evaluated here, and the Poisson form lets
 * every replicate reuse one sort, so a replicate costs a linear scan.
 */
public final class Bootstrap {

  /** Replicates drawn unless the caller asks otherwise. */
  public static final int DEFAULT_REPLICATES = 200;

  private Bootstrap() {}

  /**
   * The two-sided percentile interval of AUC at {@code level} (e.g. 0.95).
   *
   * @return the interval, or {@link Interval#UNKNOWN} when AUC is undefined on the data
   */
  public static Interval aucInterval(RankedScores ranked, int replicates, double level, long seed) {
    if (Double.isNaN(ranked.auc())) {
      return Interval.UNKNOWN;
    }
    SplittableRandom random = new SplittableRandom(seed);
    int n = ranked.size();
    int[] weights = new int[n];
    double[] values = new double[replicates];
    int kept = 0;
    for (int b = 0; b < replicates; b++) {
      for (int i = 0; i < n; i++) {
        weights[i] = poissonOne(random);
      }
      double auc = ranked.weightedAuc(weights);
      if (!Double.isNaN(auc)) {
        values[kept++] = auc;
      }
    }
    if (kept < 2) {
      return Interval.UNKNOWN;
    }
    Arrays.sort(values, 0, kept);
    double tail = (1 - level) / 2;
    return new Interval(quantile(values, kept, tail), quantile(values, kept, 1 - tail));
  }

  /**
   * The percentile interval of a paired AUC difference, mean over seeds of {@code A - B}: every
   * replicate draws one count per sample and applies it to every ranking, so the noise that two
   * models share (which samples happen to be in the test set) cancels out.
   *
   * @param a model A's rankings, one per training seed, all over the same samples in the same
   *     original order as {@code b}'s
   * @param b model B's rankings, as many as {@code a}
   * @return the interval, or {@link Interval#UNKNOWN} when AUC is undefined on the data
   */
  public static Interval pairedAucDeltaInterval(
      RankedScores[] a, RankedScores[] b, int replicates, double level, long seed) {
    if (a.length != b.length || a.length == 0) {
      throw new IllegalArgumentException(
          "Paired rankings need as many runs of A as of B, at least one; got "
              + a.length
              + " and "
              + b.length
              + ".");
    }
    int n = a[0].size();
    for (int k = 0; k < a.length; k++) {
      if (a[k].size() != n || b[k].size() != n) {
        throw new IllegalArgumentException(
            "Paired rankings must hold the same samples; sizes differ at run " + k + ".");
      }
    }
    if (Double.isNaN(a[0].auc())) {
      return Interval.UNKNOWN;
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] weights = new int[n];
    double[] values = new double[replicates];
    int kept = 0;
    for (int r = 0; r < replicates; r++) {
      for (int i = 0; i < n; i++) {
        weights[i] = poissonOne(random);
      }
      double delta = 0;
      for (int k = 0; k < a.length; k++) {
        delta += a[k].weightedAuc(weights) - b[k].weightedAuc(weights);
      }
      delta /= a.length;
      if (!Double.isNaN(delta)) {
        values[kept++] = delta;
      }
    }
    if (kept < 2) {
      return Interval.UNKNOWN;
    }
    Arrays.sort(values, 0, kept);
    double tail = (1 - level) / 2;
    return new Interval(quantile(values, kept, tail), quantile(values, kept, 1 - tail));
  }

  /** The same on raw arrays, with the default number of replicates. */
  public static Interval aucInterval(float[] scores, float[] labels, int n, long seed) {
    return aucInterval(RankedScores.of(scores, labels, n), DEFAULT_REPLICATES, 0.95, seed);
  }

  /**
   * P(X <= k) of Poisson(1) for k = 0 to 19, summed in the order the inversion walks them; a draw
   * above the last is 20. Kept in a table because a bootstrap draws one count per sample and
   * replicate: hundreds of millions of draws for a large test split.
   */
  private static final double[] POISSON_ONE_CDF = poissonOneCdf();

  private static double[] poissonOneCdf() {
    double[] cdf = new double[20];
    double p = Math.exp(-1);
    double cumulative = p;
    cdf[0] = cumulative;
    for (int k = 1; k < cdf.length; k++) {
      p /= k;
      cumulative += p;
      cdf[k] = cumulative;
    }
    return cdf;
  }

  /** A Poisson(1) draw by inversion: the first k whose cumulative probability reaches u. */
  private static int poissonOne(SplittableRandom random) {
    double u = random.nextDouble();
    int k = 0;
    while (k < POISSON_ONE_CDF.length && u > POISSON_ONE_CDF[k]) {
      k++;
    }
    return k;
  }

  /** Linear interpolation between order statistics. */
  private static double quantile(double[] sorted, int n, double q) {
    double position = q * (n - 1);
    int lower = (int) Math.floor(position);
    int upper = Math.min(lower + 1, n - 1);
    double fraction = position - lower;
    return sorted[lower] * (1 - fraction) + sorted[upper] * fraction;
  }
}
