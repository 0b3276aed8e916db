package io.tutti.metrics;

import io.tutti.common.TuttiException;
import java.util.Arrays;

/**
 * Scores sorted once, with their labels, so that AUC and its bootstrap replicates are linear scans
 * instead of a sort each.
 *
 * <p>Each entry packs a score's order-preserving bits above its label bit into one {@code long}, so
 * a primitive sort orders by score and equal scores end up adjacent, whatever their labels: a run
 * of equal scores is one tie group.
 */
public final class RankedScores {
  /** The most pairs one ranking holds: the index must fit beside the score in one long. */
  public static final int MAX_SIZE = 1 << 30;

  private final long[] keys;
  private final int[] order;

  private RankedScores(long[] keys, int[] order) {
    this.keys = keys;
    this.order = order;
  }

  /**
   * Sorts the first {@code n} (score, label) pairs. Labels must be 0 or 1; a NaN score is an error,
   * since it has no place in a ranking.
   */
  public static RankedScores of(float[] scores, float[] labels, int n) {
    if (n > MAX_SIZE) {
      throw new TuttiException(
          "At most " + MAX_SIZE + " scores can be ranked at once; got " + n + ".");
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      float score = scores[i];
      if (Float.isNaN(score)) {
        throw new TuttiException("Score " + i + " is NaN; a score must be a number to be ranked.");
      }
      float label = labels[i];
      if (label != 0f && label != 1f) {
        throw new TuttiException("Label " + i + " is " + label + "; accepted labels are 0 and 1.");
      }
      int bits = Float.floatToIntBits(score == 0f ? 0f : score);
      int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
      // Score bits in the high part, the original index in the middle, the label lowest: the
      // index makes keys unique, so the permutation that sorting applies can be read back.
      keys[i] = ((long) sortable << 32) | ((long) i << 1) | (label == 1f ? 1L : 0L);
    }
    Arrays.sort(keys);
    int[] order = new int[n];
    for (int r = 0; r < n; r++) {
      order[r] = (int) ((keys[r] & 0xffffffffL) >>> 1);
    }
    return new RankedScores(keys, order);
  }

  /** The number of pairs. */
  public int size() {
    return keys.length;
  }

  /** The original index of the pair at rank {@code rank} (ascending score). */
  public int indexAt(int rank) {
    return order[rank];
  }

  /**
   * AUC: the probability that a random positive scores above a random negative, ties counting one
   * half. NaN when either class is absent.
   */
  public double auc() {
    return weightedAuc(null);
  }

  /**
   * AUC with a weight per original index (a bootstrap replicate's counts), ties counting one half.
   * NaN when the weighted positives or negatives are zero.
   */
  public double weightedAuc(int[] weights) {
    double negativesBelow = 0;
    double area = 0;
    double positives = 0;
    int r = 0;
    int n = keys.length;
    while (r < n) {
      long score = keys[r] >> 32;
      double groupPositives = 0;
      double groupNegatives = 0;
      while (r < n && (keys[r] >> 32) == score) {
        double w = weights == null ? 1 : weights[order[r]];
        if ((keys[r] & 1L) == 1L) {
          groupPositives += w;
        } else {
          groupNegatives += w;
        }
        r++;
      }
      area += groupPositives * (negativesBelow + 0.5 * groupNegatives);
      negativesBelow += groupNegatives;
      positives += groupPositives;
    }
    if (positives == 0 || negativesBelow == 0) {
      return Double.NaN;
    }
    return area / (positives * negativesBelow);
  }
}
