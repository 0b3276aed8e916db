package io.tutti.eval;

import io.tutti.common.TuttiException;
import io.tutti.config.ConfigLoader;
import io.tutti.config.ScenarioConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Dataset;
import io.tutti.data.Split;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The report of a comparison in which every model was trained with one or more seeds: each metric
 * is the mean over a model's seeds, every model is compared with the baseline on the same test
 * samples ({@link Comparison}), and the spread of each scenario's main-task AUC over the seeds is
 * kept beside the report ({@link Spread}).
 */
public final class SeedComparison {

  /**
   * One model's runs.
   *
   * @param name the name it is reported under, e.g. {@code unified-no-sen}
   * @param type its model type
   * @param seeds its scores on the split, one per training seed, in seed order
   * @param history the first seed's training history, or null
   * @param trainSeconds wall-clock training time summed over the seeds
   */
  public record Run(
      String name,
      String type,
      List<EvaluationScores> seeds,
      TrainingHistory history,
      double trainSeconds) {
    public Run {
      seeds = List.copyOf(seeds);
      if (seeds.isEmpty()) {
        throw new TuttiException("Model '" + name + "' has no run to report; give at least one.");
      }
    }
  }

  /**
   * The spread over seeds of one model's AUC on one scenario's main task.
   *
   * @param mean mean AUC over the seeds
   * @param std sample standard deviation (0 for one seed)
   * @param min lowest AUC of a seed
   * @param max highest AUC of a seed
   * @param aucs every seed's AUC, in seed order
   */
  public record Spread(double mean, double std, double min, double max, List<Double> aucs) {

    /** The spread of {@code values}; NaN values (undefined AUCs) are left out. */
    public static Spread of(List<Double> values) {
      List<Double> defined = values.stream().filter(v -> !Double.isNaN(v)).toList();
      if (defined.isEmpty()) {
        return new Spread(Double.NaN, Double.NaN, Double.NaN, Double.NaN, values);
      }
      double mean = defined.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double squares = defined.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
      double std = defined.size() < 2 ? 0 : Math.sqrt(squares / (defined.size() - 1));
      double min = defined.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      double max = defined.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      return new Spread(mean, std, min, max, values);
    }
  }

  private SeedComparison() {}

  /**
   * Builds the report of {@code runs} scored on {@code split} of {@code dataset}.
   *
   * @param baseline the name of the run the others are compared with, or null for none
   * @param seed seeds every bootstrap
   */
  public static EvaluationReport report(
      List<Run> runs, Dataset dataset, Split split, String baseline, long seed) {
    List<String> names = runs.stream().map(Run::name).toList();
    if (baseline != null && !names.contains(baseline)) {
      throw new TuttiException(
          "The baseline '" + baseline + "' is not among the models compared: " + names + ".");
    }

    // The baseline first: the report's tables read from the specialist to the challengers.
    List<Run> ordered = new ArrayList<>(runs);
    if (baseline != null) {
      ordered.sort(
          (a, b) -> Boolean.compare(!a.name().equals(baseline), !b.name().equals(baseline)));
    }

    Map<String, List<EvaluationScores>> scores = new LinkedHashMap<>();
    Map<String, ModelEvaluation> evaluations = new LinkedHashMap<>();
    List<ModelEntry> entries = new ArrayList<>();
    for (Run run : ordered) {
      List<ModelEvaluation> perSeed = new ArrayList<>();
      for (EvaluationScores seedScores : run.seeds()) {
        perSeed.add(ModelEvaluation.of(run.name(), seedScores, seed));
      }
      ModelEvaluation mean = meanOverSeeds(run.name(), perSeed, dataset.config());
      scores.put(run.name(), run.seeds());
      evaluations.put(run.name(), mean);
      entries.add(
          new ModelEntry(
              run.name(), run.type(), mean, run.seeds().size(), run.history(), run.trainSeconds()));
    }
    Comparison comparison =
        baseline != null && ordered.size() > 1
            ? Comparison.of(baseline, scores, evaluations, seed)
            : null;

    TuttiConfig config = dataset.config();
    Map<String, String> mainTasks = new LinkedHashMap<>();
    for (ScenarioConfig scenario : config.scenarios()) {
      mainTasks.put(scenario.id(), scenario.mainTask());
    }
    return new EvaluationReport(
        config.name(),
        Instant.now(),
        ConfigLoader.toYaml(config),
        mainTasks,
        Evaluator.provenance(dataset, split),
        entries,
        comparison,
        null,
        null);
  }

  /**
   * Per model, per scenario, the spread over seeds of the AUC of the scenario's main task.
   *
   * @return model name to scenario id to its spread, in the order of {@code runs} and the config
   */
  public static Map<String, Map<String, Spread>> spread(List<Run> runs, TuttiConfig config) {
    Map<String, Map<String, Spread>> spread = new LinkedHashMap<>();
    for (Run run : runs) {
      Map<String, Spread> scenarios = new LinkedHashMap<>();
      for (int s = 0; s < config.scenarios().size(); s++) {
        ScenarioConfig scenario = config.scenarios().get(s);
        int task = config.taskIndex(scenario.mainTask());
        List<Double> aucs = new ArrayList<>();
        for (EvaluationScores seedScores : run.seeds()) {
          TaskScores cell = seedScores.cell(s, task);
          aucs.add(cell == null ? Double.NaN : TaskMetrics.of(cell, 0).auc());
        }
        scenarios.put(scenario.id(), Spread.of(aucs));
      }
      spread.put(run.name(), scenarios);
    }
    return spread;
  }

  /**
   * The metrics of several seeds averaged field by field: every metric, interval bounds included,
   * is the mean over the seeds where it is defined; counts are the first seed's (the test samples
   * are the same for every seed).
   */
  static ModelEvaluation meanOverSeeds(
      String name, List<ModelEvaluation> perSeed, TuttiConfig config) {
    if (perSeed.size() == 1) {
      return perSeed.get(0);
    }
    ModelEvaluation first = perSeed.get(0);
    Map<String, Map<String, TaskMetrics>> cells = new LinkedHashMap<>();
    first
        .cells()
        .forEach(
            (scenario, tasks) -> {
              Map<String, TaskMetrics> mean = new LinkedHashMap<>();
              tasks.forEach(
                  (task, metrics) ->
                      mean.put(
                          task, mean(perSeed.stream().map(e -> e.cell(scenario, task)).toList())));
              cells.put(scenario, mean);
            });
    Map<Integer, Map<String, Map<String, TaskMetrics>>> byActivity = new LinkedHashMap<>();
    first
        .byActivity()
        .forEach(
            (level, scenarios) -> {
              Map<String, Map<String, TaskMetrics>> levelCells = new LinkedHashMap<>();
              scenarios.forEach(
                  (scenario, tasks) -> {
                    Map<String, TaskMetrics> mean = new LinkedHashMap<>();
                    tasks.forEach(
                        (task, metrics) ->
                            mean.put(
                                task,
                                mean(
                                    perSeed.stream()
                                        .map(e -> e.byActivity().get(level))
                                        .map(l -> l.get(scenario).get(task))
                                        .toList())));
                    levelCells.put(scenario, mean);
                  });
              byActivity.put(level, levelCells);
            });
    return new ModelEvaluation(name, cells, byActivity, ModelEvaluation.overall(config, cells));
  }

  /** The field-by-field mean of one cell's metrics over seeds. */
  static TaskMetrics mean(List<TaskMetrics> seeds) {
    TaskMetrics first = seeds.get(0);
    return new TaskMetrics(
        mean(seeds, TaskMetrics::auc),
        mean(seeds, TaskMetrics::aucLow),
        mean(seeds, TaskMetrics::aucHigh),
        mean(seeds, TaskMetrics::gauc),
        (int) Math.round(mean(seeds, TaskMetrics::gaucUsers)),
        mean(seeds, TaskMetrics::logloss),
        mean(seeds, TaskMetrics::copc),
        first.samples(),
        first.positives(),
        first.oracleAuc());
  }

  /** The mean of the defined values; NaN when none is. */
  private static double mean(List<TaskMetrics> seeds, ToDoubleFunction<TaskMetrics> field) {
    double sum = 0;
    int count = 0;
    for (TaskMetrics metrics : seeds) {
      double value = field.applyAsDouble(metrics);
      if (!Double.isNaN(value)) {
        sum += value;
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }
}
