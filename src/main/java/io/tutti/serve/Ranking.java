package io.tutti.serve;

/**
 * The scored candidates of one list: each candidate's probability of each of the scenario's tasks,
 * its combined score, and the order from the best combined score down.
 *
 * <p>Combined score = sum over the scenario's tasks of weight x probability. Ties keep the
 * candidates' given order, so a ranking is reproducible.
 *
 * @param probabilities {@code [candidates, scenario tasks]} row-major, tasks in config order
 * @param scores combined score per candidate, {@code [candidates]}
 * @param order candidate positions from the best down, {@code [candidates]}
 */
record Ranking(float[] probabilities, double[] scores, int[] order) {

  /**
   * Ranks candidates {@code [from, from + count)} of a batch scored into {@code predictions}
   * ({@code [batch, all tasks]} as the scorer writes them).
   *
   * @param tasks the number of tasks of the model
   * @param taskIndices the scenario's tasks among the model's
   * @param weights per scenario task
   */
  static Ranking of(
      float[] predictions, int from, int count, int tasks, int[] taskIndices, double[] weights) {
    int own = taskIndices.length;
    float[] probabilities = new float[count * own];
    double[] scores = new double[count];
    for (int i = 0; i < count; i++) {
      int row = (from + i) * tasks;
      double score = 0;
      for (int t = 0; t < own; t++) {
        float p = predictions[row + taskIndices[t]];
        probabilities[i * own + t] = p;
        score += weights[t] * p;
      }
      scores[i] = score;
    }
    return new Ranking(probabilities, scores, rank(scores));
  }

  /** Positions sorted by score, highest first, ties in position order. */
  static int[] rank(double[] scores) {
    Integer[] boxed = new Integer[scores.length];
    for (int i = 0; i < boxed.length; i++) {
      boxed[i] = i;
    }
    // A stable sort on the score alone keeps tied candidates in their given order.
    java.util.Arrays.sort(boxed, (a, b) -> Double.compare(scores[b], scores[a]));
    int[] order = new int[boxed.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = boxed[i];
    }
    return order;
  }
}
