package io.tutti.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.common.TuttiException;
import io.tutti.config.ModelConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unified model's behaviour: padding, empty histories, learning, every switch. */
class UnifiedModelTest {
  @TempDir Path dir;

  private static final int LONG = 0;
  private static final int MID = 1;
  private static final int SHORT = 2;

  @Test
  void paddedPositionsChangeNothing() {
    TuttiConfig config = ModelFixtures.config(dir);
    try (TrainableModel model = Models.create(config)) {
      Batch batch = ModelFixtures.batch(config, 40, 5, 0, 1);
      float[] before = new float[40 * 3];
      model.predict(batch, before);
      int changed = 0;
      int[] lengths = {40, 8, 4};
      for (int q : new int[] {LONG, MID, SHORT}) {
        for (int r = 0; r < 40; r++) {
          for (int i = batch.sequenceLengths[q][r]; i < lengths[q]; i++) {
            batch.sequences[q][r * lengths[q] + i] = 1 + (r + i) % ModelFixtures.ITEMS;
            changed++;
          }
        }
      }
      assertTrue(changed > 100, "padding was rewritten: " + changed);
      float[] after = new float[40 * 3];
      model.predict(batch, after);
      assertArrayEquals(before, after, 0f);
    }
  }

  @Test
  void aUserWithoutHistoryGetsFiniteProbabilities() {
    TuttiConfig config = ModelFixtures.config(dir);
    try (TrainableModel model = Models.create(config)) {
      Batch batch = ModelFixtures.batch(config, 8, 6, 0, 1);
      for (int q = 0; q < 3; q++) {
        java.util.Arrays.fill(batch.sequenceLengths[q], 0);
        java.util.Arrays.fill(batch.sequences[q], 0);
      }
      float[] out = new float[8 * 3];
      model.predict(batch, out);
      for (float p : out) {
        assertTrue(p > 0 && p < 1, "probability " + p);
      }
      assertTrue(Float.isFinite(model.train(batch, new StepSettings(0, 0.01f, 0.1f)).total()));
    }
  }

  @Test
  void aFewHundredStepsDecreaseTheLoss() {
    TuttiConfig config = ModelFixtures.config(dir);
    try (TrainableModel model = Models.create(config)) {
      double first = 0;
      double last = 0;
      int steps = 240;
      for (int step = 0; step < steps; step++) {
        Batch batch = ModelFixtures.batch(config, 64, step, 0, 1);
        float loss = model.train(batch, new StepSettings(step, 0.01f, 0.1f)).perTask()[0];
        if (step < 30) {
          first += loss / 30;
        } else if (step >= steps - 30) {
          last += loss / 30;
        }
      }
      assertTrue(last < first - 0.1, "play loss from " + first + " to " + last);
    }
  }

  @Test
  void everyAblationSwitchBuildsAndTrains() {
    TuttiConfig base = ModelFixtures.config(dir);
    List<ModelConfig> variants =
        List.of(
            ModelFixtures.model(base.model(), "unified", "hierarchical", false, true, true),
            ModelFixtures.model(base.model(), "unified", "hierarchical", true, false, true),
            ModelFixtures.model(base.model(), "unified", "hierarchical", false, false, true),
            ModelFixtures.model(base.model(), "unified", "hierarchical", true, true, false),
            ModelFixtures.model(base.model(), "unified", "mean_pool", true, true, true));
    for (ModelConfig variant : variants) {
      TuttiConfig config = base.withModel(variant);
      try (TrainableModel model = Models.create(config)) {
        Batch batch = ModelFixtures.batch(config, 32, 1, 0, 1);
        float first = model.train(batch, new StepSettings(0, 0.01f, 0.1f)).total();
        float second = model.train(batch, new StepSettings(1, 0.01f, 0.1f)).total();
        assertTrue(Float.isFinite(first) && second < first, variant + ": " + first + " " + second);
      }
    }
  }

  @Test
  void everyOptimizerAndAttentionOverTheWholeHistoryTrain() {
    TuttiConfig base = ModelFixtures.config(dir);
    for (String optimizer : List.of("adagrad", "sgd")) {
      var t = base.training();
      TuttiConfig config =
          base.withTraining(
              new io.tutti.config.TrainingConfig(
                  t.batchSize(),
                  t.epochs(),
                  t.seed(),
                  optimizer,
                  0.05,
                  0.1,
                  t.schedule(),
                  t.warmupSteps(),
                  0.0,
                  t.earlyStoppingPatience(),
                  t.checkpointEverySteps(),
                  t.threads(),
                  t.validationMaxSamples()));
      try (TrainableModel model = Models.create(config)) {
        Batch batch = ModelFixtures.batch(config, 32, 1, 0, 1);
        float first = model.train(batch, new StepSettings(0, 0.05f, 0.1f)).total();
        float second = model.train(batch, new StepSettings(1, 0.05f, 0.1f)).total();
        assertTrue(second < first, optimizer + ": " + first + " " + second);
      }
    }
    ModelConfig m = base.model();
    ModelConfig all =
        new ModelConfig(
            m.type(),
            m.embeddingDim(),
            m.interest(),
            0,
            m.attentionHeads(),
            m.publicUnits(),
            m.sen(),
            m.senUnits(),
            m.privateFeatures(),
            m.taskMask(),
            m.experts(),
            m.taskExperts(),
            m.pleLevels(),
            m.expertUnits(),
            m.towerUnits(),
            m.dropout(),
            m.overfitDropout(),
            m.overfitL2(),
            1e-4);
    TuttiConfig config = base.withModel(all);
    assertEquals(40, new ModelSignature(config).longCandidates());
    try (TrainableModel model = Models.create(config)) {
      Batch batch = ModelFixtures.batch(config, 32, 1, 0, 1);
      assertTrue(Float.isFinite(model.train(batch, new StepSettings(0, 0.01f, 0.1f)).total()));
    }
  }

  @Test
  void theSameSeedBuildsTheSameModel() {
    TuttiConfig config = ModelFixtures.config(dir);
    Batch batch = ModelFixtures.batch(config, 16, 2, 0, 1);
    float[] first = new float[16 * 3];
    float[] second = new float[16 * 3];
    try (TrainableModel model = Models.create(config)) {
      model.predict(batch, first);
    }
    try (TrainableModel model = Models.create(config)) {
      model.predict(batch, second);
    }
    assertArrayEquals(first, second, 0f);
  }

  @Test
  void badRequestsAreRefusedWithTheirValues() {
    TuttiConfig config = ModelFixtures.config(dir);
    TuttiException type =
        assertThrows(
            TuttiException.class,
            () -> Models.create(config.withModel(config.model().withType("wide_deep"))));
    assertEquals(
        "model.type 'wide_deep' cannot be built by Models.create; accepted: one of"
            + " [unified, separate, shared_bottom, mmoe, ple, star].",
        type.getMessage());
    Batch batch = ModelFixtures.batch(config, 4, 2, 0, 1);
    batch.scenario[3] = 7;
    TuttiException scenario =
        assertThrows(
            TuttiException.class, () -> new ModelSignature(config).toTensors(batch).close());
    assertEquals(
        "Row 3 of the batch has scenario index 7; accepted: 0 to 1.", scenario.getMessage());
  }
}
