package io.tutti.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.tutti.common.TuttiException;
import io.tutti.eval.CellComparison;
import io.tutti.eval.EvaluationReport;
import io.tutti.eval.ModelEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG charts, no script, font or
 * image from anywhere, so it opens offline and can be mailed as one file.
 *
 * <p>Sections, in order: summary (the {@link Headline} and each model's tally of verdicts), seesaw
 * warnings, metrics per scenario x task, the oracle, activity levels, COPC, training curves, the
 * simulated A/B test and the feature ablation (each when present), models and data, and the config.
 * Every section has an {@code id} the navigation bar links to; tests look them up by it.
 */
public final class HtmlReport {
  private final EvaluationReport report;
  private final Headline headline;
  private final Html html = new Html();

  private HtmlReport(EvaluationReport report) {
    this.report = report;
    this.headline = Headline.of(report);
  }

  /** The page of a report. */
  public static String render(EvaluationReport report) {
    return new HtmlReport(report).page();
  }

  private String page() {
    html.raw("<!DOCTYPE html>\n");
    html.open("html", "lang", "en").newline();
    html.open("head").newline();
    html.raw("<meta charset=\"utf-8\">\n");
    html.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.element("title", "Tutti evaluation: " + report.title()).newline();
    html.open("style").raw(stylesheet()).close("style").newline();
    html.close("head").newline();
    html.open("body").newline();
    header();
    navigation();
    html.open("main", "class", "page").newline();
    summary();
    seesaw();
    TableSections tables = new TableSections(report, headline, html);
    tables.metrics();
    tables.oracle();
    ChartSections charts = new ChartSections(report, html);
    charts.activity();
    tables.copc();
    charts.training();
    charts.abtest();
    featureAblation();
    models();
    config();
    html.close("main").newline();
    html.open("footer", "class", "page")
        .text(
            "Written by tutti. Intervals are 95 % bootstrap intervals over the test samples"
                + " (paired for differences); metrics.json beside this page holds every number.")
        .close("footer")
        .newline();
    html.close("body").newline().close("html").newline();
    return html.toString();
  }

  private void header() {
    html.open("header", "class", "top").open("div", "class", "page");
    html.element("h1", "Evaluation: " + report.title());
    String models = String.join(", ", headline.models());
    html.element(
        "p",
        "Created "
            + report.created()
            + " \u00b7 "
            + headline.models().size()
            + (headline.models().size() == 1 ? " model: " : " models: ")
            + models
            + (headline.baseline() == null ? "" : " \u00b7 baseline: " + headline.baseline()));
    html.close("div").close("header").newline();
  }

  private void navigation() {
    html.open("nav", "class", "sections").open("div", "class", "page");
    link("summary", "Summary");
    link("seesaw", "Seesaw");
    link("metrics", "Scenario \u00d7 task");
    link("oracle", "Oracle");
    link("activity", "Activity levels");
    link("copc", "Calibration");
    link("training", "Training");
    if (report.abtest() != null) {
      link("abtest", "A/B test");
    }
    if (report.featureAblation() != null) {
      link("ablation", "Feature ablation");
    }
    link("models", "Models and data");
    link("config", "Config");
    html.close("div").close("nav").newline();
  }

  private void link(String id, String label) {
    html.element("a", label, "href", "#" + id);
  }

  private void summary() {
    html.open("section", "id", "summary");
    html.element("h2", "Summary");
    html.element(
        "p",
        headline.baseline() == null
            ? "Each scenario's main task: the AUC of the model."
            : "Each scenario's main task: every model's AUC and, below it, its difference to "
                + headline.baseline()
                + " (one specialist model per scenario) with the paired 95 % interval;"
                + " \u25b2 better and \u25bc worse beyond noise.",
        "class",
        "note");
    html.open("div", "class", "scroll").open("table", "class", "headline");
    html.open("thead").open("tr");
    html.element("th", "scenario").element("th", "main task");
    if (headline.hasOracle()) {
      html.element("th", "oracle AUC", "class", "num");
    }
    for (String model : headline.models()) {
      html.element("th", model, "class", "num");
    }
    html.close("tr").close("thead").open("tbody");
    for (Headline.Row row : headline.rows()) {
      html.open("tr");
      html.element("td", row.scenario()).element("td", row.task());
      if (headline.hasOracle()) {
        html.element("td", Format.metric(row.oracleAuc()), "class", "num");
      }
      for (Headline.Cell cell : row.cells()) {
        headlineCell(cell);
      }
      html.close("tr");
    }
    html.close("tbody").close("table").close("div");
    tally();
    html.close("section").newline();
  }

  /** Each model's verdicts over every cell: how often it wins, ties and loses. */
  private void tally() {
    if (report.comparison() == null) {
      return;
    }
    html.open("ul", "class", "warnings tally");
    for (var model : report.comparison().models().entrySet()) {
      int better = 0;
      int noise = 0;
      int worse = 0;
      for (var tasks : model.getValue().values()) {
        for (CellComparison c : tasks.values()) {
          switch (c.verdict()) {
            case BETTER -> better++;
            case WORSE -> worse++;
            case WITHIN_NOISE -> noise++;
          }
        }
      }
      html.open("li").element("strong", model.getKey()).text(" against " + headline.baseline());
      html.text(": better in ");
      html.element("span", String.valueOf(better), "class", better > 0 ? "better" : "noise");
      html.text(" cells, within noise in " + noise + ", worse in ");
      html.element("span", String.valueOf(worse), "class", worse > 0 ? "worse" : "noise");
      html.text(" (of " + (better + noise + worse) + " scenario \u00d7 task cells).").close("li");
    }
    html.close("ul");
  }

  /**
   * One model's cell of the headline: its AUC, and below it, for a model other than the baseline,
   * the difference to the baseline marked by its verdict and the difference's interval. One column
   * per model keeps six models within a laptop screen.
   */
  private void headlineCell(Headline.Cell cell) {
    CellComparison delta = cell.delta();
    if (delta == null) {
      html.open("td", "class", "num").element("span", Format.metric(cell.auc()), "class", "auc");
      html.close("td");
      return;
    }
    html.open("td", "class", "num", "title", "verdict: " + Headline.verdictWord(delta.verdict()));
    html.element("span", Format.metric(cell.auc()), "class", "auc");
    html.element(
        "span",
        Format.delta(delta.aucDelta()) + mark(delta.verdict()),
        "class",
        "delta " + verdictClass(delta.verdict()));
    html.element("span", Format.deltaInterval(delta.low(), delta.high()), "class", "ci");
    html.close("td");
  }

  static String mark(CellComparison.Verdict verdict) {
    return switch (verdict) {
      case BETTER -> " \u25b2";
      case WORSE -> " \u25bc";
      case WITHIN_NOISE -> "";
    };
  }

  static String verdictClass(CellComparison.Verdict verdict) {
    return switch (verdict) {
      case BETTER -> "better";
      case WORSE -> "worse";
      case WITHIN_NOISE -> "noise";
    };
  }

  private void seesaw() {
    html.open("section", "id", "seesaw");
    html.element("h2", "Seesaw warnings");
    if (report.comparison() == null) {
      html.element("p", "One model only: there is no baseline to compare with.", "class", "note");
      html.close("section").newline();
      return;
    }
    html.element(
        "p",
        "Every scenario \u00d7 task where a model does worse than "
            + headline.baseline()
            + " beyond noise (the whole 95 % interval of its AUC difference below 0): the ground"
            + " a unified model gives up to the specialists.",
        "class",
        "note");
    List<String> warnings = new ArrayList<>();
    html.open("ul", "class", "warnings seesaw");
    for (String model : report.comparison().models().keySet()) {
      for (String cell : report.comparison().seesaw(model)) {
        String[] parts = cell.split("/", 2);
        CellComparison c = report.delta(model, parts[0], parts[1]);
        html.open("li", "class", "seesaw-warning");
        html.element("span", "\u25bc " + model, "class", "worse");
        html.text(" is worse than " + headline.baseline() + " on ");
        html.element("strong", parts[0] + " / " + parts[1]);
        html.text(
            ": \u0394 AUC "
                + Format.delta(c.aucDelta())
                + " "
                + Format.deltaInterval(c.low(), c.high())
                + ".");
        html.close("li");
        warnings.add(cell);
      }
    }
    if (warnings.isEmpty()) {
      html.element(
          "li",
          "No model is worse than " + headline.baseline() + " beyond noise in any cell.",
          "class",
          "ok");
    }
    html.close("ul").close("section").newline();
  }

  private void featureAblation() {
    JsonNode ablation = report.featureAblation();
    if (ablation == null) {
      return;
    }
    html.open("section", "id", "ablation");
    html.element("h2", "Feature ablation");
    html.element(
        "p",
        "Model "
            + ablation.path("model").asText("?")
            + ", mode "
            + ablation.path("mode").asText("?")
            + ": the AUC lost without each feature group (the full model's AUC minus the AUC"
            + " without it); the larger, the more the group matters.",
        "class",
        "note");
    html.open("div", "class", "scroll").open("table", "class", "ablation");
    html.open("thead").open("tr").element("th", "group").element("th", "scenario");
    html.element("th", "task").element("th", "AUC", "class", "num");
    html.element("th", "AUC loss", "class", "num").close("tr").close("thead").open("tbody");
    for (var group : iterable(ablation.path("groups").fields())) {
      for (var scenario : iterable(group.getValue().path("scenarios").fields())) {
        for (var task : iterable(scenario.getValue().path("tasks").fields())) {
          html.open("tr").element("td", group.getKey()).element("td", scenario.getKey());
          html.element("td", task.getKey());
          html.element("td", Format.metric(number(task.getValue(), "auc")), "class", "num");
          html.element("td", Format.delta(number(task.getValue(), "auc_loss")), "class", "num");
          html.close("tr");
        }
      }
    }
    html.close("tbody").close("table").close("div").close("section").newline();
  }

  private void models() {
    html.open("section", "id", "models");
    html.element("h2", "Models and data");
    html.open("div", "class", "scroll").open("table", "class", "models");
    html.open("thead").open("tr").element("th", "model").element("th", "type");
    html.element("th", "seeds", "class", "num").element("th", "training time", "class", "num");
    html.element("th", "epochs", "class", "num").element("th", "best epoch", "class", "num");
    html.close("tr").close("thead").open("tbody");
    for (ModelEntry model : report.models()) {
      html.open("tr").element("td", model.name()).element("td", model.type());
      html.element("td", String.valueOf(model.seeds()), "class", "num");
      html.element("td", Format.seconds(model.trainSeconds()), "class", "num");
      var history = model.training();
      html.element(
          "td", history == null ? Format.MISSING : "" + history.epochs().size(), "class", "num");
      html.element(
          "td",
          history == null || history.bestEpoch() <= 0
              ? Format.MISSING
              : history.bestEpoch() + (history.stoppedEarly() ? " (stopped early)" : ""),
          "class",
          "num");
      html.close("tr");
    }
    html.close("tbody").close("table").close("div");
    JsonNode data = report.data();
    if (data != null && data.isObject()) {
      html.element("h3", "Test data");
      html.open("dl", "class", "facts");
      for (var field : iterable(data.fields())) {
        if (field.getValue().isValueNode()) {
          html.element("dt", field.getKey()).element("dd", field.getValue().asText());
        } else if (field.getValue().isObject()) {
          html.element("dt", field.getKey()).element("dd", compact(field.getValue()));
        }
      }
      html.close("dl");
    }
    html.close("section").newline();
  }

  private void config() {
    html.open("section", "id", "config");
    html.element("h2", "Config");
    html.element(
        "p",
        "The resolved tutti.yaml the models were trained with, defaults filled in.",
        "class",
        "note");
    html.open("details", "open", "open");
    long lines = report.configYaml().lines().count();
    html.element("summary", lines + (lines == 1 ? " line" : " lines"));
    html.element("pre", report.configYaml(), "class", "config");
    html.close("details").close("section").newline();
  }

  private static double number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isNumber() ? Double.NaN : value.asDouble();
  }

  private static String compact(JsonNode node) {
    List<String> parts = new ArrayList<>();
    for (var field : iterable(node.fields())) {
      if (field.getValue().isValueNode()) {
        parts.add(field.getKey() + " " + field.getValue().asText());
      }
    }
    return String.join(", ", parts);
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
    return () -> iterator;
  }

  private static String stylesheet() {
    try (InputStream in = HtmlReport.class.getResourceAsStream("report.css")) {
      if (in == null) {
        throw new TuttiException(
            "The report's stylesheet io/tutti/eval/report/report.css is missing from the build.");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TuttiException("Could not read the report's stylesheet: " + e.getMessage(), e);
    }
  }
}
