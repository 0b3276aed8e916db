package io.tutti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tutti compare} as a user runs it, on real models trained for one epoch on the small
 * two-scenario world of {@link EvaluateFixtures}, with a model section small enough to train in
 * seconds.
 */
class CompareCommandTest {
  private static final String SMALL_MODEL =
      """
      model:
        embedding_dim: 4
        public_units: [8]
        sen_units: 4
        experts: 2
        expert_units: [8]
        tower_units: [4]
      training:
        batch_size: 128
        epochs: 1
        threads: 1
      """;

  @TempDir Path temp;

  @Test
  void comparesTheUnifiedModelAndEveryBaselineWithSeparate() throws Exception {
    Path configFile = EvaluateFixtures.world(temp.resolve("world"), 0);
    Files.writeString(configFile, Files.readString(configFile) + SMALL_MODEL);
    Path report = temp.resolve("report");

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = TuttiCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int code =
        commandLine.execute(
            "compare",
            "--config",
            configFile.toString(),
            "--models",
            "unified,separate,shared_bottom,mmoe,ple,star",
            "--report",
            report.toString());
    assertEquals(0, code, err.toString());

    JsonNode metrics = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
    // Every model, the baseline first, each with every scenario x task cell.
    List<String> others = List.of("unified", "shared_bottom", "mmoe", "ple", "star");
    List<String> all = new java.util.ArrayList<>(List.of("separate"));
    all.addAll(others);
    assertEquals(all, iterate(metrics.get("models").fieldNames()));
    for (JsonNode model : metrics.get("models")) {
      assertEquals(1, model.get("seeds").asInt());
      JsonNode scenarios = model.get("scenarios");
      assertEquals(
          List.of("play", "like"), iterate(scenarios.get("daily").get("tasks").fieldNames()));
      assertEquals(List.of("click"), iterate(scenarios.get("mgc").get("tasks").fieldNames()));
      assertTrue(scenarios.get("daily").get("tasks").get("play").get("auc").isNumber());
    }

    // Deltas against separate, each equal to the difference of the two models' mean AUCs.
    JsonNode comparison = metrics.get("comparison");
    assertEquals("separate", comparison.get("baseline").asText());
    for (String model : others) {
      JsonNode cell =
          comparison
              .get("models")
              .get(model)
              .get("scenarios")
              .get("daily")
              .get("tasks")
              .get("play");
      double expected =
          auc(metrics, model, "daily", "play") - auc(metrics, "separate", "daily", "play");
      assertEquals(expected, cell.get("auc_delta").asDouble(), 1e-9);
      assertTrue(cell.get("auc_delta_low").asDouble() <= cell.get("auc_delta_high").asDouble());
      assertTrue(comparison.get("models").get(model).get("seesaw").isArray());
    }

    // seeds.json holds each model's one AUC per scenario, the one reported.
    JsonNode seeds = new ObjectMapper().readTree(report.resolve("seeds.json").toFile());
    assertEquals(1, seeds.get("seeds").asInt());
    JsonNode spread = seeds.get("models").get("star").get("main_task_auc").get("mgc");
    assertEquals(1, spread.get("aucs").size());
    assertEquals(0, spread.get("std").asDouble(), 0);
    assertEquals(spread.get("mean").asDouble(), auc(metrics, "star", "mgc", "click"), 1e-9);

    // Every model is kept in its directory, and the report's page is there.
    for (String directory : all) {
      assertTrue(Files.isDirectory(report.resolve("models").resolve(directory)), directory);
    }
    assertTrue(Files.isRegularFile(report.resolve("report.html")));
    assertTrue(out.toString().contains("trained star"), out.toString());

    // The unified model's feature groups, masked one at a time on the same test split.
    Path ablation = temp.resolve("ablation");
    StringWriter ablationOut = new StringWriter();
    commandLine.setOut(new PrintWriter(ablationOut));
    code =
        commandLine.execute(
            "ablate-features",
            "--model",
            report.resolve("models").resolve("unified").toString(),
            "--report",
            ablation.toString());
    assertEquals(0, code, err.toString());
    JsonNode ablated =
        new ObjectMapper()
            .readTree(ablation.resolve("metrics.json").toFile())
            .get("feature_ablation");
    assertEquals("unified", ablated.get("model").asText());
    assertEquals(
        java.util.Set.of("feature:age", "feature:item_id"),
        new java.util.HashSet<>(iterate(ablated.get("groups").fieldNames())));
    JsonNode cell = ablated.at("/groups/feature:age/scenarios/daily/tasks/play");
    double fullAuc = auc(metrics, "unified", "daily", "play");
    assertEquals(fullAuc - cell.get("auc").asDouble(), cell.get("auc_loss").asDouble(), 1e-9);
    assertTrue(ablationOut.toString().contains("AUC lost by"), ablationOut.toString());
  }

  @Test
  void twoSeedsGiveMeansAndTheirSpread() throws Exception {
    Path configFile = EvaluateFixtures.world(temp.resolve("world"), 0);
    Files.writeString(configFile, Files.readString(configFile) + SMALL_MODEL);
    Path report = temp.resolve("report");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = TuttiCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int code =
        commandLine.execute(
            "compare",
            "--config",
            configFile.toString(),
            "--models",
            "separate,unified-no-sen",
            "--seeds",
            "2",
            "--report",
            report.toString());
    assertEquals(0, code, err.toString());

    JsonNode metrics = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
    assertEquals(2, metrics.at("/models/unified-no-sen/seeds").asInt());
    JsonNode seeds = new ObjectMapper().readTree(report.resolve("seeds.json").toFile());
    assertEquals(2, seeds.get("seeds").asInt());
    JsonNode spread = seeds.at("/models/unified-no-sen/main_task_auc/daily");
    double first = spread.get("aucs").get(0).asDouble();
    double second = spread.get("aucs").get(1).asDouble();
    // Two seeds train two different models; the reported AUC is their mean.
    assertTrue(first != second, spread.toString());
    assertEquals((first + second) / 2, spread.get("mean").asDouble(), 1e-12);
    assertEquals(Math.abs(first - second) / Math.sqrt(2), spread.get("std").asDouble(), 1e-12);
    assertEquals(
        spread.get("mean").asDouble(), auc(metrics, "unified-no-sen", "daily", "play"), 1e-9);
    for (String directory :
        List.of("separate", "separate-seed2", "unified-no-sen", "unified-no-sen-seed2")) {
      assertTrue(Files.isDirectory(report.resolve("models").resolve(directory)), directory);
    }
    assertTrue(out.toString().contains("Main-task AUC over seeds"), out.toString());
  }

  @Test
  void anUnknownModelIsAOneSentenceFailure() throws Exception {
    Path configFile = EvaluateFixtures.world(temp.resolve("world"), 0);
    StringWriter err = new StringWriter();
    var commandLine = TuttiCommand.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(err));
    int code =
        commandLine.execute(
            "compare",
            "--config",
            configFile.toString(),
            "--models",
            "unified,wide_and_deep",
            "--report",
            temp.resolve("report").toString());
    assertEquals(1, code);
    assertTrue(
        err.toString().contains("Unknown model 'wide_and_deep' in --models"), err.toString());
    assertTrue(Files.notExists(temp.resolve("report")));
  }

  @Test
  void zeroSeedsIsAUsageError() throws Exception {
    Path configFile = EvaluateFixtures.world(temp.resolve("world"), 0);
    StringWriter err = new StringWriter();
    var commandLine = TuttiCommand.commandLine();
    commandLine.setErr(new PrintWriter(err));
    int code =
        commandLine.execute(
            "compare", "--config", configFile.toString(), "--seeds", "0", "--report", "r");
    assertEquals(2, code);
    assertTrue(err.toString().contains("--seeds must be at least 1; got 0."), err.toString());
  }

  private static double auc(JsonNode metrics, String model, String scenario, String task) {
    return metrics
        .get("models")
        .get(model)
        .get("scenarios")
        .get(scenario)
        .get("tasks")
        .get(task)
        .get("auc")
        .asDouble();
  }

  private static List<String> iterate(java.util.Iterator<String> names) {
    List<String> list = new java.util.ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }
}
