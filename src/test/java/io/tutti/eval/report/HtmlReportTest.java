package io.tutti.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.eval.EvaluationReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  /** The ids of the full report's sections, in page order. */
  static final List<String> SECTIONS =
      List.of(
          "summary",
          "seesaw",
          "metrics",
          "oracle",
          "activity",
          "copc",
          "training",
          "abtest",
          "models",
          "config");

  @Test
  void everySectionIsPresentAndLinkedFromTheNavigation() {
    String page = HtmlReport.render(ReportFixtures.full());
    for (String section : SECTIONS) {
      assertEquals(1, count(page, "<section id=\"" + section + "\">"), section);
      assertEquals(1, count(page, "<a href=\"#" + section + "\">"), "link to " + section);
    }
  }

  @Test
  void everyModelHasARowInEveryScenarioTaskCell() {
    String page = HtmlReport.render(ReportFixtures.full());
    // 3 cells (daily/play, daily/like, mgc/click) x 3 models.
    assertEquals(3, count(page, "<tr class=\"baseline\" data-model=\"separate\">"));
    assertEquals(3, count(page, "<tr class=\"model\" data-model=\"unified\">"));
    assertEquals(3, count(page, "<tr class=\"model\" data-model=\"mmoe\">"));
    assertTrue(page.contains("play (main task)"));
    assertTrue(page.contains("click (main task)"));
    assertEquals(3, count(page, "<tr class=\"group\">"), "one group row per cell");
  }

  @Test
  void headlineShowsEachScenarioMainTaskWithDeltasToTheBaseline() {
    EvaluationReport report = ReportFixtures.full();
    String page = HtmlReport.render(report);
    String headline = between(page, "<table class=\"headline\">", "</table>");
    var unifiedClick = report.delta("unified", "mgc", "click");
    var unifiedPlay = report.delta("unified", "daily", "play");
    assertTrue(headline.contains(Format.delta(unifiedClick.aucDelta()) + " \u25bc"), headline);
    assertTrue(headline.contains(Format.delta(unifiedPlay.aucDelta()) + " \u25b2"), headline);
    assertTrue(
        headline.contains(Format.deltaInterval(unifiedClick.low(), unifiedClick.high())),
        "the paired interval under the delta");
    assertTrue(headline.contains("oracle AUC"), "simulated data: the oracle column");
    // Two rows, one per scenario; none for daily/like, which is not a main task.
    assertEquals(2, count(between(headline, "<tbody>", "</tbody>"), "<tr>"));
  }

  @Test
  void seesawListsExactlyTheCellsWorseBeyondNoise() {
    EvaluationReport report = ReportFixtures.full();
    assertEquals(java.util.List.of("mgc/click"), report.comparison().seesaw("unified"));
    String seesaw = between(HtmlReport.render(report), "<section id=\"seesaw\">", "</section>");
    assertEquals(1, count(seesaw, "<li class=\"seesaw-warning\">"));
    assertTrue(seesaw.contains("<strong>mgc / click</strong>"));
  }

  @Test
  void withoutAnyWorseCellTheSeesawSaysSo() {
    Map<String, double[]> noise = new LinkedHashMap<>();
    noise.put("separate", new double[] {1, 1, 1});
    noise.put("unified", new double[] {0.5, 0.5, 0.5});
    String page = HtmlReport.render(ReportFixtures.report("w", noise, "name: w\n", false));
    assertTrue(page.contains("No model is worse than separate beyond noise in any cell."));
    assertFalse(page.contains("id=\"abtest\""), "no A/B test given, no section");
    assertTrue(page.contains("No model of this report came with a training history."));
  }

  @Test
  void aSingleModelReportHasNoDeltaColumns() {
    Map<String, double[]> noise = new LinkedHashMap<>();
    noise.put("unified", new double[] {0.5, 0.5, 0.5});
    String page = HtmlReport.render(ReportFixtures.report("w", noise, "name: w\n", false));
    assertFalse(page.contains("\u0394 AUC vs"));
    assertTrue(page.contains("One model only: there is no baseline to compare with."));
    assertEquals(3, count(page, "data-model=\"unified\""));
  }

  @Test
  void everyTextFromConfigOrNamesIsEscaped() {
    Map<String, double[]> noise = new LinkedHashMap<>();
    noise.put("separate", new double[] {1, 1, 1});
    noise.put("<b>bold</b> & \"quoted\"", new double[] {0.5, 0.5, 0.5});
    String yaml = "name: x\n# </pre><script>alert('config')</script>\n";
    EvaluationReport report = ReportFixtures.report("<script>alert(1)</script>", noise, yaml, true);
    String page = HtmlReport.render(report);
    assertFalse(page.contains("<script"), "no markup from text survives");
    assertFalse(page.contains("<b>bold</b>"));
    assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(page.contains("&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;"));
    assertTrue(page.contains("&lt;/pre&gt;&lt;script&gt;alert(&#39;config&#39;)"));
    // The same name inside an attribute (data-model) and inside an SVG legend is escaped too.
    assertTrue(page.contains("data-model=\"&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;\""));
  }

  @Test
  void pageLoadsNothingFromOutside() {
    String page = HtmlReport.render(ReportFixtures.full());
    assertFalse(page.contains("<link"), "no external stylesheet");
    assertFalse(page.contains("<script"), "no script");
    assertFalse(page.contains("<img"), "no image");
    assertFalse(page.contains("@import"), "no imported CSS");
    assertFalse(page.contains("url("), "no font or image by URL");
    assertFalse(Pattern.compile("(src|href)=\"https?:").matcher(page).find());
    assertTrue(page.contains("<style>"), "the stylesheet is inline");
  }

  @Test
  void copcFarFromOneIsShaded() {
    Map<String, double[]> noise = new LinkedHashMap<>();
    noise.put("separate", new double[] {1, 1, 1});
    String page = HtmlReport.render(ReportFixtures.report("w", noise, "name: w\n", false));
    String copc = between(page, "<table class=\"copc\">", "</table>");
    // The fixture's model is near calibrated everywhere: no cell is shaded.
    assertEquals(0, count(copc, "num off"));
    assertEquals(3, count(copc, "<td class=\"num\">"));
  }

  @Test
  void abTestShowsRatesLiftsAndTheLiftByLevelChart() {
    String abtest =
        between(HtmlReport.render(ReportFixtures.full()), "<section id=\"abtest\">", "</section>");
    assertEquals(2, count(abtest, "<table class=\"abtest rates\""), "one per scenario");
    assertTrue(abtest.contains("+5.0 %"), "play: 0.42 against 0.40");
    assertTrue(abtest.contains("[+3.5 %, +6.5 %]"));
    assertEquals(2, count(abtest, "<figure class=\"lift-chart\""));
    assertTrue(abtest.contains("class=\"reference\""), "the zero line of the lift chart");
  }

  @Test
  void trainingCurvesMarkTheKeptEpoch() {
    String training =
        between(
            HtmlReport.render(ReportFixtures.full()), "<section id=\"training\">", "</section>");
    assertEquals(6, count(training, "<figure class=\"training-chart\">"));
    assertEquals(6, count(training, "class=\"marker\""), "the kept epoch in every chart");
    assertTrue(training.contains("<title>play, epoch 1: 0.6100</title>"), training);
  }

  @Test
  void aFeatureAblationIsRenderedWhenGiven() throws Exception {
    EvaluationReport full = ReportFixtures.full();
    var ablation =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                """
                {"model": "unified", "mode": "mask", "groups": {
                  "<long history>": {"scenarios": {"daily": {"tasks": {
                    "play": {"auc": 0.70, "auc_loss": 0.012}}}}}}}
                """);
    EvaluationReport report =
        new EvaluationReport(
            full.title(),
            full.created(),
            full.configYaml(),
            full.mainTasks(),
            full.data(),
            full.models(),
            full.comparison(),
            full.abtest(),
            ablation);
    String page = HtmlReport.render(report);
    String section = between(page, "<section id=\"ablation\">", "</section>");
    assertTrue(section.contains("<td>&lt;long history&gt;</td><td>daily</td><td>play</td>"));
    assertTrue(section.contains("<td class=\"num\">0.7000</td><td class=\"num\">+0.0120</td>"));
    assertTrue(page.contains("<a href=\"#ablation\">"));
  }

  static int count(String text, String needle) {
    Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (matcher.find()) {
      n++;
    }
    return n;
  }

  static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertTrue(from >= 0, "missing " + start);
    int to = text.indexOf(end, from);
    assertTrue(to >= 0, "missing " + end + " after " + start);
    return text.substring(from, to + end.length());
  }
}
