package io.tutti.eval.report;

import io.tutti.eval.AbTest;
import io.tutti.eval.EvaluationReport;
import io.tutti.eval.ModelEntry;
import io.tutti.eval.ModelEvaluation;
import io.tutti.eval.TaskMetrics;
import io.tutti.eval.TrainingHistory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The report's sections that are mostly charts: AUC by activity level, training curves and the
 * simulated A/B test. Each chart has a table beside it (folded) with the numbers it draws.
 */
final class ChartSections {
  private final EvaluationReport report;
  private final Html html;

  ChartSections(EvaluationReport report, Html html) {
    this.report = report;
    this.html = html;
  }

  /** Per scenario, its main task's AUC by activity level, one line per model. */
  void activity() {
    html.open("section", "id", "activity");
    html.element("h2", "Activity levels");
    html.element(
        "p",
        "Each scenario's main task, AUC by user activity level (0 the least active, 10 the"
            + " most): does one model serve the rarely seen users as well as the regulars? A level"
            + " without both a positive and a negative has no AUC and leaves a gap. metrics.json"
            + " holds every task by level.",
        "class",
        "note");
    html.open("div", "class", "charts");
    for (var scenario : report.mainTasks().entrySet()) {
      String task = scenario.getValue();
      List<Integer> levels = levels(scenario.getKey());
      double[] x = levels.stream().mapToDouble(Integer::doubleValue).toArray();
      LineChart chart =
          new LineChart(
                  "AUC of " + scenario.getKey() + " / " + task + " by activity level",
                  "activity level",
                  "AUC",
                  x)
              .yBounds(0, 1)
              .valueFormat("%.4f");
      List<ModelEntry> models = report.models();
      for (int m = 0; m < models.size(); m++) {
        double[] y = new double[levels.size()];
        for (int i = 0; i < levels.size(); i++) {
          TaskMetrics cell =
              levelCell(models.get(m).evaluation(), levels.get(i), scenario.getKey(), task);
          y[i] = cell == null ? Double.NaN : cell.auc();
        }
        chart.add(new LineChart.Series(models.get(m).name(), m, y));
      }
      html.open("figure", "class", "activity-chart", "data-scenario", scenario.getKey());
      html.element("figcaption", scenario.getKey() + " / " + task);
      html.raw(chart.svg());
      activityTable(scenario.getKey(), task, levels);
      html.close("figure");
    }
    html.close("div").close("section").newline();
  }

  private void activityTable(String scenario, String task, List<Integer> levels) {
    html.open("details").element("summary", "AUC and samples by level");
    html.open("div", "class", "scroll").open("table", "class", "levels");
    html.open("thead").open("tr").element("th", "model");
    for (int level : levels) {
      html.element("th", String.valueOf(level), "class", "num");
    }
    html.close("tr").close("thead").open("tbody");
    for (ModelEntry model : report.models()) {
      html.open("tr").element("td", model.name());
      for (int level : levels) {
        TaskMetrics cell = levelCell(model.evaluation(), level, scenario, task);
        html.element(
            "td", cell == null ? Format.MISSING : Format.metric(cell.auc()), "class", "num");
      }
      html.close("tr");
    }
    html.open("tr").element("td", "samples");
    ModelEvaluation first = report.models().get(0).evaluation();
    for (int level : levels) {
      TaskMetrics cell = levelCell(first, level, scenario, task);
      html.element("td", cell == null ? "0" : Format.count(cell.samples()), "class", "num");
    }
    html.close("tr").close("tbody").close("table").close("div").close("details");
  }

  private static TaskMetrics levelCell(
      ModelEvaluation evaluation, int level, String scenario, String task) {
    var scenarios = evaluation.byActivity().get(level);
    if (scenarios == null || scenarios.get(scenario) == null) {
      return null;
    }
    return scenarios.get(scenario).get(task);
  }

  /** The activity levels with samples of a scenario under any model, in order. */
  private List<Integer> levels(String scenario) {
    Set<Integer> levels = new TreeSet<>();
    for (ModelEntry model : report.models()) {
      model
          .evaluation()
          .byActivity()
          .forEach(
              (level, scenarios) -> {
                if (scenarios.containsKey(scenario)) {
                  levels.add(level);
                }
              });
    }
    return List.copyOf(levels);
  }

  /** Per model with a history: training loss per task and validation AUC per scenario. */
  void training() {
    html.open("section", "id", "training");
    html.element("h2", "Training curves");
    List<ModelEntry> withHistory =
        report.models().stream()
            .filter(m -> m.training() != null && !m.training().epochs().isEmpty())
            .toList();
    if (withHistory.isEmpty()) {
      html.element("p", "No model of this report came with a training history.", "class", "note");
      html.close("section").newline();
      return;
    }
    html.element(
        "p",
        "Per epoch: the mean training loss of each task, and the validation AUC of each"
            + " scenario's main task. The dotted line marks the epoch whose weights were kept.",
        "class",
        "note");
    for (ModelEntry model : withHistory) {
      TrainingHistory history = model.training();
      List<TrainingHistory.Epoch> epochs = history.epochs();
      double[] x = epochs.stream().mapToDouble(TrainingHistory.Epoch::epoch).toArray();
      html.element("h3", model.name());
      html.open("div", "class", "charts");

      LineChart loss =
          new LineChart("Training loss of " + model.name() + " by epoch", "epoch", "loss", x)
              .yBounds(0, Double.POSITIVE_INFINITY)
              .valueFormat("%.4f");
      List<String> tasks = new ArrayList<>(keys(epochs, e -> e.trainLoss().keySet()));
      for (int t = 0; t < tasks.size(); t++) {
        String task = tasks.get(t);
        loss.add(
            new LineChart.Series(
                task,
                t,
                epochs.stream()
                    .mapToDouble(e -> e.trainLoss().getOrDefault(task, Double.NaN))
                    .toArray()));
      }
      markBest(loss, history);
      figure("training-chart", model.name() + ": training loss per task", loss);

      LineChart auc =
          new LineChart(
                  "Validation AUC of " + model.name() + " by epoch", "epoch", "validation AUC", x)
              .yBounds(0, 1)
              .valueFormat("%.4f");
      int s = 0;
      for (var scenario : report.mainTasks().entrySet()) {
        double[] y =
            epochs.stream()
                .mapToDouble(
                    e ->
                        e.validationAuc()
                            .getOrDefault(scenario.getKey(), Map.of())
                            .getOrDefault(scenario.getValue(), Double.NaN))
                .toArray();
        auc.add(new LineChart.Series(scenario.getKey() + " / " + scenario.getValue(), s++, y));
      }
      markBest(auc, history);
      figure("training-chart", model.name() + ": validation AUC of each main task", auc);
      html.close("div");
    }
    html.close("section").newline();
  }

  private static void markBest(LineChart chart, TrainingHistory history) {
    if (history.bestEpoch() > 0) {
      chart.marker(history.bestEpoch(), "kept");
    }
  }

  private void figure(String cssClass, String caption, LineChart chart) {
    html.open("figure", "class", cssClass).element("figcaption", caption);
    html.raw(chart.svg()).close("figure");
  }

  private static Set<String> keys(
      List<TrainingHistory.Epoch> epochs,
      java.util.function.Function<TrainingHistory.Epoch, Set<String>> of) {
    Set<String> keys = new LinkedHashSet<>();
    epochs.forEach(e -> keys.addAll(of.apply(e)));
    return keys;
  }

  /** The simulated A/B test: rates and lifts per scenario, lift by activity level. */
  void abtest() {
    AbTest test = report.abtest();
    if (test == null) {
      return;
    }
    html.open("section", "id", "abtest");
    html.element("h2", "Simulated A/B test: " + test.a() + " (A) against " + test.b() + " (B)");
    html.element(
        "p",
        test.users()
            + " simulated users, seed "
            + test.seed()
            + ". A rate is the expected share of shown items a user acts on, from the"
            + " simulator's true probabilities of the items each model put in the list: an"
            + " expectation, so there is no response noise. Lift = A / B \u2212 1, with its 95 %"
            + " bootstrap interval over requests.",
        "class",
        "note");
    for (var entry : test.scenarios().entrySet()) {
      String scenario = entry.getKey();
      AbTest.Scenario result = entry.getValue();
      html.element(
          "h3",
          scenario
              + ": "
              + Format.count(result.requests())
              + " requests, "
              + result.listSize()
              + " shown of "
              + result.candidates()
              + " candidates");
      html.open("div", "class", "charts");
      html.open("div");
      rateTable(result.rates(), "rates", scenario);
      levelTable(result);
      html.close("div");
      liftChart(scenario, result);
      html.close("div");
    }
    html.close("section").newline();
  }

  private void rateTable(Map<String, AbTest.Rate> rates, String cssClass, String scenario) {
    html.open("table", "class", "abtest " + cssClass, "data-scenario", scenario);
    html.open("thead").open("tr").element("th", "task");
    html.element("th", "A: " + report.abtest().a(), "class", "num");
    html.element("th", "B: " + report.abtest().b(), "class", "num");
    html.element("th", "lift", "class", "num").element("th", "95 % interval", "class", "num");
    html.close("tr").close("thead").open("tbody");
    for (var rate : rates.entrySet()) {
      AbTest.Rate r = rate.getValue();
      String verdict = r.liftLow() > 0 ? "better" : r.liftHigh() < 0 ? "worse" : "noise";
      html.open("tr").element("td", rate.getKey());
      html.element("td", Format.rate(r.a()), "class", "num");
      html.element("td", Format.rate(r.b()), "class", "num");
      html.element("td", Format.percent(r.lift()), "class", "num " + verdict);
      html.element("td", Format.percentInterval(r.liftLow(), r.liftHigh()), "class", "num");
      html.close("tr");
    }
    html.close("tbody").close("table");
  }

  private void levelTable(AbTest.Scenario result) {
    if (result.activity().isEmpty()) {
      return;
    }
    html.open("details").element("summary", "Rates by activity level");
    html.open("div", "class", "scroll").open("table", "class", "abtest levels");
    html.open("thead").open("tr").element("th", "level").element("th", "requests", "class", "num");
    html.element("th", "task")
        .element("th", "A", "class", "num")
        .element("th", "B", "class", "num");
    html.element("th", "lift", "class", "num").element("th", "95 % interval", "class", "num");
    html.close("tr").close("thead").open("tbody");
    for (var level : result.activity().entrySet()) {
      for (var rate : level.getValue().rates().entrySet()) {
        AbTest.Rate r = rate.getValue();
        html.open("tr").element("td", String.valueOf(level.getKey()));
        html.element("td", Format.count(level.getValue().requests()), "class", "num");
        html.element("td", rate.getKey());
        html.element("td", Format.rate(r.a()), "class", "num");
        html.element("td", Format.rate(r.b()), "class", "num");
        html.element("td", Format.percent(r.lift()), "class", "num");
        html.element("td", Format.percentInterval(r.liftLow(), r.liftHigh()), "class", "num");
        html.close("tr");
      }
    }
    html.close("tbody").close("table").close("div").close("details");
  }

  private void liftChart(String scenario, AbTest.Scenario result) {
    List<Integer> levels = List.copyOf(result.activity().keySet());
    if (levels.isEmpty()) {
      return;
    }
    double[] x = levels.stream().mapToDouble(Integer::doubleValue).toArray();
    LineChart chart =
        new LineChart(
                "Lift of A over B in " + scenario + " by activity level",
                "activity level",
                "lift (A / B \u2212 1)",
                x)
            .reference(0)
            .valueFormat("%+.4f");
    List<String> tasks = new ArrayList<>(result.rates().keySet());
    for (int t = 0; t < tasks.size(); t++) {
      String task = tasks.get(t);
      double[] lift = new double[x.length];
      double[] low = new double[x.length];
      double[] high = new double[x.length];
      for (int i = 0; i < levels.size(); i++) {
        AbTest.Rate r = result.activity().get(levels.get(i)).rates().get(task);
        lift[i] = r == null ? Double.NaN : r.lift();
        low[i] = r == null ? Double.NaN : r.liftLow();
        high[i] = r == null ? Double.NaN : r.liftHigh();
      }
      chart.add(new LineChart.Series(task, t, lift, low, high));
    }
    html.open("figure", "class", "lift-chart", "data-scenario", scenario);
    html.element("figcaption", scenario + ": lift by activity level");
    html.raw(chart.svg()).close("figure");
  }
}
