package io.tutti.cli;

import io.tutti.common.TuttiException;
import io.tutti.data.Dataset;
import io.tutti.data.Datasets;
import io.tutti.data.Split;
import io.tutti.eval.AbTest;
import io.tutti.eval.EvaluationReport;
import io.tutti.eval.Evaluator;
import io.tutti.eval.SimulatedAbTest;
import io.tutti.eval.TrainingHistory;
import io.tutti.eval.report.ReportWriter;
import io.tutti.model.ModelDirectory;
import io.tutti.sim.MusicWorld;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tutti abtest --a MODEL_DIR --b MODEL_DIR --data PATH --report DIR}: a simulated online A/B
 * test of two trained models on simulated data ({@link SimulatedAbTest}), written into the report
 * beside both models' offline metrics.
 */
@Command(
    name = "abtest",
    mixinStandardHelpOptions = true,
    description = {
      "Simulated online A/B test on a simulated world: the same test-period users are served by",
      "model A and by model B in every scenario (each ranks the candidates of the app's logging",
      "policy and shows its top items), and the simulator's true probabilities give each arm's",
      "expected play, complete, like (click, collect for playlists) rates, per scenario and per",
      "activity level, with the lift of A over B and its bootstrap interval. Writes the report",
      "(with both models' offline metrics) into DIR. Deterministic for a seed."
    })
final class AbtestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--a",
      required = true,
      paramLabel = "MODEL_DIR",
      description = "Arm A, e.g. the unified model.")
  Path armA;

  @Option(
      names = "--b",
      required = true,
      paramLabel = "MODEL_DIR",
      description = "Arm B, the control, e.g. the separate models.")
  Path armB;

  @Option(
      names = "--data",
      paramLabel = "PATH",
      description = {
        "The simulated samples or their compiled dataset; default: the data model A was trained",
        "on."
      })
  Path data;

  @Option(
      names = "--world",
      paramLabel = "DIR",
      description = {
        "The directory tutti simulate wrote (its world.json rebuilds the world); default: the",
        "directory holding --data, or its parent."
      })
  Path world;

  @Option(
      names = "--report",
      required = true,
      paramLabel = "DIR",
      description = "Where metrics.json, report.html and summary.md go.")
  Path report;

  @Option(
      names = "--users",
      paramLabel = "N",
      defaultValue = "2000",
      description = "Test-period users served, at most (default: ${DEFAULT-VALUE}).")
  int users;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "7",
      description = "Seeds the choice of users and the bootstrap (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    if (users < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--users must be at least 1; got " + users + ".");
    }
    EvaluationReport result = run(armA, armB, data, world, users, seed);
    ReportWriter.write(result, report);
    PrintWriter out = spec.commandLine().getOut();
    out.print(text(result.abtest()));
    out.printf("Report written to %s (%s).%n", report, ReportWriter.HTML);
    out.flush();
    return 0;
  }

  /**
   * Runs the A/B test of the models in {@code a} and {@code b} and returns the report of both
   * models on the test split with the test attached; the demo runs the same.
   */
  static EvaluationReport run(Path a, Path b, Path data, Path world, int users, long seed) {
    try (ModelDirectory modelA = open(a);
        ModelDirectory modelB = open(b);
        Dataset prepared = Datasets.prepare(modelA.config(), data, false)) {
      checkComparable(a, modelA, b, modelB, prepared);
      // Both arms read the requests through the models' own encoder (their statistics agree, as
      // checked), so numeric features are normalised as in training, whichever data is given.
      Dataset dataset = prepared.withEncoder(modelA.encoder());
      MusicWorld simulated = MusicWorld.load(worldDirectory(world, data, dataset));
      String nameA = name(a, modelA);
      String nameB = name(b, modelB);
      if (nameA.equals(nameB)) {
        nameA = nameA + " (A)";
        nameB = nameB + " (B)";
      }
      AbTest test =
          SimulatedAbTest.run(
              simulated,
              dataset,
              new SimulatedAbTest.Arm(nameA, modelA.scorer()),
              new SimulatedAbTest.Arm(nameB, modelB.scorer()),
              users,
              seed);
      EvaluationReport offline =
          Evaluator.evaluate(
              List.of(candidate(nameA, modelA), candidate(nameB, modelB)),
              dataset,
              Split.TEST,
              nameB,
              1024,
              seed);
      return withAbTest(offline, test);
    }
  }

  /** {@code report} with {@code test} as its A/B test. */
  static EvaluationReport withAbTest(EvaluationReport report, AbTest test) {
    return new EvaluationReport(
        report.title(),
        report.created(),
        report.configYaml(),
        report.mainTasks(),
        report.data(),
        report.models(),
        report.comparison(),
        test,
        report.featureAblation());
  }

  /** The A/B rates as text: per scenario and task, both arms, the lift and its interval. */
  static String text(AbTest test) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "Simulated A/B test, A = %s, B = %s, %d users:%n%-10s %-9s %9s %9s %8s  %s%n",
                test.a(),
                test.b(),
                test.users(),
                "scenario",
                "task",
                "A",
                "B",
                "lift",
                "95 % interval"));
    for (Map.Entry<String, AbTest.Scenario> scenario : test.scenarios().entrySet()) {
      for (Map.Entry<String, AbTest.Rate> task : scenario.getValue().rates().entrySet()) {
        AbTest.Rate rate = task.getValue();
        text.append(
            String.format(
                Locale.ROOT,
                "%-10s %-9s %9.4f %9.4f %+7.1f%%  [%+.1f%%, %+.1f%%]%n",
                scenario.getKey(),
                task.getKey(),
                rate.a(),
                rate.b(),
                100 * rate.lift(),
                100 * rate.liftLow(),
                100 * rate.liftHigh()));
      }
    }
    return text.toString();
  }

  private static ModelDirectory open(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new TuttiException("The model directory " + directory + " does not exist.");
    }
    return ModelDirectory.load(directory);
  }

  /**
   * Refuses arms that cannot be fed the same request batches: a model trained on another data,
   * task, scenario or feature configuration than the data, or two models whose numeric statistics
   * differ (trained on different data).
   */
  private static void checkComparable(
      Path a, ModelDirectory modelA, Path b, ModelDirectory modelB, Dataset dataset) {
    String expected = dataset.provenance().configDigest();
    for (var arm : List.of(Map.entry(a, modelA), Map.entry(b, modelB))) {
      String digest = arm.getValue().metadata().data().configDigest();
      if (!expected.equals(digest)) {
        throw new TuttiException(
            "Model "
                + arm.getKey()
                + " was trained on another data, task, scenario or feature configuration than"
                + " the data of the A/B test ("
                + dataset.directory()
                + "); both arms must share them.");
      }
    }
    if (!modelA.encoder().statistics().equals(modelB.encoder().statistics())) {
      throw new TuttiException(
          "Models "
              + a
              + " and "
              + b
              + " normalise numeric features with different statistics (trained on different"
              + " data); an A/B test compares models trained on the same data.");
    }
  }

  private static String name(Path directory, ModelDirectory model) {
    String type = model.metadata().modelType();
    Path file = directory.toAbsolutePath().normalize().getFileName();
    return file == null ? type : file.toString();
  }

  private static Evaluator.Candidate candidate(String name, ModelDirectory model) {
    return new Evaluator.Candidate(
        name,
        model.metadata().modelType(),
        model.scorer(),
        TrainingHistory.of(model.metadata()),
        model.metadata().trainSeconds(),
        model.encoder());
  }

  /** The world's directory: given, else where the data sits; an error when none holds one. */
  private static Path worldDirectory(Path world, Path data, Dataset dataset) {
    if (world != null) {
      return requireWorld(world);
    }
    List<Path> tried = new java.util.ArrayList<>();
    for (Path start : new Path[] {data, dataset.config().data().samples()}) {
      if (start == null) {
        continue;
      }
      Path absolute = start.toAbsolutePath().normalize();
      for (Path candidate : new Path[] {absolute, absolute.getParent()}) {
        if (candidate != null && Files.isRegularFile(candidate.resolve("world.json"))) {
          return candidate;
        }
        tried.add(candidate);
      }
    }
    throw new TuttiException(
        "No world.json found in "
            + tried
            + "; the A/B test needs the simulated world: give --world DIR, the directory"
            + " tutti simulate wrote.");
  }

  private static Path requireWorld(Path world) {
    if (!Files.isRegularFile(world.resolve("world.json"))) {
      throw new TuttiException(
          "--world " + world + " holds no world.json; give the directory tutti simulate wrote.");
    }
    return world;
  }
}
