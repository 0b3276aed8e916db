package io.tutti.eval.report;

import io.tutti.eval.EvaluationReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's headline as a fixed-width text table for the terminal: one line per scenario and
 * model, so it stays narrow however many models are compared. Plain ASCII, so the columns line up
 * in any terminal.
 */
public final class ConsoleTable {
  private ConsoleTable() {}

  /** The table of a report, lines ending in {@code \n}. */
  public static String render(EvaluationReport report) {
    Headline headline = Headline.of(report);
    boolean compared = headline.baseline() != null;
    boolean oracle = headline.hasOracle();

    List<String> header = new ArrayList<>(List.of("scenario", "main task"));
    if (oracle) {
      header.add("oracle");
    }
    header.addAll(List.of("model", "AUC"));
    if (compared) {
      header.addAll(List.of("delta vs " + headline.baseline(), "95% interval", "verdict"));
    }
    List<List<String>> rows = new ArrayList<>();
    for (Headline.Row row : headline.rows()) {
      boolean first = true;
      for (Headline.Cell cell : row.cells()) {
        List<String> line = new ArrayList<>();
        line.add(first ? row.scenario() : "");
        line.add(first ? row.task() : "");
        if (oracle) {
          line.add(first ? Format.metric(row.oracleAuc()) : "");
        }
        line.add(cell.model());
        line.add(Format.metric(cell.auc()));
        if (compared) {
          if (cell.delta() == null) {
            line.addAll(
                List.of("", "", cell.model().equals(headline.baseline()) ? "baseline" : ""));
          } else {
            line.add(Format.delta(cell.delta().aucDelta()));
            line.add(Format.deltaInterval(cell.delta().low(), cell.delta().high()));
            line.add(Headline.verdictWord(cell.delta().verdict()));
          }
        }
        rows.add(line);
        first = false;
      }
    }

    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = header.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    // Text columns (scenario, task, model, verdict) align left, numbers right.
    boolean[] numeric = new boolean[header.size()];
    for (int c = 0; c < numeric.length; c++) {
      String name = header.get(c);
      numeric[c] =
          !(name.equals("scenario")
              || name.equals("main task")
              || name.equals("model")
              || name.equals("verdict"));
    }
    StringBuilder out = new StringBuilder();
    out.append(line(header, widths, numeric));
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
    }
    out.append(rule).append('\n');
    for (List<String> row : rows) {
      out.append(line(row, widths, numeric));
    }
    if (report.comparison() != null) {
      int seesaw = 0;
      for (String model : report.comparison().models().keySet()) {
        seesaw += report.comparison().seesaw(model).size();
      }
      out.append(
          seesaw == 0
              ? "No model is worse than " + headline.baseline() + " beyond noise in any cell.\n"
              : seesaw
                  + " scenario x task cell(s) worse than "
                  + headline.baseline()
                  + " beyond noise: see the seesaw warnings in the report.\n");
    }
    return out.toString();
  }

  private static String line(List<String> cells, int[] widths, boolean[] numeric) {
    StringBuilder out = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(widths[c] - cell.length());
      out.append(c == 0 ? "" : "  ").append(numeric[c] ? pad + cell : cell + pad);
    }
    return out.toString().stripTrailing() + "\n";
  }
}
