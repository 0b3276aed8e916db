package io.tutti.eval.report;

import io.tutti.eval.CellComparison;
import io.tutti.eval.EvaluationReport;
import io.tutti.eval.ModelEntry;
import io.tutti.eval.TaskMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's headline: per scenario, its main task's AUC under every model and each model's
 * difference to the baseline. The HTML summary, the Markdown summary and the console table all
 * print this one table, so they never disagree.
 *
 * @param models model names in report order (the baseline first when there is one)
 * @param baseline the baseline's name, or null when nothing is compared
 * @param rows one per scenario, in config order
 */
record Headline(List<String> models, String baseline, List<Row> rows) {

  /**
   * One scenario's main task.
   *
   * @param scenario scenario id
   * @param task its main task's id
   * @param oracleAuc the simulator's true probabilities' AUC; NaN on real data
   * @param cells one per model, in {@link #models} order
   */
  record Row(String scenario, String task, double oracleAuc, List<Cell> cells) {}

  /**
   * One model on one scenario's main task.
   *
   * @param model model name
   * @param auc its AUC, NaN when undefined or missing
   * @param delta its comparison with the baseline; null for the baseline itself or without one
   */
  record Cell(String model, double auc, CellComparison delta) {}

  /** The headline of a report. */
  static Headline of(EvaluationReport report) {
    List<String> models = report.models().stream().map(ModelEntry::name).toList();
    List<Row> rows = new ArrayList<>();
    for (var scenario : report.mainTasks().entrySet()) {
      String task = scenario.getValue();
      double oracle = Double.NaN;
      List<Cell> cells = new ArrayList<>();
      for (ModelEntry model : report.models()) {
        TaskMetrics metrics = model.evaluation().cell(scenario.getKey(), task);
        double auc = metrics == null ? Double.NaN : metrics.auc();
        if (metrics != null && Double.isNaN(oracle)) {
          oracle = metrics.oracleAuc();
        }
        cells.add(new Cell(model.name(), auc, report.delta(model.name(), scenario.getKey(), task)));
      }
      rows.add(new Row(scenario.getKey(), task, oracle, cells));
    }
    return new Headline(models, report.baseline(), rows);
  }

  /** Whether any row has an oracle AUC (simulated data). */
  boolean hasOracle() {
    return rows.stream().anyMatch(r -> Double.isFinite(r.oracleAuc()));
  }

  /** A verdict as a word a reader scans for. */
  static String verdictWord(CellComparison.Verdict verdict) {
    return switch (verdict) {
      case BETTER -> "better";
      case WORSE -> "worse";
      case WITHIN_NOISE -> "within noise";
    };
  }
}
