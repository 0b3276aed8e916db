package io.tutti.eval;

import io.tutti.common.TuttiException;
import io.tutti.config.ScenarioConfig;
import io.tutti.config.TuttiConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One model's metrics on one split: per scenario x task, the same per activity level, and summaries
 * across scenarios.
 *
 * @param model the model's name in the report, e.g. {@code unified}
 * @param cells scenario id to task id to metrics, in config order
 * @param byActivity activity level (0-10) to scenario id to task id to metrics; a level without
 *     samples is absent
 * @param overall task id to its summaries across the scenarios that have it
 */
public record ModelEvaluation(
    String model,
    Map<String, Map<String, TaskMetrics>> cells,
    Map<Integer, Map<String, Map<String, TaskMetrics>>> byActivity,
    Map<String, Overall> overall) {

  /** The highest activity level. */
  public static final int MAX_ACTIVITY = 10;

  /**
   * A task's metrics summarised across scenarios.
   *
   * @param trafficWeighted each scenario weighted by its samples of the task
   * @param macro each scenario counting once
   */
  public record Overall(Summary trafficWeighted, Summary macro) {}

  /**
   * Averages of the headline metrics.
   *
   * @param auc mean AUC
   * @param gauc mean GAUC
   * @param logloss mean logloss
   * @param copc mean COPC
   * @param scenarios scenarios averaged
   */
  public record Summary(double auc, double gauc, double logloss, double copc, int scenarios) {}

  /** Refuses a NaN score, naming the model, cell and sample, before any metric is computed. */
  private static void requireNumbers(String model, String scenario, String task, TaskScores cell) {
    float[] values = cell.scores();
    for (int i = 0; i < cell.size(); i++) {
      if (Float.isNaN(values[i])) {
        throw new TuttiException(
            "Model '"
                + model
                + "' scored sample "
                + cell.samples()[i]
                + " of scenario "
                + scenario
                + " NaN for task "
                + task
                + "; every score must be a probability (a model that diverged in training gives"
                + " NaN: retrain it, e.g. with a lower learning rate).");
      }
    }
  }

  /** Computes every metric from a model's scores; bootstrap seeds derive from {@code seed}. */
  public static ModelEvaluation of(String model, EvaluationScores scores, long seed) {
    TuttiConfig config = scores.config();
    Map<String, Map<String, TaskMetrics>> cells = new LinkedHashMap<>();
    Map<Integer, Map<String, Map<String, TaskMetrics>>> byActivity = new LinkedHashMap<>();
    for (int s = 0; s < config.scenarios().size(); s++) {
      ScenarioConfig scenario = config.scenarios().get(s);
      Map<String, TaskMetrics> tasks = new LinkedHashMap<>();
      for (int t : scores.tasksOf(s)) {
        String task = config.tasks().get(t).id();
        TaskScores cell = scores.cell(s, t);
        requireNumbers(model, scenario.id(), task, cell);
        long cellSeed = seed * 1_000_003L + s * 131L + t;
        tasks.put(task, TaskMetrics.of(cell, cellSeed));
        for (int level = 0; level <= MAX_ACTIVITY; level++) {
          TaskScores subset = cell.atActivity(level);
          if (subset.size() == 0) {
            continue;
          }
          byActivity
              .computeIfAbsent(level, l -> new LinkedHashMap<>())
              .computeIfAbsent(scenario.id(), id -> new LinkedHashMap<>())
              .put(task, TaskMetrics.of(subset, cellSeed + 17L * (level + 1)));
        }
      }
      cells.put(scenario.id(), tasks);
    }
    Map<Integer, Map<String, Map<String, TaskMetrics>>> sortedActivity = new LinkedHashMap<>();
    byActivity.keySet().stream().sorted().forEach(l -> sortedActivity.put(l, byActivity.get(l)));
    return new ModelEvaluation(model, cells, sortedActivity, overall(config, cells));
  }

  /** The metrics of one cell, or null when the scenario lacks the task. */
  public TaskMetrics cell(String scenario, String task) {
    Map<String, TaskMetrics> tasks = cells.get(scenario);
    return tasks == null ? null : tasks.get(task);
  }

  static Map<String, Overall> overall(
      TuttiConfig config, Map<String, Map<String, TaskMetrics>> cells) {
    Map<String, Overall> overall = new LinkedHashMap<>();
    for (var task : config.tasks()) {
      var present =
          cells.values().stream()
              .map(tasks -> tasks.get(task.id()))
              .filter(m -> m != null && m.samples() > 0)
              .toList();
      if (present.isEmpty()) {
        continue;
      }
      overall.put(
          task.id(), new Overall(summary(present, m -> m.samples()), summary(present, m -> 1.0)));
    }
    return overall;
  }

  private static Summary summary(
      java.util.List<TaskMetrics> metrics, ToDoubleFunction<TaskMetrics> weight) {
    return new Summary(
        mean(metrics, TaskMetrics::auc, weight),
        mean(metrics, TaskMetrics::gauc, weight),
        mean(metrics, TaskMetrics::logloss, weight),
        mean(metrics, TaskMetrics::copc, weight),
        metrics.size());
  }

  /** A weighted mean over the cells where the metric is defined; NaN when it is nowhere. */
  private static double mean(
      java.util.List<TaskMetrics> metrics,
      ToDoubleFunction<TaskMetrics> value,
      ToDoubleFunction<TaskMetrics> weight) {
    double sum = 0;
    double weights = 0;
    for (TaskMetrics m : metrics) {
      double v = value.applyAsDouble(m);
      if (!Double.isNaN(v)) {
        double w = weight.applyAsDouble(m);
        sum += v * w;
        weights += w;
      }
    }
    return weights == 0 ? Double.NaN : sum / weights;
  }
}
