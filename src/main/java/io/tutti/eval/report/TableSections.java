package io.tutti.eval.report;

import io.tutti.eval.CellComparison;
import io.tutti.eval.EvaluationReport;
import io.tutti.eval.ModelEntry;
import io.tutti.eval.TaskMetrics;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report's sections that are tables of every scenario x task cell: the metrics of every model
 * with its difference to the baseline, the gap to the oracle, and COPC.
 */
final class TableSections {
  /** Where a COPC counts as miscalibrated in the COPC table: more than 10 % off. */
  static final double COPC_TOLERANCE = 0.10;

  private final EvaluationReport report;
  private final Headline headline;
  private final Html html;

  TableSections(EvaluationReport report, Headline headline, Html html) {
    this.report = report;
    this.headline = headline;
    this.html = html;
  }

  void metrics() {
    html.open("section", "id", "metrics");
    html.element("h2", "Metrics per scenario \u00d7 task");
    html.element(
        "p",
        "On the test split, over the (sample, task) pairs whose label is present. AUC with its"
            + " 95 % bootstrap interval; GAUC averages each user's AUC weighted by impressions;"
            + " logloss in nats; COPC = labels / predictions (1 is calibrated).",
        "class",
        "note");
    boolean compared = headline.baseline() != null;
    boolean oracle = anyOracle();
    // model, AUC, interval, [delta, its interval, verdict, GAUC delta], GAUC, users, logloss,
    // COPC, [gap to oracle]
    int columns = 3 + (compared ? 4 : 0) + 4 + (oracle ? 1 : 0);
    for (String scenario : report.mainTasks().keySet()) {
      html.element("h3", scenario, "id", "metrics-" + scenario);
      html.open("div", "class", "scroll");
      html.open("table", "class", "metrics", "data-scenario", scenario);
      html.open("thead").open("tr");
      html.element("th", "task / model");
      for (String column : List.of("AUC", "95 % interval")) {
        html.element("th", column, "class", "num");
      }
      if (compared) {
        html.element("th", "\u0394 AUC vs " + headline.baseline(), "class", "num");
        html.element("th", "\u0394 95 % interval", "class", "num");
        html.element("th", "verdict");
        html.element("th", "\u0394 GAUC", "class", "num");
      }
      for (String column : List.of("GAUC", "GAUC users", "logloss", "COPC")) {
        html.element("th", column, "class", "num");
      }
      if (oracle) {
        html.element("th", "gap to oracle", "class", "num");
      }
      html.close("tr").close("thead").open("tbody");
      for (String task : tasksOf(scenario)) {
        TaskMetrics first = firstCell(scenario, task);
        html.open("tr", "class", "group").open("th", "colspan", String.valueOf(columns));
        html.text(task + (task.equals(report.mainTasks().get(scenario)) ? " (main task)" : ""));
        String facts =
            Format.count(first.samples())
                + " samples, "
                + Format.count(first.positives())
                + " positives"
                + (Double.isFinite(first.oracleAuc())
                    ? ", oracle AUC " + Format.metric(first.oracleAuc())
                    : "");
        html.element("span", facts, "class", "facts");
        html.close("th").close("tr");
        for (ModelEntry model : report.models()) {
          metricsRow(model, scenario, task, columns, oracle);
        }
      }
      html.close("tbody").close("table").close("div");
    }
    html.close("section").newline();
  }

  private void metricsRow(
      ModelEntry model, String scenario, String task, int columns, boolean oracle) {
    boolean compared = headline.baseline() != null;
    TaskMetrics m = model.evaluation().cell(scenario, task);
    boolean isBaseline = model.name().equals(headline.baseline());
    html.open("tr", "class", isBaseline ? "baseline" : "model", "data-model", model.name());
    html.element("td", model.name() + (isBaseline ? " (baseline)" : ""));
    if (m == null) {
      html.element("td", "not scored", "colspan", String.valueOf(columns - 1));
      html.close("tr");
      return;
    }
    html.element("td", Format.metric(m.auc()), "class", "num");
    html.element("td", Format.interval(m.aucLow(), m.aucHigh()), "class", "num");
    if (compared) {
      CellComparison c = report.delta(model.name(), scenario, task);
      if (c == null) {
        html.element("td", Format.MISSING, "class", "num");
        html.element("td", Format.MISSING, "class", "num").element("td", "");
        html.element("td", Format.MISSING, "class", "num");
      } else {
        html.element(
            "td",
            Format.delta(c.aucDelta()) + HtmlReport.mark(c.verdict()),
            "class",
            "num " + HtmlReport.verdictClass(c.verdict()));
        html.element("td", Format.deltaInterval(c.low(), c.high()), "class", "num");
        html.element(
            "td", Headline.verdictWord(c.verdict()), "class", HtmlReport.verdictClass(c.verdict()));
        html.element("td", Format.delta(c.gaucDelta()), "class", "num");
      }
    }
    html.element("td", Format.metric(m.gauc()), "class", "num");
    html.element("td", Format.count(m.gaucUsers()), "class", "num");
    html.element("td", Format.metric(m.logloss()), "class", "num");
    html.element("td", Format.copc(m.copc()), "class", "num");
    if (oracle) {
      html.element("td", Format.metric(m.oracleGap()), "class", "num");
    }
    html.close("tr");
  }

  void oracle() {
    html.open("section", "id", "oracle");
    html.element("h2", "Oracle");
    if (!anyOracle()) {
      html.element(
          "p",
          "Real data: the true probabilities are unknown, so there is no oracle AUC. On the"
              + " simulator's data, this section shows how far each model stays from the best AUC"
              + " any model can reach on the same labels.",
          "class",
          "note");
      html.close("section").newline();
      return;
    }
    html.element(
        "p",
        "The oracle AUC is the AUC of the simulator's true probabilities on the test labels: the"
            + " best any model can reach. The gap is oracle AUC minus the model's AUC; smaller is"
            + " better.",
        "class",
        "note");
    html.open("div", "class", "scroll").open("table", "class", "oracle");
    html.open("thead").open("tr");
    html.element("th", "scenario").element("th", "task");
    html.element("th", "oracle AUC", "class", "num");
    for (ModelEntry model : report.models()) {
      html.element("th", model.name() + " gap", "class", "num");
    }
    html.close("tr").close("thead").open("tbody");
    for (String scenario : report.mainTasks().keySet()) {
      for (String task : tasksOf(scenario)) {
        html.open("tr").element("td", scenario).element("td", task);
        html.element("td", Format.metric(firstCell(scenario, task).oracleAuc()), "class", "num");
        for (ModelEntry model : report.models()) {
          TaskMetrics m = model.evaluation().cell(scenario, task);
          html.element(
              "td", m == null ? Format.MISSING : Format.metric(m.oracleGap()), "class", "num");
        }
        html.close("tr");
      }
    }
    html.close("tbody").close("table").close("div").close("section").newline();
  }

  void copc() {
    html.open("section", "id", "copc");
    html.element("h2", "Calibration (COPC)");
    html.element(
        "p",
        "COPC = sum of labels / sum of predicted probabilities, per scenario \u00d7 task: 1 is"
            + " calibrated, above 1 the model under-predicts. Shaded: more than "
            + Math.round(COPC_TOLERANCE * 100)
            + " % off. Sampling rates differ per scenario; the loss weights 1/r keep each"
            + " scenario calibrated on its own.",
        "class",
        "note");
    html.open("div", "class", "scroll").open("table", "class", "copc");
    html.open("thead").open("tr").element("th", "scenario").element("th", "task");
    for (ModelEntry model : report.models()) {
      html.element("th", model.name(), "class", "num");
    }
    html.close("tr").close("thead").open("tbody");
    for (String scenario : report.mainTasks().keySet()) {
      for (String task : tasksOf(scenario)) {
        html.open("tr").element("td", scenario).element("td", task);
        for (ModelEntry model : report.models()) {
          TaskMetrics m = model.evaluation().cell(scenario, task);
          double copc = m == null ? Double.NaN : m.copc();
          boolean off = Double.isFinite(copc) && Math.abs(copc - 1) > COPC_TOLERANCE;
          html.element("td", Format.copc(copc), "class", off ? "num off" : "num");
        }
        html.close("tr");
      }
    }
    html.close("tbody").close("table").close("div").close("section").newline();
  }

  /** The tasks of a scenario that any model has metrics for, in the first model's order. */
  List<String> tasksOf(String scenario) {
    Set<String> tasks = new LinkedHashSet<>();
    for (ModelEntry model : report.models()) {
      Map<String, TaskMetrics> cells = model.evaluation().cells().get(scenario);
      if (cells != null) {
        tasks.addAll(cells.keySet());
      }
    }
    return List.copyOf(tasks);
  }

  /** The cell's metrics under the first model that has it: samples and oracle are shared. */
  TaskMetrics firstCell(String scenario, String task) {
    for (ModelEntry model : report.models()) {
      TaskMetrics m = model.evaluation().cell(scenario, task);
      if (m != null) {
        return m;
      }
    }
    throw new IllegalStateException("No model has " + scenario + "/" + task);
  }

  boolean anyOracle() {
    for (ModelEntry model : report.models()) {
      for (var tasks : model.evaluation().cells().values()) {
        for (TaskMetrics m : tasks.values()) {
          if (Double.isFinite(m.oracleAuc())) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
