package io.tutti.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.common.TuttiException;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.BatchStream;
import io.tutti.data.Dataset;
import io.tutti.data.Split;
import io.tutti.data.StreamOptions;
import io.tutti.model.ModelMetadata.EpochSummary;
import io.tutti.model.Scorer;
import io.tutti.model.StepLosses;
import io.tutti.model.StepSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training loop on the plain-Java {@link LinearTestModel}: resume, history, early stopping and
 * calibration under sampling. Each test checks the trainer, not a model's quality.
 */
class TrainerTest {
  @TempDir static Path world;
  static TuttiConfig config;
  static Dataset dataset;

  @BeforeAll
  static void compileWorld() {
    // Plain SGD on a logistic regression wants far larger steps than Adam on the real model.
    config =
        TrainFixtures.training(
            TrainFixtures.write(world.resolve("world"), 10000, 11L), 3, 0.5, 5.0, "constant", 0, 1);
    dataset = TrainFixtures.compile(world.resolve("world"), config);
  }

  @Test
  void resumedRunEndsExactlyAsAnUninterruptedOne(@TempDir Path out) {
    Trainer trainer = new Trainer(LinearTestModel::new).showProgress(false);
    float[] expected;
    List<EpochSummary> expectedHistory;
    try (FittedModel fitted = trainer.fit(dataset, out.resolve("straight"), false)) {
      expected = scores(fitted.model(), Split.TEST);
      expectedHistory = fitted.state().history();
    }

    // Killed twice: mid-way through epoch 1 between two checkpoints, then in epoch 2.
    Path resumed = out.resolve("resumed");
    for (long killAt : new long[] {10, 30}) {
      Trainer dying =
          new Trainer(LinearTestModel::new)
              .showProgress(false)
              .onStep(
                  step -> {
                    if (step == killAt) {
                      throw new IllegalStateException("killed at step " + step);
                    }
                  });
      IllegalStateException killed =
          assertThrows(IllegalStateException.class, () -> dying.fit(dataset, resumed, true));
      assertEquals("killed at step " + killAt, killed.getMessage());
      assertTrue(Files.isDirectory(Checkpoints.of(resumed).root().resolve("latest")));
    }
    try (FittedModel fitted = trainer.fit(dataset, resumed, true)) {
      assertArrayEquals(expected, scores(fitted.model(), Split.TEST));
      assertEquals(expectedHistory.size(), fitted.state().history().size());
      for (int e = 0; e < expectedHistory.size(); e++) {
        EpochSummary want = expectedHistory.get(e);
        EpochSummary got = fitted.state().history().get(e);
        assertEquals(want.trainLoss(), got.trainLoss());
        assertEquals(want.validationAuc(), got.validationAuc());
        assertEquals(want.samples(), got.samples());
        assertEquals(want.steps(), got.steps());
      }
    }
  }

  @Test
  void historyRecordsEveryEpochAndTheLossFalls(@TempDir Path out) {
    Trainer trainer = new Trainer(LinearTestModel::new).showProgress(false);
    try (FittedModel fitted = trainer.fit(dataset, out.resolve("model"), false)) {
      List<EpochSummary> history = fitted.state().history();
      assertFalse(history.isEmpty());
      EpochSummary first = history.get(0);
      assertEquals(1, first.epoch());
      assertEquals(List.of("play", "like", "click"), List.copyOf(first.trainLoss().keySet()));
      assertEquals(List.of("daily", "stream"), List.copyOf(first.validationAuc().keySet()));
      assertEquals(
          List.of("play", "like"), List.copyOf(first.validationAuc().get("daily").keySet()));
      assertEquals(
          List.of("play", "click"), List.copyOf(first.validationAuc().get("stream").keySet()));
      assertTrue(first.validationAuc().get("daily").get("play") > 0.6, first.toString());
      EpochSummary last = history.get(history.size() - 1);
      assertTrue(
          last.trainLoss().get("play") < first.trainLoss().get("play"),
          "play loss " + first.trainLoss() + " then " + last.trainLoss());
      assertNotNull(fitted.state().bestValidation().get("stream").get("click"));
    }
  }

  @Test
  void earlyStoppingKeepsTheBestEpochsWeights(@TempDir Path out) {
    // From its 16th step on (the second epoch), this model learns the opposite of every label:
    // validation falls
    // after the first epoch, which must end the run after one epoch without gain.
    ModelFactory souring =
        c ->
            new LinearTestModel(c) {
              @Override
              public StepLosses train(Batch batch, StepSettings settings) {
                if (settings.step() >= 16) {
                  for (int k = 0; k < batch.size * 3; k++) {
                    batch.labels[k] = 1f - batch.labels[k];
                  }
                }
                return super.train(batch, settings);
              }
            };
    TuttiConfig sixEpochs = TrainFixtures.training(config, 6, 0.5, 5.0, "constant", 0, 1);
    Dataset six = io.tutti.data.Datasets.open(dataset.directory(), sixEpochs);
    Trainer trainer = new Trainer(souring).showProgress(false);
    try (FittedModel fitted = trainer.fit(six, out.resolve("model"), false)) {
      TrainerState state = fitted.state();
      assertEquals(1, state.bestEpoch());
      assertTrue(state.stoppedEarly());
      assertEquals(2, state.history().size());
      double firstScore = state.history().get(0).validationScore();
      assertTrue(state.history().get(1).validationScore() < firstScore);
      Validation again = Validation.run(fitted.model(), six, 128, 100_000);
      assertEquals(firstScore, again.score(), 1e-12);
    }
  }

  @Test
  void sampledScenarioStaysCalibratedThanksToItsWeights(@TempDir Path out) {
    // Cosine decay lets the last epochs average out the noise of single steps.
    TuttiConfig longer = TrainFixtures.training(config, 6, 0.5, 5.0, "cosine", 20, 10);
    Dataset data = io.tutti.data.Datasets.open(dataset.directory(), longer);
    Trainer trainer = new Trainer(LinearTestModel::new).showProgress(false);
    try (FittedModel fitted = trainer.fit(data, out.resolve("weighted"), false)) {
      double calibration = truthOverPredictions(fitted.model(), data);
      assertTrue(
          Math.abs(calibration - 1) < 0.08, "stream/click truth / predictions " + calibration);
    }

    // The same run with the weights 1/r thrown away over-predicts: the check above has teeth.
    ModelFactory unweighted =
        c ->
            new LinearTestModel(c) {
              @Override
              public StepLosses train(Batch batch, StepSettings settings) {
                java.util.Arrays.fill(batch.weight, 0, batch.size, 1f);
                return super.train(batch, settings);
              }
            };
    try (FittedModel fitted =
        new Trainer(unweighted).showProgress(false).fit(data, out.resolve("plain"), false)) {
      double calibration = truthOverPredictions(fitted.model(), data);
      assertTrue(
          calibration < 0.8, "stream/click truth / predictions without weights " + calibration);
    }
  }

  @Test
  void resumeRefusesTheCheckpointOfAnotherRun(@TempDir Path out) {
    Path model = out.resolve("model");
    Trainer dying =
        new Trainer(LinearTestModel::new)
            .showProgress(false)
            .onStep(
                step -> {
                  if (step == 8) {
                    throw new IllegalStateException("killed");
                  }
                });
    assertThrows(IllegalStateException.class, () -> dying.fit(dataset, model, false));

    TuttiConfig other = TrainFixtures.training(config, 5, 0.5, 5.0, "constant", 0, 1);
    Dataset otherRun = io.tutti.data.Datasets.open(dataset.directory(), other);
    TuttiException refused =
        assertThrows(
            TuttiException.class,
            () -> new Trainer(LinearTestModel::new).showProgress(false).fit(otherRun, model, true));
    assertTrue(
        refused.getMessage().startsWith("The checkpoint in " + Checkpoints.of(model).root()),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("belongs to a run with another config or other data"));
  }

  @Test
  void aDivergingLossStopsTheRunNamingTheStepAndTheRates(@TempDir Path out) {
    ModelFactory diverging =
        c ->
            new LinearTestModel(c) {
              @Override
              public StepLosses train(Batch batch, StepSettings settings) {
                StepLosses losses = super.train(batch, settings);
                return settings.step() == 3
                    ? new StepLosses(Float.NaN, losses.perTask(), losses.pairsPerTask())
                    : losses;
              }
            };
    TuttiException error =
        assertThrows(
            TuttiException.class,
            () ->
                new Trainer(diverging)
                    .showProgress(false)
                    .fit(dataset, out.resolve("model"), false));
    assertEquals(
        "Training diverged at step 3 of epoch 1: the loss is NaN; lower"
            + " training.learning_rate (now 0.5) or training.embedding_learning_rate (now 5.0).",
        error.getMessage());
  }

  @Test
  void anUnreadableCheckpointStateNamesTheFolderToRemove(@TempDir Path out) throws Exception {
    Path model = out.resolve("model");
    Checkpoints checkpoints = Checkpoints.of(model);
    Files.createDirectories(checkpoints.root().resolve("latest"));
    Files.writeString(
        checkpoints.root().resolve("latest").resolve(Checkpoints.STATE_FILE), "{\"epoch\": ");
    TuttiException error =
        assertThrows(
            TuttiException.class,
            () -> new Trainer(LinearTestModel::new).showProgress(false).fit(dataset, model, true));
    assertTrue(
        error
            .getMessage()
            .startsWith(
                "Checkpoint state "
                    + checkpoints.root().resolve("latest").resolve(Checkpoints.STATE_FILE)
                    + " cannot be read ("),
        error.getMessage());
    assertTrue(
        error
            .getMessage()
            .endsWith("); remove " + checkpoints.root() + " to train from the start."),
        error.getMessage());
  }

  /**
   * COPC against the truth instead of the labels, free of the labels' draw: the sum of the true
   * click probabilities of the stream's validation samples over the sum of the predicted ones.
   */
  private static double truthOverPredictions(Scorer scorer, Dataset data) {
    int tasks = config.tasks().size();
    int click = config.taskIndex("click");
    int stream = config.scenarioIndex("stream");
    Batch batch = data.newBatch(256);
    float[] out = new float[256 * tasks];
    double truth = 0;
    double predicted = 0;
    try (BatchStream samples = data.stream(Split.VALIDATION, StreamOptions.sequential(256))) {
      while (samples.next(batch)) {
        scorer.predict(batch, out);
        for (int i = 0; i < batch.size; i++) {
          if (batch.scenario[i] == stream) {
            truth += batch.oracle[i * tasks + click];
            predicted += out[i * tasks + click];
          }
        }
      }
    }
    return truth / predicted;
  }

  /** Every probability of every sample of a split, in dataset order. */
  static float[] scores(Scorer scorer, Split split) {
    return scores(scorer, dataset, split);
  }

  /** Every probability of every sample of a split of {@code dataset}, in dataset order. */
  static float[] scores(Scorer scorer, Dataset dataset, Split split) {
    int tasks = dataset.config().tasks().size();
    Batch batch = dataset.newBatch(256);
    float[] out = new float[256 * tasks];
    float[] all = new float[(int) dataset.size(split) * tasks];
    int row = 0;
    try (BatchStream stream = dataset.stream(split, StreamOptions.sequential(256))) {
      while (stream.next(batch)) {
        scorer.predict(batch, out);
        System.arraycopy(out, 0, all, row * tasks, batch.size * tasks);
        row += batch.size;
      }
    }
    return all;
  }
}
