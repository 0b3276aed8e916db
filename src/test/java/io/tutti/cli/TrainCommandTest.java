package io.tutti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.config.ConfigLoader;
import io.tutti.config.ModelConfig;
import io.tutti.config.TrainingConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.model.ModelDirectory;
import io.tutti.model.ModelMetadata;
import io.tutti.sim.Simulator;
import io.tutti.sim.WorldSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tutti train} and {@code tutti predict} on tiny simulated worlds: the four-scenario world,
 * and the five-scenario one with podcasts, trained by the same code.
 */
class TrainCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /**
   * Simulates a tiny world into {@code dir/world} and writes beside its tutti.yaml a small.yaml
   * with a small model, a short training and checkpoints only at epoch ends (the embedding tables
   * of the simulated world's config are large to write), so that the test stays cheap.
   */
  private Path tinyWorld(boolean podcast) throws IOException {
    Path world = dir.resolve("world");
    Simulator.simulate(WorldSettings.tiny(5L, 120).withPodcast(podcast), world, 1);
    TuttiConfig config = ConfigLoader.load(world.resolve("tutti.yaml"));
    ModelConfig m = config.model();
    TrainingConfig t = config.training();
    TuttiConfig small =
        config
            .withModel(
                new ModelConfig(
                    m.type(),
                    8,
                    m.interest(),
                    8,
                    1,
                    List.of(16),
                    m.sen(),
                    8,
                    m.privateFeatures(),
                    m.taskMask(),
                    2,
                    1,
                    1,
                    List.of(8),
                    List.of(8),
                    m.dropout(),
                    m.overfitDropout(),
                    m.overfitL2(),
                    m.l2()))
            .withTraining(
                new TrainingConfig(
                    256,
                    2,
                    t.seed(),
                    t.optimizer(),
                    0.01,
                    0.1,
                    "cosine",
                    2,
                    t.clipNorm(),
                    2,
                    1_000,
                    1,
                    t.validationMaxSamples()));
    Path file = world.resolve("small.yaml");
    Files.writeString(file, ConfigLoader.toYaml(small));
    return file;
  }

  @Test
  void trainThenPredictOnASimulatedWorld() throws IOException {
    Path config = tinyWorld(false);
    Path model = dir.resolve("model");

    assertEquals(
        0, run("train", "--config", config.toString(), "--out", model.toString()), err.toString());
    String summary = out.toString();
    assertTrue(summary.startsWith("Saved unified model to " + model + ": "), summary);
    for (String cell : List.of("daily/play", "stream/share", "playlist/click", "mgc/collect")) {
      assertTrue(summary.contains("\n" + cell + " "), summary);
    }
    ModelMetadata metadata = ModelDirectory.read(model).metadata();
    assertEquals(
        List.of("daily", "stream", "playlist", "mgc"), List.copyOf(metadata.validation().keySet()));
    assertTrue(metadata.history().epochs().size() >= 1);

    out.getBuffer().setLength(0);
    Path predictions = dir.resolve("predictions.csv");
    assertEquals(
        0,
        run(
            "predict",
            "--model",
            model.toString(),
            "--out",
            predictions.toString(),
            "--split",
            "all"),
        err.toString());
    List<String> lines = Files.readAllLines(predictions);
    assertEquals(
        "sample_index,split,user_key,item_key,scenario,play,complete,like,share,click,collect",
        lines.get(0));
    assertTrue(out.toString().startsWith("Wrote " + (lines.size() - 1) + " predictions (all) to "));
    long total = metadata.data().trainSamples().values().stream().mapToLong(Long::longValue).sum();
    assertTrue(lines.size() - 1 > total, "every split, not only train: " + (lines.size() - 1));
  }

  @Test
  void theSameCodeTrainsTheFiveScenarioWorldAndScoresPodcasts() throws IOException {
    Path config = tinyWorld(true);
    Path model = dir.resolve("model");

    assertEquals(
        0,
        run("train", "--config", config.toString(), "--out", model.toString(), "--epochs", "1"),
        err.toString());
    ModelMetadata metadata = ModelDirectory.read(model).metadata();
    assertEquals(5, metadata.validation().size());
    assertTrue(metadata.validation().containsKey("podcast"), metadata.validation().toString());

    Path predictions = dir.resolve("predictions.csv");
    assertEquals(
        0,
        run("predict", "--model", model.toString(), "--out", predictions.toString()),
        err.toString());
    List<String> lines = Files.readAllLines(predictions);
    List<String> header = List.of(lines.get(0).split(","));
    TuttiConfig trained = ConfigLoader.load(model.resolve(ModelDirectory.CONFIG_FILE));
    List<String> podcastTasks = trained.scenario("podcast").tasks();
    long podcastRows = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",", -1);
      if (!fields[4].equals("podcast")) {
        continue;
      }
      podcastRows++;
      for (int column = 5; column < header.size(); column++) {
        boolean itsTask = podcastTasks.contains(header.get(column));
        if (itsTask) {
          float p = Float.parseFloat(fields[column]);
          assertTrue(p > 0 && p < 1, header.get(column) + " " + p);
        } else {
          assertEquals("", fields[column], header.get(column));
        }
      }
    }
    assertTrue(podcastRows > 0, "no podcast sample in the test split");
  }

  @Test
  void badOptionsAreUsageErrors() throws IOException {
    Path config = dir.resolve("tutti.yaml");
    Files.writeString(
        config,
        "format_version: 1\n"
            + "data: {user_column: u, item_column: i, scenario_column: s}\n"
            + "tasks: [{id: play}]\nscenarios: [{id: daily, tasks: [play]}]\n");
    String model = dir.resolve("model").toString();

    assertEquals(2, run("train", "--config", config.toString(), "--out", model, "--epochs", "0"));
    assertTrue(err.toString().contains("--epochs must be above 0; got 0."), err.toString());
    err.getBuffer().setLength(0);
    assertEquals(
        2, run("train", "--config", config.toString(), "--out", model, "--model-type", "big"));
    assertTrue(
        err.toString()
            .contains(
                "Unknown --model-type 'big'; accepted: [unified, separate, shared_bottom, mmoe,"
                    + " ple, star]."),
        err.toString());
    err.getBuffer().setLength(0);
    assertEquals(1, run("train", "--config", config.toString(), "--out", model));
    assertEquals(
        "tutti: No data given: pass --data PATH or set data.samples.", err.toString().strip());
  }

  @Test
  void predictRefusesWhatItCannotRead() throws IOException {
    assertEquals(
        2, run("predict", "--model", dir.toString(), "--out", dir.resolve("p.txt").toString()));
    assertTrue(
        err.toString().contains("has an extension Tutti cannot write; accepted: .csv, .parquet."),
        err.toString());
    err.getBuffer().setLength(0);
    assertEquals(
        2,
        run(
            "predict",
            "--model",
            dir.toString(),
            "--out",
            dir.resolve("p.csv").toString(),
            "--split",
            "later"));
    assertTrue(
        err.toString().contains("Unknown --split 'later'; accepted: test, validation, train, all."),
        err.toString());
    err.getBuffer().setLength(0);
    assertEquals(
        1, run("predict", "--model", dir.toString(), "--out", dir.resolve("p.csv").toString()));
    assertEquals(
        "tutti: "
            + dir
            + " is not a Tutti model directory: it has no tutti-model.json (train one with tutti"
            + " train --out DIR).",
        err.toString().strip());
  }

  private int run(String... args) {
    CommandLine commandLine = TuttiCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
