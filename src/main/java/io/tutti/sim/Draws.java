package io.tutti.sim;

import java.util.SplittableRandom;

/**
 * Deterministic random draws for the simulator: every stream of draws is seeded from the world's
 * seed and the ids of what it draws for (a user, a day, a sample), never from shared state, so the
 * output is the same whatever the order or the thread that computes it.
 *
 * <p>Transcendental functions go through {@link StrictMath}, whose results are specified bit for
 * bit, so that the same seed gives the same bytes on every machine.
 */
final class Draws {
  private Draws() {}

  /** A random stream for the given key parts: the seed first, then a purpose tag and ids. */
  static SplittableRandom random(long... parts) {
    return new SplittableRandom(mix(parts));
  }

  /** Mixes key parts into one well-spread 64-bit value (splitmix64 finalizer after each part). */
  static long mix(long... parts) {
    long hash = 0x9E3779B97F4A7C15L;
    for (long part : parts) {
      hash = finalise(hash ^ finalise(part + 0x632BE59BD9B4E019L));
    }
    return hash;
  }

  /** A uniform double in [0, 1) from key parts, without a stream. */
  static double uniform(long... parts) {
    return (mix(parts) >>> 11) * 0x1.0p-53;
  }

  /** A standard normal draw (Box-Muller, one of the pair). */
  static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * StrictMath.PI * v);
  }

  /** An exponential draw of the given mean. */
  static double exponential(SplittableRandom random, double mean) {
    return -mean * StrictMath.log(1.0 - random.nextDouble());
  }

  /**
   * A Poisson draw of the given mean: exact (Knuth) below 30, the rounded normal approximation
   * above, which is close enough for counts of plays and sessions.
   */
  static int poisson(SplittableRandom random, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean >= 30) {
      long value = StrictMath.round(mean + StrictMath.sqrt(mean) * gaussian(random));
      return (int) Math.max(0, value);
    }
    double limit = StrictMath.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }

  /** The logistic function. */
  static double sigmoid(double logit) {
    return 1.0 / (1.0 + StrictMath.exp(-logit));
  }

  /**
   * Picks an index by cumulative weights: {@code cumulative[i]} is the sum of weights 0..i, the
   * last entry the total.
   */
  static int pick(double[] cumulative, SplittableRandom random) {
    return pick(cumulative, 0, cumulative.length, random);
  }

  /** Picks an index in {@code [from, to)} by cumulative weights (the sums run over the range). */
  static int pick(double[] cumulative, int from, int to, SplittableRandom random) {
    double before = from == 0 ? 0 : cumulative[from - 1];
    double target = before + random.nextDouble() * (cumulative[to - 1] - before);
    int low = from;
    int high = to - 1;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (cumulative[middle] > target) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }

  /** Running sums of {@code weights}. */
  static double[] cumulative(double[] weights) {
    double[] sums = new double[weights.length];
    double total = 0;
    for (int i = 0; i < weights.length; i++) {
      total += weights[i];
      sums[i] = total;
    }
    return sums;
  }

  private static long finalise(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
