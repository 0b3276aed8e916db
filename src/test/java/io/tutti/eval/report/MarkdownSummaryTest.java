package io.tutti.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.eval.EvaluationReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkdownSummaryTest {

  @Test
  void headlineTableHasOneRowPerScenarioAndOneColumnPerModel() {
    EvaluationReport report = ReportFixtures.full();
    String md = MarkdownSummary.render(report);
    List<String> lines = md.lines().toList();
    int header = lines.indexOf("| scenario | main task | oracle AUC | separate | unified | mmoe |");
    assertTrue(header >= 0, md);
    assertEquals("| --- | --- | ---: | ---: | ---: | ---: |", lines.get(header + 1));
    String daily = lines.get(header + 2);
    var play = report.delta("unified", "daily", "play");
    assertTrue(daily.startsWith("| daily | play | "), daily);
    assertTrue(
        daily.contains(
            "("
                + Format.delta(play.aucDelta())
                + " ▲ "
                + Format.deltaInterval(play.low(), play.high())
                + ")"),
        daily);
    assertTrue(lines.get(header + 3).startsWith("| mgc | click | "));
    assertEquals(6, daily.split("\\|", -1).length - 2, "six cells");
  }

  @Test
  void listsSeesawCellsAndTheAbTest() {
    String md = MarkdownSummary.render(ReportFixtures.full());
    assertTrue(md.contains("## Seesaw warnings"));
    assertTrue(md.contains("- ▼ **unified** is worse than separate on mgc/click: Δ AUC -0."), md);
    assertTrue(md.contains("| daily | play | 0.4200 | 0.4000 | +5.0 % | [+3.5 %, +6.5 %] |"), md);
    assertTrue(md.contains("- **mmoe** (unified): 1 seed, trained in 162.0 s."), md);
  }

  @Test
  void namesAreEscapedForMarkdownAndTables() {
    Map<String, double[]> noise = new LinkedHashMap<>();
    noise.put("separate", new double[] {1, 1, 1});
    noise.put("a|b_<i>", new double[] {0.5, 0.5, 0.5});
    String md =
        MarkdownSummary.render(ReportFixtures.report("*bold* [x]", noise, "name: x\n", false));
    assertTrue(md.startsWith("# Evaluation: \\*bold\\* \\[x\\]\n"), md);
    assertTrue(md.contains("| a\\|b\\_&lt;i&gt; |"), md);
    assertFalse(md.contains("<i>"));
  }

  @Test
  void escapeLeavesPlainTextAlone() {
    assertEquals("daily play 0.7", MarkdownSummary.escape("daily play 0.7"));
    assertEquals("real\\_time", MarkdownSummary.escape("real_time"));
  }
}
