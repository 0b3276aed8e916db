package io.tutti.eval;

import java.util.Arrays;

/**
 * The scored (sample, task) pairs of one scenario and one task: what every metric of that cell is
 * computed from. Grows as batches arrive; only pairs whose label is present are kept.
 */
public final class TaskScores {
  private float[] scores = new float[1024];
  private float[] labels = new float[1024];
  private float[] oracle = new float[1024];
  private long[] users = new long[1024];
  private byte[] activity = new byte[1024];
  private long[] samples = new long[1024];
  private int size;
  private boolean oracleComplete = true;

  /** Appends one pair. {@code oracleProbability} is NaN on real data. */
  public void add(
      float score,
      float label,
      float oracleProbability,
      long userKey,
      byte activityLevel,
      long sampleIndex) {
    if (size == scores.length) {
      int capacity = size * 2;
      scores = Arrays.copyOf(scores, capacity);
      labels = Arrays.copyOf(labels, capacity);
      oracle = Arrays.copyOf(oracle, capacity);
      users = Arrays.copyOf(users, capacity);
      activity = Arrays.copyOf(activity, capacity);
      samples = Arrays.copyOf(samples, capacity);
    }
    scores[size] = score;
    labels[size] = label;
    oracle[size] = oracleProbability;
    users[size] = userKey;
    activity[size] = activityLevel;
    samples[size] = sampleIndex;
    oracleComplete &= !Float.isNaN(oracleProbability);
    size++;
  }

  /** Pairs held. */
  public int size() {
    return size;
  }

  /** Predicted probabilities; the first {@link #size()} are valid. */
  public float[] scores() {
    return scores;
  }

  /** 0/1 labels. */
  public float[] labels() {
    return labels;
  }

  /** The simulator's true probabilities; NaN on real data. */
  public float[] oracle() {
    return oracle;
  }

  /** Whether every pair has a true probability: only then is an oracle AUC reported. */
  public boolean hasOracle() {
    return size > 0 && oracleComplete;
  }

  /** User keys, for GAUC. */
  public long[] users() {
    return users;
  }

  /** Activity levels 0-10. */
  public byte[] activity() {
    return activity;
  }

  /** Dataset positions, to pair two models' scores on the same samples. */
  public long[] samples() {
    return samples;
  }

  /** The pairs of one activity level, as a new table. */
  public TaskScores atActivity(int level) {
    TaskScores subset = new TaskScores();
    for (int i = 0; i < size; i++) {
      if (activity[i] == level) {
        subset.add(scores[i], labels[i], oracle[i], users[i], activity[i], samples[i]);
      }
    }
    return subset;
  }
}
