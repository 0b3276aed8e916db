package io.tutti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tutti demo} end to end at a tiny size: every step runs and the report holds them all. */
class DemoCommandTest {
  @TempDir Path temp;

  @Test
  void demoTrainsEvaluatesAbTestsAndPrintsTheHeadline() throws Exception {
    Path demo = temp.resolve("demo");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = TuttiCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));

    int code =
        commandLine.execute(
            "demo",
            "--out",
            demo.toString(),
            "--users",
            "60",
            "--models",
            "separate,unified",
            "--ab-users",
            "30");

    assertEquals(0, code, err.toString());
    String printed = out.toString();
    assertTrue(printed.contains("[2/2] trained unified"), printed);
    assertTrue(printed.contains("4. A/B test of unified against separate on 30 users"), printed);
    assertTrue(
        printed.contains("Headline: main task's test AUC, unified against separate"), printed);
    for (String row : new String[] {"daily      play", "stream     play", "mgc        click"}) {
      assertTrue(printed.contains(row), printed);
    }
    Path report = demo.resolve("report");
    assertTrue(
        printed.contains(report.resolve("report.html").toAbsolutePath().toString()), printed);

    JsonNode metrics = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
    assertEquals("separate", metrics.at("/comparison/baseline").asText());
    assertEquals("unified", metrics.at("/abtest/a").asText());
    assertEquals("separate", metrics.at("/abtest/b").asText());
    assertTrue(
        metrics.at("/abtest/scenarios/daily/rates/play/lift").isNumber(), metrics.toString());
    assertTrue(Files.isDirectory(demo.resolve("report/models/unified")));
  }
}
