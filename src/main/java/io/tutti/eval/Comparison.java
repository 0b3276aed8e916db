package io.tutti.eval;

import io.tutti.common.TuttiException;
import io.tutti.config.TuttiConfig;
import io.tutti.metrics.Bootstrap;
import io.tutti.metrics.Interval;
import io.tutti.metrics.RankedScores;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every model against one baseline (today's practice, {@code separate}), cell by cell, with paired
 * bootstrap intervals: where a model is better, worse, or within the noise.
 *
 * @param baseline the model every other is compared with
 * @param models model name to scenario id to task id to its comparison
 */
public record Comparison(
    String baseline, Map<String, Map<String, Map<String, CellComparison>>> models) {

  /** Bootstrap replicates behind every delta interval. */
  public static final int REPLICATES = 200;

  /**
   * Compares every model with the baseline.
   *
   * @param baseline the baseline's name, a key of {@code runs}
   * @param runs model name to its scores on the test split, one per training seed (every model the
   *     same number of seeds)
   * @param evaluations model name to its metrics (means over seeds)
   * @param seed seeds the bootstrap
   */
  public static Comparison of(
      String baseline,
      Map<String, List<EvaluationScores>> runs,
      Map<String, ModelEvaluation> evaluations,
      long seed) {
    List<EvaluationScores> base = runs.get(baseline);
    if (base == null) {
      throw new TuttiException(
          "The baseline '"
              + baseline
              + "' is not among the models compared: "
              + runs.keySet()
              + ".");
    }
    TuttiConfig config = base.get(0).config();
    Map<String, Map<String, Map<String, CellComparison>>> models = new LinkedHashMap<>();
    for (var entry : runs.entrySet()) {
      String model = entry.getKey();
      if (model.equals(baseline)) {
        continue;
      }
      Map<String, Map<String, CellComparison>> scenarios = new LinkedHashMap<>();
      for (int s = 0; s < config.scenarios().size(); s++) {
        String scenario = config.scenarios().get(s).id();
        Map<String, CellComparison> tasks = new LinkedHashMap<>();
        for (int t : base.get(0).tasksOf(s)) {
          String task = config.tasks().get(t).id();
          TaskMetrics a = evaluations.get(model).cell(scenario, task);
          TaskMetrics b = evaluations.get(baseline).cell(scenario, task);
          Interval interval =
              pairedInterval(
                  entry.getValue(), base, s, t, seed * 7_919L + s * 31L + t, model, baseline);
          tasks.put(
              task,
              new CellComparison(
                  a.auc() - b.auc(),
                  interval.low(),
                  interval.high(),
                  a.gauc() - b.gauc(),
                  a.logloss() - b.logloss(),
                  CellComparison.Verdict.of(interval.low(), interval.high())));
        }
        scenarios.put(scenario, tasks);
      }
      models.put(model, scenarios);
    }
    return new Comparison(baseline, models);
  }

  /** The cells where {@code model} is worse than the baseline beyond noise: the seesaw. */
  public List<String> seesaw(String model) {
    Map<String, Map<String, CellComparison>> scenarios = models.getOrDefault(model, Map.of());
    return scenarios.entrySet().stream()
        .flatMap(
            s ->
                s.getValue().entrySet().stream()
                    .filter(t -> t.getValue().verdict() == CellComparison.Verdict.WORSE)
                    .map(t -> s.getKey() + "/" + t.getKey()))
        .toList();
  }

  private static Interval pairedInterval(
      List<EvaluationScores> a,
      List<EvaluationScores> b,
      int scenario,
      int task,
      long seed,
      String modelA,
      String modelB) {
    if (a.size() != b.size()) {
      throw new TuttiException(
          "Model '"
              + modelA
              + "' was run with "
              + a.size()
              + " seeds and '"
              + modelB
              + "' with "
              + b.size()
              + "; a paired comparison needs the same seeds.");
    }
    RankedScores[] rankedA = new RankedScores[a.size()];
    RankedScores[] rankedB = new RankedScores[b.size()];
    long[] reference = samplesOf(b.get(0).cell(scenario, task));
    for (int k = 0; k < a.size(); k++) {
      TaskScores cellA = a.get(k).cell(scenario, task);
      TaskScores cellB = b.get(k).cell(scenario, task);
      if (!Arrays.equals(samplesOf(cellA), reference)
          || !Arrays.equals(samplesOf(cellB), reference)) {
        throw new TuttiException(
            "Models '"
                + modelA
                + "' and '"
                + modelB
                + "' were scored on different test samples; a paired comparison needs the same.");
      }
      rankedA[k] = RankedScores.of(cellA.scores(), cellA.labels(), cellA.size());
      rankedB[k] = RankedScores.of(cellB.scores(), cellB.labels(), cellB.size());
    }
    return Bootstrap.pairedAucDeltaInterval(rankedA, rankedB, REPLICATES, 0.95, seed);
  }

  private static long[] samplesOf(TaskScores cell) {
    return Arrays.copyOf(cell.samples(), cell.size());
  }
}
