package io.tutti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.model.ModelDirectory;
import io.tutti.model.Scorer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tutti evaluate} on a compiled fixture world, with scorers of known quality standing in for
 * the SavedModels (see {@link EvaluateFixtures#noisyOracle}).
 */
class EvaluateCommandTest {
  @TempDir Path temp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path config;
  private Path compiled;
  private Path separate;
  private Path unified;

  /** Model directory to the noise of its scorer. */
  private final Map<Path, Double> noise = new HashMap<>();

  @BeforeEach
  void world() {
    config = EvaluateFixtures.world(temp.resolve("world"), 0);
    compiled = EvaluateFixtures.compile(config, temp.resolve("compiled"));
    separate = EvaluateFixtures.modelDirectory(temp.resolve("sep"), config, compiled, "separate");
    unified = EvaluateFixtures.modelDirectory(temp.resolve("uni"), config, compiled, "unified");
    noise.put(separate, 2.5);
    noise.put(unified, 0.2);
  }

  @Test
  void comparesModelsOnTheTestSplitAndWritesTheReport() throws Exception {
    Path report = temp.resolve("report");
    int code =
        run(
            "evaluate",
            "--model",
            unified.toString(),
            "--model",
            separate.toString(),
            "--data",
            compiled.toString(),
            "--report",
            report.toString());
    assertEquals(0, code, err.toString());

    String table = out.toString();
    assertTrue(table.startsWith("scenario  main task  oracle  model"), table);
    assertTrue(table.contains("separate"), table);
    assertTrue(table.contains("better"), "the near-oracle model beats the noisy one: " + table);
    assertTrue(table.contains("Report written to " + report), table);

    JsonNode json = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
    assertEquals("separate", json.at("/comparison/baseline").asText(), "the default baseline");
    assertEquals("test", json.at("/data/split").asText());
    long scored =
        json.at("/models/unified/scenarios/daily/tasks/play/samples").asLong()
            + json.at("/models/unified/scenarios/mgc/tasks/click/samples").asLong();
    assertEquals(EvaluateFixtures.testSamples(config, compiled), scored, "every test sample");
    assertTrue(json.at("/models/unified/scenarios/daily/tasks/play/oracle_auc").isNumber());
    assertEquals(2, json.at("/models/unified/training/epochs").size(), "history from metadata");
    assertEquals(
        "better",
        json.at("/comparison/models/unified/scenarios/daily/tasks/play/verdict").asText());

    String html = Files.readString(report.resolve("report.html"));
    assertTrue(html.contains("<figure class=\"training-chart\">"), "curves from the history");
    assertTrue(Files.readString(report.resolve("summary.md")).contains("| daily | play |"));
  }

  @Test
  void aSingleModelGetsAReportWithoutComparison() throws Exception {
    Path report = temp.resolve("single");
    assertEquals(
        0,
        run(
            "evaluate",
            "--model",
            "mine=" + unified,
            "--data",
            compiled.toString(),
            "--report",
            report.toString(),
            "--split",
            "validation"),
        err.toString());
    JsonNode json = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
    assertTrue(json.has("models") && json.at("/models/mine").isObject(), json.toString());
    assertFalse(json.has("comparison"));
    assertEquals("validation", json.at("/data/split").asText());
  }

  @Test
  void helpExplainsEveryOptionAndExitsZero() {
    assertEquals(0, run("evaluate", "--help"), err.toString());
    for (String option :
        new String[] {"--model", "--data", "--report", "--split", "--baseline", "--seed"}) {
      assertTrue(out.toString().contains(option), option + " in " + out);
    }
  }

  @Test
  void missingTheReportDirectoryIsAUsageError() {
    assertEquals(2, run("evaluate", "--model", unified.toString()));
    assertTrue(err.toString().contains("Missing required option: '--report=DIR'"), err.toString());
  }

  @Test
  void anUnknownSplitIsAUsageError() {
    assertEquals(
        2,
        run(
            "evaluate",
            "--model",
            unified.toString(),
            "--report",
            temp.resolve("r").toString(),
            "--split",
            "holdout"));
    assertTrue(
        err.toString().contains("Unknown --split 'holdout'; accepted: train, validation, test."),
        err.toString());
  }

  @Test
  void twoModelsOfOneNameAreRefused() {
    assertEquals(
        1,
        run(
            "evaluate",
            "--model",
            "a=" + unified,
            "--model",
            "a=" + separate,
            "--data",
            compiled.toString(),
            "--report",
            temp.resolve("r").toString()));
    assertEquals(
        "tutti: Two models are called 'a'; name them apart with --model NAME=DIR (names so far:"
            + " [a, a]).\n",
        err.toString());
  }

  @Test
  void anUnknownBaselineIsRefusedNamingTheModels() {
    assertEquals(
        1,
        run(
            "evaluate",
            "--model",
            unified.toString(),
            "--model",
            separate.toString(),
            "--baseline",
            "star",
            "--data",
            compiled.toString(),
            "--report",
            temp.resolve("r").toString()));
    assertEquals(
        "tutti: --baseline 'star' is not among the models: [unified, separate].\n", err.toString());
  }

  @Test
  void otherDataIsScoredWithTheModelsOwnStatistics() throws Exception {
    // Another world whose ages are all 5 years higher: read through the model's own encoder, the
    // normalised age the model sees is higher by 5 / std of the model's training statistics; read
    // through the other data's own statistics it would not move at all.
    Path otherConfig = EvaluateFixtures.world(temp.resolve("other"), 5);
    Path otherCompiled = EvaluateFixtures.compile(otherConfig, temp.resolve("other-compiled"));
    double seenOnOwnData = meanAgeSeen(compiled);
    double seenOnOtherData = meanAgeSeen(otherCompiled);
    double std = ModelDirectory.read(unified).encoder().statistics().get("age").std();
    assertEquals(5 / std, seenOnOtherData - seenOnOwnData, 1e-4);
  }

  /** Evaluates {@code unified} on {@code data} and returns the mean normalised age it was fed. */
  private double meanAgeSeen(Path data) {
    double[] sumAndCount = new double[2];
    EvaluateCommand command =
        new EvaluateCommand(
            directory -> {
              ModelDirectory model = ModelDirectory.read(directory);
              Scorer oracle = EvaluateFixtures.noisyOracle(model.config(), 0.2);
              Scorer recording =
                  new Scorer() {
                    @Override
                    public TuttiConfig config() {
                      return model.config();
                    }

                    @Override
                    public void predict(Batch batch, float[] out) {
                      for (int i = 0; i < batch.size; i++) {
                        sumAndCount[0] += batch.numeric[i];
                        sumAndCount[1]++;
                      }
                      oracle.predict(batch, out);
                    }

                    @Override
                    public void close() {}
                  };
              return new EvaluateCommand.LoadedModel(
                  model.config(), model.encoder(), model.metadata(), recording);
            });
    Path report = temp.resolve("report-" + data.getFileName());
    int code =
        TuttiCommandLine.run(
            command,
            out,
            err,
            "evaluate",
            "--model",
            unified.toString(),
            "--data",
            data.toString(),
            "--report",
            report.toString());
    assertEquals(0, code, err.toString());
    return sumAndCount[0] / sumAndCount[1];
  }

  @Test
  void aMissingModelDirectoryIsNamed() {
    Path missing = temp.resolve("nowhere");
    assertEquals(1, runWithModelLoader(missing));
    assertEquals("tutti: The model directory " + missing + " does not exist.\n", err.toString());
  }

  @Test
  void aDirectoryThatIsNoModelIsNamed() throws Exception {
    Path empty = Files.createDirectories(temp.resolve("empty"));
    assertEquals(1, runWithModelLoader(empty));
    assertEquals(
        "tutti: "
            + empty
            + " is not a Tutti model directory: it has no "
            + ModelDirectory.METADATA_FILE
            + " (train one with tutti train --out DIR).\n",
        err.toString());
  }

  /** Runs evaluate on one model directory, opened as users' runs open it. */
  private int runWithModelLoader(Path model) {
    return TuttiCommandLine.run(
        new EvaluateCommand(),
        out,
        err,
        "evaluate",
        "--model",
        model.toString(),
        "--report",
        temp.resolve("r").toString());
  }

  private int run(String... args) {
    EvaluateCommand command =
        new EvaluateCommand(
            directory -> {
              ModelDirectory model = ModelDirectory.read(directory);
              return new EvaluateCommand.LoadedModel(
                  model.config(),
                  model.encoder(),
                  model.metadata(),
                  EvaluateFixtures.noisyOracle(model.config(), noise.get(directory)));
            });
    return TuttiCommandLine.run(command, out, err, args);
  }

  /** The real command line, with one evaluate command instance swapped in. */
  static final class TuttiCommandLine {
    static int run(EvaluateCommand command, StringWriter out, StringWriter err, String... args) {
      CommandLine commandLine = TuttiCommand.commandLine();
      if (commandLine.getSubcommands().containsKey("evaluate")) {
        commandLine.getCommandSpec().removeSubcommand("evaluate");
      }
      commandLine.addSubcommand("evaluate", command);
      commandLine.setOut(new PrintWriter(out));
      commandLine.setErr(new PrintWriter(err));
      return commandLine.execute(args);
    }
  }
}
