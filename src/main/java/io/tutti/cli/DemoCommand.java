package io.tutti.cli;

import io.tutti.config.ConfigLoader;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Dataset;
import io.tutti.data.Datasets;
import io.tutti.eval.AbTest;
import io.tutti.eval.CellComparison;
import io.tutti.eval.EvaluationReport;
import io.tutti.eval.ModelEntry;
import io.tutti.eval.TaskMetrics;
import io.tutti.eval.report.ReportWriter;
import io.tutti.sim.Simulator;
import io.tutti.sim.WorldSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tutti demo [--out DIR]}: the whole story on the default simulated world, one step after
 * the other: simulate, compile, train the unified model and the baselines with one budget,
 * evaluate, A/B the unified model against the separate ones, write the report, print the headline.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole story on the default simulated music world: simulate it, compile it, train",
      "the unified model and the baselines (separate, one model per scenario, and the others of",
      "--models) with the same budget, evaluate them on the test split, A/B test unified against",
      "separate on the simulator's truth, write the report, and print its path and the headline",
      "(per scenario, the main task's AUC of unified against separate).",
      "Budget: the defaults (10,000 listeners, about 275,000 samples; one epoch; separate,",
      "unified and the four baselines) are sized to finish well within 15 minutes on 2 cores",
      "(8,000 listeners took 6 minutes; figures in bench/README.md); each model adds about a",
      "minute. Fewer --users or --models for a quick look.",
      "Outputs go under DIR: world/, dataset/, report/ (report.html, metrics.json, summary.md)",
      "and report/models/."
    })
public final class DemoCommand implements Callable<Integer> {
  /** Listeners of the demo's world: sized so that the demo fits its time budget. */
  static final int DEMO_USERS = 10_000;

  /** Models the demo trains, the baseline first. */
  static final String DEMO_MODELS = "separate,unified,shared_bottom,mmoe,ple,star";

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where the demo's outputs go (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("out", "demo");

  @Option(
      names = "--users",
      paramLabel = "N",
      description = "Listeners of the world (default ${DEFAULT-VALUE}); fewer for a quick look.")
  int users = DEMO_USERS;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Epochs at most per model (default ${DEFAULT-VALUE}).")
  int epochs = 1;

  @Option(
      names = "--models",
      paramLabel = "NAMES",
      description = {
        "The models trained (default ${DEFAULT-VALUE}); see tutti compare --help for the",
        "baselines and ablations. separate and unified are always trained: the A/B test needs",
        "both."
      })
  String models = DEMO_MODELS;

  @Option(
      names = "--ab-users",
      paramLabel = "N",
      description = "Test-period users of the A/B test, at most (default ${DEFAULT-VALUE}).")
  int abUsers = 1000;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of the world (default ${DEFAULT-VALUE}).")
  long seed = WorldSettings.defaults().seed();

  @Override
  public Integer call() {
    if (users < 1 || epochs < 1 || abUsers < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--users, --epochs and --ab-users must be at least 1; seen "
              + users
              + ", "
              + epochs
              + " and "
              + abUsers
              + ".");
    }
    PrintWriter printer = spec.commandLine().getOut();
    Path world = out.resolve("world");
    Path compiled = out.resolve("dataset");
    Path report = out.resolve("report");
    long started = System.nanoTime();

    // Step 1: a world whose ground truth is known, so every later figure can be judged.
    WorldSettings settings = WorldSettings.defaults().withSeed(seed).withUsers(users);
    Simulator.Result simulated =
        Simulator.simulate(settings, world, Runtime.getRuntime().availableProcessors());
    printer.printf(
        "1. Simulated %d samples %s and %d plays into %s (config %s).%n",
        simulated.totalSamples(),
        simulated.samples(),
        simulated.plays(),
        world,
        world.resolve("tutti.yaml"));
    printer.flush();

    // Step 2: compile once; every model then streams the same columns without parsing.
    TuttiConfig config = ConfigLoader.load(world.resolve("tutti.yaml"));
    config = config.withTraining(config.training().withEpochs(epochs));
    Datasets.compile(config, null, compiled, false);
    printer.printf("2. Compiled the dataset into %s. The data per scenario:%n", compiled);
    try (Dataset dataset = Datasets.open(compiled, config)) {
      printer.print(DataCommand.toText(dataset));
    }
    printer.flush();

    // Step 3: every model with the same data, features, budget and seed, scored on the test split.
    List<ModelVariant> variants = ModelVariant.parse(withRequired(models), config);
    printer.printf(
        "3. Training %d models (%d epoch(s) each) and scoring the test split:%n",
        variants.size(), epochs);
    printer.flush();
    CompareCommand.Result compared;
    try (Dataset dataset = Datasets.open(compiled, config)) {
      compared =
          CompareCommand.run(dataset, variants, 1, EvaluateCommand.SEPARATE, report, seed, printer);
    }

    // Step 4: the online question, on the simulator's truth: what would users do with each list?
    printer.printf("4. A/B test of unified against separate on %d users ...%n", abUsers);
    printer.flush();
    AbTest test =
        AbtestCommand.run(
                compared.modelDirectories().get("unified"),
                compared.modelDirectories().get(EvaluateCommand.SEPARATE),
                compiled,
                world,
                abUsers,
                seed)
            .abtest();
    printer.print(AbtestCommand.text(test));

    // Step 5: one report holds the offline comparison and the A/B test.
    EvaluationReport full = AbtestCommand.withAbTest(compared.report(), test);
    ReportWriter.write(full, report);
    printer.print(headline(full));
    printer.printf(
        Locale.ROOT,
        "5. Report: %s (%.1f minutes in all).%n",
        report.resolve(ReportWriter.HTML).toAbsolutePath(),
        (System.nanoTime() - started) / 6e10);
    printer.flush();
    return 0;
  }

  /** The models asked for, with separate and unified added in front when missing. */
  static String withRequired(String asked) {
    List<String> names = List.of(asked.split(",", -1)).stream().map(String::strip).toList();
    StringBuilder all = new StringBuilder();
    for (String required : List.of(EvaluateCommand.SEPARATE, "unified")) {
      if (!names.contains(required)) {
        all.append(required).append(',');
      }
    }
    return all.append(String.join(",", names)).toString();
  }

  /** Per scenario, the main task's AUC of unified and separate and their difference. */
  static String headline(EvaluationReport report) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "Headline: main task's test AUC, unified against separate%n%-10s %-9s %9s %9s %9s"
                    + "  %s%n",
                "scenario",
                "task",
                "unified",
                "separate",
                "delta",
                "95 % interval"));
    ModelEntry unified = entry(report, "unified");
    ModelEntry separate = entry(report, EvaluateCommand.SEPARATE);
    report
        .mainTasks()
        .forEach(
            (scenario, task) -> {
              TaskMetrics a = unified.evaluation().cell(scenario, task);
              TaskMetrics b = separate.evaluation().cell(scenario, task);
              CellComparison delta = report.delta("unified", scenario, task);
              text.append(
                  String.format(
                      Locale.ROOT,
                      "%-10s %-9s %9.4f %9.4f %+9.4f  [%+.4f, %+.4f] %s%n",
                      scenario,
                      task,
                      a.auc(),
                      b.auc(),
                      delta.aucDelta(),
                      delta.low(),
                      delta.high(),
                      delta.verdict().name().toLowerCase(Locale.ROOT)));
            });
    return text.toString();
  }

  private static ModelEntry entry(EvaluationReport report, String name) {
    return report.models().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }
}
