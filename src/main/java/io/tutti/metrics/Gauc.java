package io.tutti.metrics;

import java.util.Arrays;

/**
 * Group AUC: the AUC of each user's own samples, averaged with each user's impressions as weight. A
 * user whose samples are all positive or all negative has no AUC and is left out, and so are their
 * impressions from the weights.
 *
 * <p>This is the ranking quality a user sees within their own list, which a global AUC mixes with
 * how well the model separates users from each other.
 */
public final class Gauc {

  private Gauc() {}

  /**
   * Computes GAUC over the first {@code n} entries.
   *
   * @param scores predicted scores
   * @param labels 0/1 labels
   * @param groups the user key of each sample
   * @param n entries used
   * @return the GAUC, or NaN when no user has both classes
   */
  public static double of(float[] scores, float[] labels, long[] groups, int n) {
    return compute(scores, labels, groups, n).value();
  }

  /**
   * Computes GAUC and how many users and impressions it counted.
   *
   * @return the value with the users and impressions it kept
   */
  public static Result compute(float[] scores, float[] labels, long[] groups, int n) {
    // Order the samples by group once; each group is then a contiguous run.
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> Long.compare(groups[a], groups[b]));

    double weightedSum = 0;
    long impressions = 0;
    int users = 0;
    float[] groupScores = new float[Math.min(n, 1024)];
    float[] groupLabels = new float[groupScores.length];
    int start = 0;
    while (start < n) {
      int end = start;
      long group = groups[boxed[start]];
      while (end < n && groups[boxed[end]] == group) {
        end++;
      }
      int size = end - start;
      if (groupScores.length < size) {
        groupScores = new float[size];
        groupLabels = new float[size];
      }
      for (int k = 0; k < size; k++) {
        groupScores[k] = scores[boxed[start + k]];
        groupLabels[k] = labels[boxed[start + k]];
      }
      double auc = BinaryMetrics.auc(groupScores, groupLabels, size);
      if (!Double.isNaN(auc)) {
        weightedSum += auc * size;
        impressions += size;
        users++;
      }
      start = end;
    }
    return new Result(
        impressions == 0 ? Double.NaN : weightedSum / impressions, users, impressions);
  }

  /**
   * A GAUC with what it counted.
   *
   * @param value the impression-weighted mean of per-user AUCs
   * @param users users with both classes
   * @param impressions their samples
   */
  public record Result(double value, int users, long impressions) {}
}
