package io.tutti.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.eval.EvaluationReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleTableTest {

  @Test
  void oneLinePerScenarioAndModelWithAlignedColumns() {
    EvaluationReport report = ReportFixtures.full();
    List<String> lines = ConsoleTable.render(report).lines().toList();
    assertTrue(lines.get(0).startsWith("scenario  main task  oracle  model     "), lines.get(0));
    assertTrue(lines.get(1).matches("[- ]+"), "a rule under the header");
    // 2 scenarios x 3 models, then the seesaw line.
    assertEquals(2 + 6 + 1, lines.size(), String.join("\n", lines));
    var play = report.delta("unified", "daily", "play");
    String unified = lines.get(3);
    assertTrue(unified.contains(" unified "), unified);
    assertTrue(unified.contains(Format.delta(play.aucDelta())), unified);
    assertTrue(unified.endsWith("better"), unified);
    assertTrue(lines.get(2).startsWith("daily     play "), lines.get(2));
    assertTrue(lines.get(2).endsWith("baseline"), lines.get(2));
    assertTrue(lines.get(6).contains("worse"), "unified on mgc/click");
    // Right-aligned numbers: every AUC ends in the same column.
    int aucEnd = lines.get(0).indexOf("AUC") + 3;
    for (String line : lines.subList(2, 8)) {
      assertEquals(' ', line.charAt(aucEnd), line);
      assertTrue(Character.isDigit(line.charAt(aucEnd - 1)), line);
    }
    assertEquals(
        "1 scenario x task cell(s) worse than separate beyond noise: see the seesaw warnings in"
            + " the report.",
        lines.get(8));
  }

  @Test
  void aSingleModelHasNoDeltaColumns() {
    Map<String, double[]> noise = new LinkedHashMap<>();
    noise.put("unified", new double[] {0.5, 0.5, 0.5});
    String table = ConsoleTable.render(ReportFixtures.report("w", noise, "name: w\n", false));
    List<String> lines = table.lines().toList();
    assertEquals("scenario  main task  oracle  model       AUC", lines.get(0));
    assertEquals(4, lines.size(), table);
    assertTrue(table.chars().allMatch(c -> c < 128), "plain ASCII");
  }
}
