package io.tutti.eval.report;

import io.tutti.eval.AbTest;
import io.tutti.eval.CellComparison;
import io.tutti.eval.EvaluationReport;
import io.tutti.eval.ModelEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code summary.md}: the report's headline, seesaw warnings and A/B lifts in Markdown, for a pull
 * request, a wiki page or a chat message. Every number in it is also in report.html and
 * metrics.json.
 */
public final class MarkdownSummary {
  private MarkdownSummary() {}

  /** The summary of a report. */
  public static String render(EvaluationReport report) {
    Headline headline = Headline.of(report);
    StringBuilder md = new StringBuilder();
    md.append("# Evaluation: ").append(escape(report.title())).append("\n\n");
    md.append("Created ")
        .append(report.created())
        .append(". Models: ")
        .append(escape(String.join(", ", headline.models())))
        .append(headline.baseline() == null ? "" : "; baseline: " + escape(headline.baseline()))
        .append(".\n\n");

    md.append("## Main task of each scenario\n\n");
    if (headline.baseline() != null) {
      md.append("AUC of each model; for the others, in brackets, the difference to ")
          .append(escape(headline.baseline()))
          .append(" with its paired 95 % interval. ▲ better and ▼ worse beyond noise.\n\n");
    }
    List<String> header = new ArrayList<>(List.of("scenario", "main task"));
    if (headline.hasOracle()) {
      header.add("oracle AUC");
    }
    headline.models().forEach(header::add);
    md.append(row(header, true));
    md.append(separator(header.size()));
    for (Headline.Row row : headline.rows()) {
      List<String> cells = new ArrayList<>(List.of(escape(row.scenario()), escape(row.task())));
      if (headline.hasOracle()) {
        cells.add(Format.metric(row.oracleAuc()));
      }
      for (Headline.Cell cell : row.cells()) {
        cells.add(Format.metric(cell.auc()) + delta(cell.delta()));
      }
      md.append(row(cells, false));
    }
    md.append('\n');

    if (report.comparison() != null) {
      md.append("## Seesaw warnings\n\n");
      boolean any = false;
      for (String model : report.comparison().models().keySet()) {
        for (String cell : report.comparison().seesaw(model)) {
          String[] parts = cell.split("/", 2);
          CellComparison c = report.delta(model, parts[0], parts[1]);
          md.append("- ▼ **")
              .append(escape(model))
              .append("** is worse than ")
              .append(escape(headline.baseline()))
              .append(" on ")
              .append(escape(cell))
              .append(": Δ AUC ")
              .append(Format.delta(c.aucDelta()))
              .append(' ')
              .append(Format.deltaInterval(c.low(), c.high()))
              .append(".\n");
          any = true;
        }
      }
      if (!any) {
        md.append("No model is worse than ")
            .append(escape(headline.baseline()))
            .append(" beyond noise in any scenario × task.\n");
      }
      md.append('\n');
    }

    AbTest test = report.abtest();
    if (test != null) {
      md.append("## Simulated A/B test: ")
          .append(escape(test.a()))
          .append(" (A) against ")
          .append(escape(test.b()))
          .append(" (B)\n\n");
      List<String> abHeader = List.of("scenario", "task", "A", "B", "lift", "95 % interval");
      md.append(row(abHeader, true)).append(separator(abHeader.size()));
      test.scenarios()
          .forEach(
              (scenario, result) ->
                  result
                      .rates()
                      .forEach(
                          (task, r) ->
                              md.append(
                                  row(
                                      List.of(
                                          escape(scenario),
                                          escape(task),
                                          Format.rate(r.a()),
                                          Format.rate(r.b()),
                                          Format.percent(r.lift()),
                                          Format.percentInterval(r.liftLow(), r.liftHigh())),
                                      false))));
      md.append('\n');
    }

    md.append("## Models\n\n");
    for (ModelEntry model : report.models()) {
      md.append("- **")
          .append(escape(model.name()))
          .append("** (")
          .append(escape(model.type()))
          .append("): ")
          .append(model.seeds())
          .append(model.seeds() == 1 ? " seed" : " seeds")
          .append(
              Double.isFinite(model.trainSeconds())
                  ? ", trained in " + Format.seconds(model.trainSeconds())
                  : "")
          .append(".\n");
    }
    md.append(
        "\nEvery metric per scenario × task × activity level: report.html and metrics.json.\n");
    return md.toString();
  }

  private static String delta(CellComparison c) {
    if (c == null) {
      return "";
    }
    String mark =
        switch (c.verdict()) {
          case BETTER -> " ▲";
          case WORSE -> " ▼";
          case WITHIN_NOISE -> "";
        };
    return " ("
        + Format.delta(c.aucDelta())
        + mark
        + " "
        + Format.deltaInterval(c.low(), c.high())
        + ")";
  }

  private static String row(List<String> cells, boolean header) {
    StringBuilder line = new StringBuilder("|");
    for (String cell : cells) {
      line.append(' ').append(header ? escape(cell) : cell).append(" |");
    }
    return line.append('\n').toString();
  }

  private static String separator(int columns) {
    StringBuilder line = new StringBuilder("|");
    for (int i = 0; i < columns; i++) {
      line.append(i < 2 ? " --- |" : " ---: |");
    }
    return line.append('\n').toString();
  }

  /**
   * Escapes text for Markdown: a backslash before every character that Markdown or a table gives a
   * meaning to, and HTML's {@code <} and {@code &} as entities, so a name renders as written.
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '|', '#', '!', '{', '}' -> out.append('\\').append(c);
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '\n', '\r' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
