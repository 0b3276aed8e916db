package io.tutti.cli;

import io.tutti.config.ModelConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Dataset;
import io.tutti.data.Datasets;
import io.tutti.model.ModelMetadata;
import io.tutti.model.ModelMetadata.CellMetrics;
import io.tutti.model.Models;
import io.tutti.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Path;
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
 * {@code tutti train --config FILE --data PATH --out MODEL_DIR [--resume] [--epochs N]
 * [--model-type TYPE]}: fits a model and writes its model directory, atomically.
 */
@Command(
    name = "train",
    description =
        "Train a model on the data and write it to MODEL_DIR (atomically): the SavedModel, the"
            + " resolved config, the feature encoder, validation metrics and the training"
            + " history. Checkpoints go to MODEL_DIR.checkpoints; --resume continues a killed run"
            + " from there and ends exactly as an uninterrupted run would.")
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataOptions data;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "MODEL_DIR",
      description = "Where the model directory goes; an existing one is replaced at the end.")
  Path out;

  @Option(
      names = "--resume",
      description =
          "Continue from the latest checkpoint in MODEL_DIR.checkpoints when it belongs to a run"
              + " with the same config and data (with none, train from the start). Without it, a"
              + " checkpoint left there is discarded.")
  boolean resume;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Epochs at most, instead of training.epochs of the config.")
  Integer epochs;

  @Option(
      names = "--model-type",
      paramLabel = "TYPE",
      description =
          "The model to train instead of model.type of the config: unified, or separate (one"
              + " specialist per scenario, the baseline).")
  String modelType;

  @Option(
      names = "--no-progress",
      description = "Draw no progress bar (it is drawn only on an interactive terminal anyway).")
  boolean noProgress;

  @Override
  public Integer call() {
    TuttiConfig config = overridden(data.loadConfig());
    ModelMetadata metadata;
    try (Dataset dataset = Datasets.prepare(config, data.dataPath(), data.skipBadRows())) {
      Trainer trainer = new Trainer(Models::create);
      if (noProgress) {
        trainer.showProgress(false);
      }
      metadata = trainer.train(dataset, out, resume);
    }
    PrintWriter writer = spec.commandLine().getOut();
    writer.print(summary(metadata, out));
    writer.flush();
    return 0;
  }

  /** The config with the command line's overrides; a bad override is a usage error. */
  private TuttiConfig overridden(TuttiConfig config) {
    if (epochs != null) {
      if (epochs <= 0) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--epochs must be above 0; got " + epochs + ".");
      }
      config = config.withTraining(config.training().withEpochs(epochs));
    }
    if (modelType != null) {
      if (!ModelConfig.TYPES.contains(modelType)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "Unknown --model-type '" + modelType + "'; accepted: " + ModelConfig.TYPES + ".");
      }
      config = config.withModel(config.model().withType(modelType));
    }
    return config;
  }

  /** What stdout shows: where the model went, its best epoch, and its validation metrics. */
  static String summary(ModelMetadata metadata, Path out) {
    StringBuilder text = new StringBuilder();
    var history = metadata.history();
    text.append(
        String.format(
            Locale.ROOT,
            "Saved %s model to %s: %d parameters, %.1f s of training",
            metadata.modelType(),
            out,
            metadata.parameterCount(),
            metadata.trainSeconds()));
    if (history.bestEpoch() > 0) {
      text.append(
          String.format(
              Locale.ROOT,
              ", best epoch %d of %d%s",
              history.bestEpoch(),
              history.epochs().size(),
              history.stoppedEarly() ? " (stopped early)" : ""));
    }
    metadata
        .partHistories()
        .forEach(
            (scenario, part) ->
                text.append(
                    String.format(
                        Locale.ROOT,
                        "%s %s: best epoch %d of %d%s",
                        scenario.equals(metadata.parts().get(0)) ? ";" : ",",
                        scenario,
                        part.bestEpoch(),
                        part.epochs().size(),
                        part.stoppedEarly() ? " (stopped early)" : "")));
    text.append(".\n");
    text.append(
        String.format(
            Locale.ROOT,
            "%-28s %8s %8s %8s %9s%n",
            "validation",
            "AUC",
            "logloss",
            "COPC",
            "samples"));
    for (Map.Entry<String, Map<String, CellMetrics>> scenario : metadata.validation().entrySet()) {
      for (Map.Entry<String, CellMetrics> task : scenario.getValue().entrySet()) {
        CellMetrics cell = task.getValue();
        text.append(
            String.format(
                Locale.ROOT,
                "%-28s %8s %8s %8s %9d%n",
                scenario.getKey() + "/" + task.getKey(),
                format(cell.auc()),
                format(cell.logloss()),
                format(cell.copc()),
                cell.samples()));
      }
    }
    return text.toString();
  }

  private static String format(Double value) {
    return value == null ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
  }
}
