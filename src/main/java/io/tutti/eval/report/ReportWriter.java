package io.tutti.eval.report;

import io.tutti.common.AtomicFiles;
import io.tutti.eval.EvaluationReport;
import io.tutti.eval.MetricsJson;
import java.nio.file.Path;

/**
 * Writes a report directory: {@code metrics.json}, {@code report.html} and {@code summary.md}.
 * Everything is rendered before anything is written, and each file is written atomically (a
 * temporary name, then a rename), so an interrupted run never leaves a half-written file. Other
 * files in the directory are left alone.
 */
public final class ReportWriter {
  /** The file names inside a report directory. */
  public static final String METRICS = "metrics.json";

  public static final String HTML = "report.html";
  public static final String SUMMARY = "summary.md";

  private ReportWriter() {}

  /** Writes the three files of {@code report} into {@code directory}, creating it if needed. */
  public static void write(EvaluationReport report, Path directory) {
    String html = HtmlReport.render(report);
    String summary = MarkdownSummary.render(report);
    MetricsJson.write(report, directory.resolve(METRICS));
    AtomicFiles.writeString(directory.resolve(SUMMARY), summary);
    AtomicFiles.writeString(directory.resolve(HTML), html);
  }
}
