package io.tutti.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tutti.common.AtomicFiles;
import io.tutti.common.TuttiException;
import io.tutti.config.TrainingConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Dataset;
import io.tutti.data.Datasets;
import io.tutti.data.Split;
import io.tutti.eval.EvaluationReport;
import io.tutti.eval.EvaluationScores;
import io.tutti.eval.Evaluator;
import io.tutti.eval.SeedComparison;
import io.tutti.eval.TrainingHistory;
import io.tutti.eval.report.ConsoleTable;
import io.tutti.eval.report.ReportWriter;
import io.tutti.model.ModelDirectory;
import io.tutti.model.ModelMetadata;
import io.tutti.model.Models;
import io.tutti.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tutti compare --config FILE --data PATH --models unified,separate,... --report DIR
 * [--seeds N]}: trains every model with the same features, data, training budget and seeds, scores
 * each on the test split and writes one report with every model against {@code separate}.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Train every model of --models with the same features, data, training budget and seeds,",
      "score each on the test split, and write one report into DIR: metrics.json (every model,",
      "each metric's delta against the baseline with its paired interval, the seesaw cells),",
      "report.html, summary.md, and seeds.json (the spread of each main-task AUC over seeds).",
      "Trained models stay in DIR/models/NAME (NAME-seedK for the second seed on)."
    })
final class CompareCommand implements Callable<Integer> {
  /** The models compared when --models is not given. */
  static final String DEFAULT_MODELS = "separate,unified";

  /** Where the spread over seeds goes, beside the report. */
  static final String SEEDS_FILE = "seeds.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;

  @Mixin DataOptions data;

  @Option(
      names = "--models",
      paramLabel = "NAMES",
      defaultValue = DEFAULT_MODELS,
      description = {
        "Comma-separated models (default: ${DEFAULT-VALUE}): unified, separate, shared_bottom,",
        "mmoe, ple, star, or an ablation of unified: unified-no-sen, unified-no-task-mask,",
        "unified-mean-pool, unified-no-private."
      })
  String models;

  @Option(
      names = "--report",
      required = true,
      paramLabel = "DIR",
      description = "Where the report and the trained models go.")
  Path report;

  @Option(
      names = "--seeds",
      paramLabel = "N",
      defaultValue = "1",
      description = {
        "Train each model N times, with training seeds training.seed, +1, ...; metrics are",
        "means over seeds and seeds.json gives their spread (default: ${DEFAULT-VALUE})."
      })
  int seeds;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Epochs at most for every model, instead of training.epochs of the config.")
  Integer epochs;

  @Option(
      names = "--baseline",
      paramLabel = "NAME",
      description =
          "The model the others are compared with (default: separate if listed, else"
              + " the first).")
  String baseline;

  @Option(
      names = "--bootstrap-seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Seeds the bootstrap intervals (default: ${DEFAULT-VALUE}).")
  long bootstrapSeed;

  @Override
  public Integer call() {
    if (seeds < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--seeds must be at least 1; got " + seeds + ".");
    }
    if (epochs != null && epochs < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--epochs must be above 0; got " + epochs + ".");
    }
    TuttiConfig config = data.loadConfig();
    if (epochs != null) {
      config = config.withTraining(config.training().withEpochs(epochs));
    }
    List<ModelVariant> variants = ModelVariant.parse(models, config);
    String chosenBaseline = chooseBaseline(variants, baseline);
    PrintWriter out = spec.commandLine().getOut();
    Result result;
    try (Dataset dataset = Datasets.prepare(config, data.dataPath(), data.skipBadRows())) {
      result = run(dataset, variants, seeds, chosenBaseline, report, bootstrapSeed, out);
    }
    out.print(ConsoleTable.render(result.report()));
    if (seeds > 1) {
      out.print(spreadText(result.spread()));
    }
    out.printf(
        "Report written to %s (%s, %s, %s, %s).%n",
        report, ReportWriter.HTML, ReportWriter.SUMMARY, ReportWriter.METRICS, SEEDS_FILE);
    out.flush();
    return 0;
  }

  /**
   * What a comparison produced.
   *
   * @param report the report written
   * @param spread model to scenario to the spread of its main-task AUC over seeds
   * @param modelDirectories model name to the directory of its first seed's model
   */
  record Result(
      EvaluationReport report,
      Map<String, Map<String, SeedComparison.Spread>> spread,
      Map<String, Path> modelDirectories) {}

  /**
   * Trains every variant {@code seeds} times on {@code dataset}, scores each on the test split and
   * writes the report into {@code reportDirectory}; one line per trained model goes to {@code
   * progress}. The demo runs the same steps.
   */
  static Result run(
      Dataset dataset,
      List<ModelVariant> variants,
      int seeds,
      String baseline,
      Path reportDirectory,
      long bootstrapSeed,
      PrintWriter progress) {
    if (dataset.size(Split.TEST) == 0) {
      throw new TuttiException(
          "The test split of " + dataset.directory() + " has no samples to compare models on.");
    }
    List<SeedComparison.Run> runs = new ArrayList<>();
    Map<String, Path> directories = new LinkedHashMap<>();
    int total = variants.size() * seeds;
    int done = 0;
    for (ModelVariant variant : variants) {
      List<EvaluationScores> scores = new ArrayList<>();
      TrainingHistory history = null;
      double seconds = 0;
      for (int k = 0; k < seeds; k++) {
        TrainingConfig training = variant.config().training();
        TuttiConfig seeded = variant.config().withTraining(withSeed(training, training.seed() + k));
        Path directory =
            reportDirectory
                .resolve("models")
                .resolve(k == 0 ? variant.name() : variant.name() + "-seed" + (k + 1));

        // Each model reads the one compiled dataset through its own config (its model section).
        ModelMetadata metadata;
        try (Dataset view = Datasets.open(dataset.directory(), seeded)) {
          metadata = new Trainer(Models::create).showProgress(false).train(view, directory, false);
        }
        try (ModelDirectory model = ModelDirectory.load(directory)) {
          scores.add(Evaluator.score(model.scorer(), dataset, Split.TEST, 1024));
        }
        if (k == 0) {
          history = TrainingHistory.of(metadata);
          directories.put(variant.name(), directory);
        }
        seconds += metadata.trainSeconds();
        done++;
        progress.printf(
            Locale.ROOT,
            "  [%d/%d] trained %s (seed %d) in %.1f s -> %s%n",
            done,
            total,
            variant.name(),
            seeded.training().seed(),
            metadata.trainSeconds(),
            directory);
        progress.flush();
      }
      runs.add(new SeedComparison.Run(variant.name(), variant.type(), scores, history, seconds));
    }

    EvaluationReport report =
        SeedComparison.report(runs, dataset, Split.TEST, baseline, bootstrapSeed);
    ReportWriter.write(report, reportDirectory);
    var spread = SeedComparison.spread(runs, dataset.config());
    AtomicFiles.writeString(reportDirectory.resolve(SEEDS_FILE), seedsJson(spread, seeds));
    return new Result(report, spread, directories);
  }

  /** The baseline: the one asked for, else separate when compared, else the first model. */
  static String chooseBaseline(List<ModelVariant> variants, String asked) {
    List<String> names = variants.stream().map(ModelVariant::name).toList();
    if (asked != null) {
      if (!names.contains(asked)) {
        throw new TuttiException("--baseline '" + asked + "' is not among --models " + names + ".");
      }
      return asked;
    }
    if (names.size() < 2) {
      return null;
    }
    return names.contains(EvaluateCommand.SEPARATE) ? EvaluateCommand.SEPARATE : names.get(0);
  }

  /** The spread as text: one line per model and scenario. */
  static String spreadText(Map<String, Map<String, SeedComparison.Spread>> spread) {
    StringBuilder text = new StringBuilder("Main-task AUC over seeds (mean, std, min-max):\n");
    spread.forEach(
        (model, scenarios) ->
            scenarios.forEach(
                (scenario, s) ->
                    text.append(
                        String.format(
                            Locale.ROOT,
                            "  %-24s %-12s %.4f  %.4f  %.4f-%.4f%n",
                            model,
                            scenario,
                            s.mean(),
                            s.std(),
                            s.min(),
                            s.max()))));
    return text.toString();
  }

  private static String seedsJson(
      Map<String, Map<String, SeedComparison.Spread>> spread, int seeds) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("seeds", seeds);
    Map<String, Object> models = new LinkedHashMap<>();
    spread.forEach(
        (model, scenarios) -> {
          Map<String, Object> perScenario = new LinkedHashMap<>();
          scenarios.forEach(
              (scenario, s) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("mean", finite(s.mean()));
                entry.put("std", finite(s.std()));
                entry.put("min", finite(s.min()));
                entry.put("max", finite(s.max()));
                entry.put("aucs", s.aucs().stream().map(CompareCommand::finite).toList());
                perScenario.put(scenario, entry);
              });
          models.put(model, Map.of("main_task_auc", perScenario));
        });
    root.put("models", models);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Could not write " + SEEDS_FILE, e);
    }
  }

  /** A number, or null for NaN, so that the file stays strict JSON. */
  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }

  /** {@code t} with another seed: each seed of a comparison trains from its own start. */
  static TrainingConfig withSeed(TrainingConfig t, long seed) {
    return new TrainingConfig(
        t.batchSize(),
        t.epochs(),
        seed,
        t.optimizer(),
        t.learningRate(),
        t.embeddingLearningRate(),
        t.schedule(),
        t.warmupSteps(),
        t.clipNorm(),
        t.earlyStoppingPatience(),
        t.checkpointEverySteps(),
        t.threads(),
        t.validationMaxSamples());
  }
}
