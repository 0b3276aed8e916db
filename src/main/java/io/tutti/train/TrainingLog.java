package io.tutti.train;

import io.tutti.config.ScenarioConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.DatasetDescription.ScenarioDescription;
import io.tutti.data.Split;
import io.tutti.model.ModelMetadata.EpochSummary;
import io.tutti.model.TrainableModel;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The trainer's INFO lines: a run's start and each epoch's summary, logged as the trainer's. */
final class TrainingLog {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  private TrainingLog() {}

  /** The run's start: model size, samples per scenario, sampling rates, positives. */
  static void start(
      TrainingData data,
      TrainableModel model,
      double[] rates,
      long expectedSamples,
      LearningRateSchedule schedule) {
    TuttiConfig config = data.config();
    LOG.info(
        "Training a {} model ({} parameters) on {} training samples, about {} per epoch after"
            + " sampling; {}",
        config.model().type(),
        model.parameterCount(),
        data.size(Split.TRAIN),
        expectedSamples,
        schedule);
    for (int s = 0; s < config.scenarios().size(); s++) {
      ScenarioConfig scenario = config.scenarios().get(s);
      ScenarioDescription description = data.description(s);
      LOG.info(
          "  {}: {} training samples, sampling rate {}, positives in the dataset per task {}",
          scenario.id(),
          data.size(Split.TRAIN, s),
          rates[s],
          description == null ? Map.of() : description.positives());
    }
  }

  /** One epoch's summary: time, samples, losses, validation AUC per cell, the score. */
  static void epoch(
      TuttiConfig config, EpochSummary summary, Validation validation, boolean improved) {
    StringBuilder losses = new StringBuilder();
    summary
        .trainLoss()
        .forEach(
            (task, loss) ->
                losses.append(' ').append(task).append(' ').append(format(loss, "%.4f")));
    StringBuilder aucs = new StringBuilder();
    validation
        .cells()
        .forEach(
            (scenario, tasks) ->
                tasks.forEach(
                    (task, cell) ->
                        aucs.append(' ')
                            .append(scenario)
                            .append('/')
                            .append(task)
                            .append(' ')
                            .append(format(cell.auc(), "%.4f"))));
    LOG.info(
        "Epoch {}/{}: {} s, {} samples, {} steps; loss{}; validation AUC{}; score {}{}",
        summary.epoch(),
        config.training().epochs(),
        format(summary.seconds(), "%.1f"),
        summary.samples(),
        summary.steps(),
        losses,
        aucs,
        format(summary.validationScore(), "%.4f"),
        improved ? " (best so far)" : "");
  }

  private static String format(Double value, String pattern) {
    return value == null ? "n/a" : String.format(Locale.ROOT, pattern, value);
  }
}
