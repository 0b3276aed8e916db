package io.tutti.cli;

import io.tutti.data.Dataset;
import io.tutti.data.Datasets;
import io.tutti.data.Split;
import io.tutti.model.ModelDirectory;
import io.tutti.train.Predictions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tutti predict --model MODEL_DIR --data PATH --out FILE [--split S]}: a probability per
 * sample and task of its scenario, written atomically as CSV or Parquet.
 */
@Command(
    name = "predict",
    description =
        "Score samples with a trained model: one row per sample (sample_index, split, user_key,"
            + " item_key, scenario) and one probability column per task, empty where the"
            + " sample's scenario lacks the task. CSV or Parquet by the extension of FILE;"
            + " written atomically.")
final class PredictCommand implements Callable<Integer> {
  private static final List<String> SPLITS = List.of("test", "validation", "train", "all");

  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "MODEL_DIR",
      description = "A model directory written by tutti train.")
  Path model;

  @Option(
      names = "--data",
      paramLabel = "PATH",
      description =
          "Raw samples or a compiled dataset, mapped by the model's config. Default: the data"
              + " the model was trained on (data.samples of its config).")
  Path data;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The predictions: FILE.csv or FILE.parquet.")
  Path out;

  @Option(
      names = "--split",
      paramLabel = "SPLIT",
      defaultValue = "test",
      description = "Which samples: test, validation, train or all (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(
      names = "--skip-bad-rows",
      description = "Set bad rows aside instead of failing (see tutti data compile).")
  boolean skipBadRows;

  @Override
  public Integer call() {
    List<Split> splits = splits();
    String name = out.getFileName().toString();
    if (Predictions.EXTENSIONS.stream().noneMatch(name::endsWith)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--out "
              + out
              + " has an extension Tutti cannot write; accepted: "
              + String.join(", ", Predictions.EXTENSIONS)
              + ".");
    }
    long rows;
    try (ModelDirectory directory = ModelDirectory.load(model);
        Dataset compiled = Datasets.prepare(directory.config(), data, skipBadRows)) {
      // New data is compiled with statistics of its own; the model expects those of its
      // training data, which its encoder carries.
      Dataset dataset = compiled.withEncoder(directory.encoder());
      int batchSize = directory.config().training().batchSize();
      rows = Predictions.write(directory.scorer(), dataset, splits, out, batchSize);
    }
    PrintWriter writer = spec.commandLine().getOut();
    writer.printf("Wrote %d predictions (%s) to %s.%n", rows, split, out);
    writer.flush();
    return 0;
  }

  private List<Split> splits() {
    return switch (split) {
      case "test" -> List.of(Split.TEST);
      case "validation" -> List.of(Split.VALIDATION);
      case "train" -> List.of(Split.TRAIN);
      case "all" -> List.of(Split.TRAIN, Split.VALIDATION, Split.TEST);
      default ->
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              "Unknown --split '" + split + "'; accepted: " + String.join(", ", SPLITS) + ".");
    };
  }
}
