package io.tutti.eval;

import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import java.util.ArrayList;
import java.util.List;

/**
 * Every scored (sample, task) pair of one model on one split, by scenario and task: the input of
 * every metric. Pairs whose label is absent (the task mask is 0) are never kept.
 */
public final class EvaluationScores {
  private final TuttiConfig config;
  private final TaskScores[][] cells;

  /** An empty collection for the scenarios and tasks of {@code config}. */
  public EvaluationScores(TuttiConfig config) {
    this.config = config;
    this.cells = new TaskScores[config.scenarios().size()][config.tasks().size()];
    for (int s = 0; s < cells.length; s++) {
      boolean[] mask = config.taskMask(s);
      for (int t = 0; t < mask.length; t++) {
        if (mask[t]) {
          cells[s][t] = new TaskScores();
        }
      }
    }
  }

  /**
   * Adds a batch and the model's probabilities for it, {@code [batch.size, tasks]}.
   *
   * <p>A pair is kept where the task mask is 1, i.e. the task is the scenario's and the label is
   * present.
   */
  public void add(Batch batch, float[] probabilities) {
    int tasks = config.tasks().size();
    for (int i = 0; i < batch.size; i++) {
      int scenario = batch.scenario[i];
      for (int t = 0; t < tasks; t++) {
        int pair = i * tasks + t;
        if (batch.labelMask[pair] == 0f || cells[scenario][t] == null) {
          continue;
        }
        float oracle = batch.oracle == null ? Float.NaN : batch.oracle[pair];
        cells[scenario][t].add(
            probabilities[pair],
            batch.labels[pair],
            oracle,
            batch.userKey[i],
            batch.activity[i],
            batch.sampleIndex[i]);
      }
    }
  }

  /** The config whose scenarios and tasks index the cells. */
  public TuttiConfig config() {
    return config;
  }

  /** The pairs of one cell, or null when the task is not the scenario's. */
  public TaskScores cell(int scenario, int task) {
    return cells[scenario][task];
  }

  /** The task indices of one scenario, in config order. */
  public List<Integer> tasksOf(int scenario) {
    List<Integer> tasks = new ArrayList<>();
    for (int t = 0; t < cells[scenario].length; t++) {
      if (cells[scenario][t] != null) {
        tasks.add(t);
      }
    }
    return tasks;
  }
}
