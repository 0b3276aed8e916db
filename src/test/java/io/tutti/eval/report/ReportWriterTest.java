package io.tutti.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.common.TuttiException;
import io.tutti.eval.EvaluationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  @TempDir Path temp;

  @Test
  void writesMetricsHtmlAndSummaryAndLeavesOtherFilesAlone() throws Exception {
    Path directory = temp.resolve("out");
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("notes.txt"), "mine");
    EvaluationReport report = ReportFixtures.full();
    ReportWriter.write(report, directory);

    try (Stream<Path> files = Files.list(directory)) {
      assertEquals(
          List.of("metrics.json", "notes.txt", "report.html", "summary.md"),
          files.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary file is left behind");
    }
    assertEquals(HtmlReport.render(report), Files.readString(directory.resolve("report.html")));
    assertEquals(MarkdownSummary.render(report), Files.readString(directory.resolve("summary.md")));
    assertEquals("mine", Files.readString(directory.resolve("notes.txt")));
  }

  @Test
  void metricsJsonCarriesMainTasksTrainingAndAbTest() throws Exception {
    ReportWriter.write(ReportFixtures.full(), temp);
    JsonNode json = new ObjectMapper().readTree(temp.resolve("metrics.json").toFile());
    assertEquals("2026-12-04T08:00:00Z", json.get("created").asText());
    assertEquals("click", json.at("/main_tasks/mgc").asText());
    assertEquals(4, json.at("/models/unified/training/epochs").size());
    assertEquals(3, json.at("/models/unified/training/best_epoch").asInt());
    assertTrue(json.at("/models/unified/training/epochs/0/train_loss/play").isNumber());
    assertTrue(json.at("/models/unified/training/epochs/0/validation_auc/mgc/click").isNumber());
    assertEquals(0.42, json.at("/abtest/scenarios/daily/rates/play/a").asDouble(), 1e-12);
    assertEquals(101, json.at("/abtest/scenarios/mgc/activity/1/requests").asLong());
    assertEquals(
        "mgc/click", json.at("/comparison/models/unified/seesaw/0").asText(), "the seesaw cell");
  }

  @Test
  void aDirectoryPathThatIsAFileIsAClearError() throws Exception {
    Path file = temp.resolve("taken");
    Files.writeString(file, "x");
    TuttiException error =
        assertThrows(TuttiException.class, () -> ReportWriter.write(ReportFixtures.full(), file));
    assertTrue(error.getMessage().startsWith("Could not write " + file), error.getMessage());
  }
}
