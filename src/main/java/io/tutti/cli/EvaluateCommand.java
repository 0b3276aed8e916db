package io.tutti.cli;

import io.tutti.common.TuttiException;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Dataset;
import io.tutti.data.Datasets;
import io.tutti.data.FeatureEncoder;
import io.tutti.data.Split;
import io.tutti.eval.EvaluationReport;
import io.tutti.eval.Evaluator;
import io.tutti.eval.TrainingHistory;
import io.tutti.eval.report.ConsoleTable;
import io.tutti.eval.report.ReportWriter;
import io.tutti.model.ModelDirectory;
import io.tutti.model.ModelMetadata;
import io.tutti.model.Scorer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tutti evaluate --model [NAME=]DIR ... --report DIR}: scores a split with one or more
 * trained models and writes the report (metrics.json, report.html, summary.md), printing its
 * headline.
 *
 * <p>Each model reads the samples through its own feature encoder, so numeric features are
 * normalised with the statistics of the model's training split, as in training, whichever data is
 * scored.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Score a split with trained models and write the evaluation report into DIR: "
            + "metrics.json, report.html (one self-contained page) and summary.md. Several "
            + "--model options compare the models, each against the baseline.")
public final class EvaluateCommand implements Callable<Integer> {
  /** The default baseline: one model per scenario, today's practice. */
  static final String SEPARATE = "separate";

  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "[NAME=]DIR",
      description =
          "A model directory written by tutti train; repeat to compare models. NAME is how "
              + "the report calls it; default: its model type, or the directory's name when two "
              + "share one.")
  List<String> models;

  @Option(
      names = "--data",
      paramLabel = "PATH",
      description =
          "Raw samples or a compiled dataset; default: the data the first model was trained"
              + " on.")
  Path data;

  @Option(
      names = "--report",
      required = true,
      paramLabel = "DIR",
      description = "Where metrics.json, report.html and summary.md go; other files stay.")
  Path report;

  @Option(
      names = "--split",
      defaultValue = "test",
      paramLabel = "SPLIT",
      description = "The split to score: train, validation or test (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(
      names = "--baseline",
      paramLabel = "NAME",
      description =
          "The model the others are compared with; default: 'separate' when a model has "
              + "that name, else the first --model.")
  String baseline;

  @Option(
      names = "--batch-size",
      defaultValue = "1024",
      paramLabel = "N",
      description = "Samples per scoring call (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "S",
      description = "Seeds the bootstrap intervals (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--skip-bad-rows",
      description = "Set bad rows of raw data aside instead of failing (see tutti data compile).")
  boolean skipBadRows;

  /** A model directory opened for scoring. */
  record LoadedModel(
      TuttiConfig config, FeatureEncoder encoder, ModelMetadata metadata, Scorer scorer) {}

  private final Function<Path, LoadedModel> loader;

  /** The command as users run it: model directories opened with {@link ModelDirectory#load}. */
  public EvaluateCommand() {
    this(EvaluateCommand::load);
  }

  /** The command with another way of opening model directories: tests give one. */
  EvaluateCommand(Function<Path, LoadedModel> loader) {
    this.loader = loader;
  }

  @Override
  public Integer call() {
    Split chosen = parseSplit();
    if (batchSize <= 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--batch-size must be above 0; got " + batchSize + ".");
    }
    List<Path> directories = new ArrayList<>();
    List<String> givenNames = new ArrayList<>();
    for (String model : models) {
      int equals = model.indexOf('=');
      givenNames.add(equals > 0 ? model.substring(0, equals) : null);
      directories.add(Path.of(equals > 0 ? model.substring(equals + 1) : model));
    }

    List<LoadedModel> loaded = new ArrayList<>();
    try {
      // Every model first: a bad directory fails before minutes of scoring.
      for (Path directory : directories) {
        loaded.add(loader.apply(directory));
      }
      List<String> names = names(givenNames, directories, loaded);
      String chosenBaseline = baseline(names);

      // The data is read once, through the first model's config; every model must match it.
      TuttiConfig config = loaded.get(0).config();
      EvaluationReport result;
      try (Dataset dataset = Datasets.prepare(config, data, skipBadRows)) {
        List<Evaluator.Candidate> candidates = new ArrayList<>();
        for (int m = 0; m < loaded.size(); m++) {
          LoadedModel model = loaded.get(m);
          checkSameData(dataset, model, directories.get(m));
          candidates.add(
              new Evaluator.Candidate(
                  names.get(m),
                  model.metadata().modelType(),
                  model.scorer(),
                  TrainingHistory.of(model.metadata()),
                  model.metadata().trainSeconds(),
                  model.encoder()));
        }
        result = Evaluator.evaluate(candidates, dataset, chosen, chosenBaseline, batchSize, seed);
      }

      ReportWriter.write(result, report);
      PrintWriter out = spec.commandLine().getOut();
      out.print(ConsoleTable.render(result));
      out.printf(
          "Report written to %s (%s, %s, %s).%n",
          report, ReportWriter.HTML, ReportWriter.SUMMARY, ReportWriter.METRICS);
      out.flush();
      return 0;
    } finally {
      for (LoadedModel model : loaded) {
        model.scorer().close();
      }
    }
  }

  private Split parseSplit() {
    for (Split candidate : Split.values()) {
      if (candidate.id().equals(split.toLowerCase(Locale.ROOT))) {
        return candidate;
      }
    }
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Unknown --split '" + split + "'; accepted: train, validation, test.");
  }

  /** Given names, else model types, else directory names where two types collide. */
  private static List<String> names(
      List<String> given, List<Path> directories, List<LoadedModel> loaded) {
    List<String> types = loaded.stream().map(m -> m.metadata().modelType()).toList();
    List<String> names = new ArrayList<>();
    for (int m = 0; m < loaded.size(); m++) {
      String type = types.get(m);
      boolean typeIsUnique = types.indexOf(type) == types.lastIndexOf(type);
      String fallback =
          typeIsUnique ? type : Objects.toString(directories.get(m).toAbsolutePath().getFileName());
      names.add(given.get(m) != null ? given.get(m) : fallback);
    }
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw new TuttiException(
            "Two models are called '"
                + name
                + "'; name them apart with --model NAME=DIR (names so far: "
                + names
                + ").");
      }
    }
    return names;
  }

  private String baseline(List<String> names) {
    if (names.size() < 2) {
      return null;
    }
    if (baseline != null) {
      if (!names.contains(baseline)) {
        throw new TuttiException(
            "--baseline '" + baseline + "' is not among the models: " + names + ".");
      }
      return baseline;
    }
    return names.contains(SEPARATE) ? SEPARATE : names.get(0);
  }

  /** Refuses a model whose data, scenarios, tasks or features differ from the data's. */
  private static void checkSameData(Dataset dataset, LoadedModel model, Path directory) {
    String expected = dataset.provenance().configDigest();
    String digest = model.metadata().data().configDigest();
    if (!expected.equals(digest)) {
      throw new TuttiException(
          "Model "
              + directory
              + " was trained on another data, task, scenario or feature configuration (digest "
              + shortDigest(digest)
              + ") than the data being scored ("
              + shortDigest(expected)
              + "); models compared must share them.");
    }
  }

  private static String shortDigest(String digest) {
    return digest == null ? "none" : digest.substring(0, Math.min(12, digest.length()));
  }

  /** Opens a model directory and its scorer. */
  private static LoadedModel load(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new TuttiException("The model directory " + directory + " does not exist.");
    }
    ModelDirectory model = ModelDirectory.load(directory);
    Scorer scorer = model.scorer();
    return new LoadedModel(model.config(), model.encoder(), model.metadata(), scorer);
  }
}
