package io.tutti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.config.ConfigLoader;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Dataset;
import io.tutti.data.Datasets;
import io.tutti.model.ModelDirectory;
import io.tutti.model.ModelMetadata;
import io.tutti.model.Models;
import io.tutti.model.TrainableModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tutti evaluate} as a user runs it, on a real model: an untrained unified model built by
 * {@link Models#create}, exported as a SavedModel into a model directory, opened again by the
 * command and scored on the fixture world's test split.
 */
class EvaluateEndToEndTest {
  @TempDir Path temp;

  @Test
  void evaluatesASavedModelFromItsModelDirectory() throws Exception {
    Path configFile = EvaluateFixtures.world(temp.resolve("world"), 0);
    Path compiled = EvaluateFixtures.compile(configFile, temp.resolve("compiled"));
    Path modelDirectory = temp.resolve("model");
    TuttiConfig config = ConfigLoader.load(configFile);
    try (Dataset dataset = Datasets.open(compiled, config);
        TrainableModel model = Models.create(config)) {
      ModelMetadata metadata = EvaluateFixtures.metadata(config, dataset, compiled, "unified");
      ModelDirectory.write(
          modelDirectory,
          config,
          dataset.encoder(),
          metadata,
          directory -> model.exportSavedModel(ModelDirectory.savedModelPath(directory)));
    }

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = TuttiCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    Path report = temp.resolve("report");
    int code =
        commandLine.execute(
            "evaluate",
            "--model",
            modelDirectory.toString(),
            "--data",
            compiled.toString(),
            "--report",
            report.toString());

    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("unified"), out.toString());
    JsonNode json = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
    JsonNode play = json.at("/models/unified/scenarios/daily/tasks/play");
    long testSamples = EvaluateFixtures.testSamples(configFile, compiled);
    assertEquals(
        testSamples,
        play.get("samples").asLong()
            + json.at("/models/unified/scenarios/mgc/tasks/click/samples").asLong());
    double auc = play.get("auc").asDouble();
    assertTrue(auc >= 0 && auc <= 1, "an untrained model still ranks: AUC " + auc);
    double copc = play.get("copc").asDouble();
    assertTrue(copc > 0 && Double.isFinite(copc), "its probabilities are real: COPC " + copc);
    for (String file : List.of("metrics.json", "report.html", "summary.md")) {
      assertTrue(Files.size(report.resolve(file)) > 0, file);
    }
  }
}
