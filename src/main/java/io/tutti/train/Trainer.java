package io.tutti.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.common.TuttiException;
import io.tutti.config.ConfigLoader;
import io.tutti.config.ScenarioConfig;
import io.tutti.config.TaskConfig;
import io.tutti.config.TrainingConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.Dataset;
import io.tutti.data.DatasetDescription.ScenarioDescription;
import io.tutti.data.Split;
import io.tutti.data.StreamOptions;
import io.tutti.model.ModelMetadata;
import io.tutti.model.ModelMetadata.EpochSummary;
import io.tutti.model.StepLosses;
import io.tutti.model.StepSettings;
import io.tutti.model.TrainableModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits one model on a compiled dataset: epochs of sampled, shuffled training batches, validation
 * after each epoch, early stopping, and checkpoints that let a killed run resume exactly.
 *
 * <p>What makes a resumed run end as an uninterrupted one: the training stream of an epoch is a
 * pure function of (seed, epoch), so a resumed epoch skips the batches already consumed; the step
 * counter seeds the model's dropout; the learning rates are a pure function of the step; and the
 * checkpoint carries every variable, optimizer state included, with the trainer's own state ({@link
 * TrainerState}).
 *
 * <p>The weights kept are those of the best epoch by the early-stopping score ({@link
 * Validation#SCORE_DESCRIPTION}); training stops once {@code training.early_stopping_patience}
 * epochs in a row bring no gain.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The model type that trains one specialist per scenario ({@link SeparateTraining}). */
  public static final String SEPARATE = "separate";

  private final ModelFactory models;
  private StepListener listener = step -> {};
  private boolean showProgress = TrainingProgress.interactive();

  /**
   * @param models builds the model to fit from the (possibly restricted) config
   */
  public Trainer(ModelFactory models) {
    this.models = models;
  }

  /** Calls {@code stepListener} after every step (tests stop a run with it). */
  public Trainer onStep(StepListener stepListener) {
    this.listener = stepListener;
    return this;
  }

  /** Whether to draw a progress bar; by default only on an interactive terminal. */
  public Trainer showProgress(boolean show) {
    this.showProgress = show;
    return this;
  }

  /**
   * Fits a model to {@code dataset}, writes it to {@code modelDirectory} ({@link ModelExport}) and
   * removes the run's checkpoints. Model type {@code separate} fits one specialist per scenario
   * instead ({@link SeparateTraining}).
   *
   * @param resume continue from the latest checkpoint when there is one of this run; without it, a
   *     checkpoint left there is discarded and training starts from scratch
   * @return what the model directory's metadata says
   */
  public ModelMetadata train(Dataset dataset, Path modelDirectory, boolean resume) {
    if (SEPARATE.equals(dataset.config().model().type())) {
      return SeparateTraining.train(this, dataset, modelDirectory, resume);
    }
    try (FittedModel fitted = fit(dataset, modelDirectory, resume)) {
      return ModelExport.save(fitted, dataset, modelDirectory);
    }
  }

  /**
   * Fits a model to {@code dataset} and returns it with the best epoch's weights restored, its
   * checkpoints kept in {@code MODEL_DIR.checkpoints} beside {@code modelDirectory}.
   */
  public FittedModel fit(Dataset dataset, Path modelDirectory, boolean resume) {
    return fit(TrainingData.of(dataset), Checkpoints.of(modelDirectory), resume);
  }

  /** Fits a model of {@code data.config()} to {@code data}, checkpoints in {@code checkpoints}. */
  FittedModel fit(TrainingData data, Checkpoints checkpoints, boolean resume) {
    TuttiConfig config = data.config();
    TrainingConfig training = config.training();
    int tasks = config.tasks().size();
    String fingerprint = fingerprint(data);

    TrainableModel model = models.create(config);
    try {
      RunState run = new RunState(startingState(model, checkpoints, resume, fingerprint, tasks));
      double[] rates = samplingRates(config);
      long expectedSamples = expectedSamplesPerEpoch(data, rates);
      long stepsPerEpoch =
          Math.max(1, (expectedSamples + training.batchSize() - 1) / training.batchSize());
      LearningRateSchedule schedule =
          new LearningRateSchedule(training, stepsPerEpoch * training.epochs());
      TrainingLog.start(data, model, rates, expectedSamples, schedule);

      Batch batch = data.newBatch(training.batchSize());
      while (run.epoch < training.epochs() && !run.stoppedEarly) {
        trainEpoch(model, data, checkpoints, run, rates, expectedSamples, schedule, batch);
        endEpoch(model, data, checkpoints, run);
      }

      // The epoch kept is the best on validation, not necessarily the last one.
      if (checkpoints.hasBest()) {
        checkpoints.restoreBest(model);
      }
      return new FittedModel(model, run.snapshot(), checkpoints);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** The state to start from: a fresh run, or the latest checkpoint of this same run. */
  private static TrainerState startingState(
      TrainableModel model,
      Checkpoints checkpoints,
      boolean resume,
      String fingerprint,
      int tasks) {
    if (!checkpoints.hasLatest()) {
      if (resume) {
        LOG.info("No checkpoint in {}: training from the start", checkpoints.root());
      }
      // Best-epoch weights without a latest checkpoint are a fragment of a run killed early.
      checkpoints.delete();
      return TrainerState.start(fingerprint, tasks);
    }
    if (!resume) {
      LOG.info(
          "Discarding the checkpoints of an earlier run in {} (pass --resume to continue it)",
          checkpoints.root());
      checkpoints.delete();
      return TrainerState.start(fingerprint, tasks);
    }
    TrainerState state = checkpoints.readLatestState();
    if (!fingerprint.equals(state.fingerprint())) {
      throw new TuttiException(
          "The checkpoint in "
              + checkpoints.root()
              + " belongs to a run with another config or other data (run "
              + state.fingerprint().substring(0, 12)
              + ", this run "
              + fingerprint.substring(0, 12)
              + "); train without --resume to start again, or pass the same config and data.");
    }
    checkpoints.restoreLatest(model);
    LOG.info(
        "Resuming from {}: epoch {}, batch {} of the epoch, step {}",
        checkpoints.root(),
        state.epoch() + 1,
        state.batchesInEpoch(),
        state.step());
    return state;
  }

  private void trainEpoch(
      TrainableModel model,
      TrainingData data,
      Checkpoints checkpoints,
      RunState run,
      double[] rates,
      long expectedSamples,
      LearningRateSchedule schedule,
      Batch batch) {
    TrainingConfig training = data.config().training();
    List<String> taskIds = data.config().tasks().stream().map(TaskConfig::id).toList();
    StreamOptions options =
        StreamOptions.training(training.batchSize(), training.seed(), run.epoch, rates);
    run.startClock();

    TrainingData.Source stream = data.open(Split.TRAIN, options);
    try (TrainingProgress progress =
        TrainingProgress.start(
            showProgress, run.epoch + 1, training.epochs(), expectedSamples, run.samplesInEpoch)) {

      // A resumed epoch replays the stream up to where the checkpoint left it: the stream is a
      // pure function of (seed, epoch), so these are exactly the batches already trained on.
      for (long skipped = 0; skipped < run.batchesInEpoch; skipped++) {
        if (!stream.next(batch)) {
          throw new TuttiException(
              "The checkpoint says "
                  + run.batchesInEpoch
                  + " batches of epoch "
                  + (run.epoch + 1)
                  + " were trained on, but the training split has only "
                  + skipped
                  + "; the data changed since: train without --resume.");
        }
      }

      while (stream.next(batch)) {
        StepSettings settings =
            new StepSettings(
                run.step,
                schedule.learningRate(run.step),
                schedule.embeddingLearningRate(run.step));
        StepLosses losses = model.train(batch, settings);
        if (!Float.isFinite(losses.total())) {
          throw new TuttiException(
              "Training diverged at step "
                  + run.step
                  + " of epoch "
                  + (run.epoch + 1)
                  + ": the loss is "
                  + losses.total()
                  + "; lower training.learning_rate (now "
                  + training.learningRate()
                  + ") or training.embedding_learning_rate (now "
                  + training.embeddingLearningRate()
                  + ").");
        }
        run.add(losses, batch.size);
        progress.batch(batch.size, taskIds, run.meanLoss());
        LOG.debug("Step {}: loss {}", run.step, losses.total());

        if (run.step % training.checkpointEverySteps() == 0) {
          TrainerState state = run.snapshot();
          progress.around(() -> checkpoints.saveLatest(model, state));
          LOG.debug("Checkpoint at step {} in {}", run.step, checkpoints.root());
        }
        listener.afterStep(run.step);
      }
    }
  }

  /** Validation, early stopping, the epoch's history entry and its checkpoint. */
  private void endEpoch(
      TrainableModel model, TrainingData data, Checkpoints checkpoints, RunState run) {
    TuttiConfig config = data.config();
    TrainingConfig training = config.training();
    int epochNumber = run.epoch + 1;
    Validation validation =
        Validation.run(model, data, training.batchSize(), training.validationMaxSamples());

    // Without any defined validation AUC there is nothing to choose by: the last epoch is kept.
    double score = validation.score();
    boolean improved =
        run.bestEpoch == 0
            || (Double.isNaN(score) && run.bestScore == null)
            || (!Double.isNaN(score) && (run.bestScore == null || score > run.bestScore));
    if (improved) {
      checkpoints.saveBest(model);
      run.bestScore = Validation.defined(score);
      run.bestEpoch = epochNumber;
      run.bestValidation = validation.cells();
      run.epochsWithoutGain = 0;
    } else {
      run.epochsWithoutGain++;
    }

    EpochSummary summary =
        new EpochSummary(
            epochNumber,
            run.epochSeconds(),
            run.samplesInEpoch,
            run.batchesInEpoch,
            run.lossByTask(config),
            validation.auc(),
            Validation.defined(score));
    run.history.add(summary);
    TrainingLog.epoch(config, summary, validation, improved);

    run.nextEpoch();
    if (run.epochsWithoutGain >= training.earlyStoppingPatience()
        && run.epoch < training.epochs()) {
      run.stoppedEarly = true;
      LOG.info(
          "Stopping early after epoch {}: {} epoch(s) without a better {} than epoch {}",
          epochNumber,
          run.epochsWithoutGain,
          Validation.SCORE_DESCRIPTION,
          run.bestEpoch);
    }
    checkpoints.saveLatest(model, run.snapshot());
  }

  /** The sampling rate of every scenario, in config order. */
  static double[] samplingRates(TuttiConfig config) {
    return config.scenarios().stream().mapToDouble(ScenarioConfig::samplingRate).toArray();
  }

  /**
   * The expected training samples of an epoch after sampling, per scenario {@code n (p + (1 - p)
   * r)} with {@code n} its training samples, {@code r} its rate and {@code p} the share of samples
   * with a positive label, estimated from below by the most frequent task's positives (a sample
   * positive for any task is always kept). Sizes the progress bar and the schedule's horizon.
   */
  static long expectedSamplesPerEpoch(TrainingData data, double[] rates) {
    TuttiConfig config = data.config();
    double expected = 0;
    for (int s = 0; s < config.scenarios().size(); s++) {
      long samples = data.size(Split.TRAIN, s);
      ScenarioDescription description = data.description(s);
      double positiveShare = 0;
      if (description != null && description.samples() > 0) {
        long mostPositives =
            description.positives().values().stream().mapToLong(Long::longValue).max().orElse(0);
        positiveShare = Math.min(1.0, mostPositives / (double) description.samples());
      }
      expected += samples * (positiveShare + (1 - positiveShare) * rates[s]);
    }
    return Math.round(expected);
  }

  /**
   * The identity of a run: the SHA-256 of the resolved config and of the dataset's provenance. A
   * checkpoint resumes only a run with the same one.
   */
  static String fingerprint(TrainingData data) {
    try {
      String text =
          ConfigLoader.toYaml(data.config())
              + "\n"
              + JSON.writeValueAsString(data.dataset().provenance());
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("Could not compute the run fingerprint", e);
    }
  }
}
