package io.tutti.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.common.TuttiException;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints and SavedModels give back exactly the model that was saved. */
class SavingTest {
  @TempDir Path dir;

  @Test
  void aRestoredCheckpointPredictsAndStepsExactlyAsTheOriginal() throws Exception {
    TuttiConfig config = ModelFixtures.config(dir.resolve("world"));
    Batch probe = ModelFixtures.batch(config, 20, 99, 0, 1);
    int size = 20 * 3;
    float[] savedPredictions = new float[size];
    float[] continuedPredictions = new float[size];
    List<Float> continuedLosses = new ArrayList<>();
    try (TrainableModel model = Models.create(config)) {
      for (int step = 0; step < 3; step++) {
        model.train(ModelFixtures.batch(config, 32, step, 0, 1), settings(step));
      }
      model.saveCheckpoint(dir.resolve("checkpoint"));
      model.predict(probe, savedPredictions);
      for (int step = 3; step < 5; step++) {
        continuedLosses.add(
            model.train(ModelFixtures.batch(config, 32, step, 0, 1), settings(step)).total());
      }
      model.predict(probe, continuedPredictions);
    }

    try (TrainableModel restored = Models.create(config)) {
      float[] fresh = new float[size];
      restored.predict(probe, fresh);
      assertTrue(!java.util.Arrays.equals(fresh, savedPredictions), "a new model starts elsewhere");
      restored.restoreCheckpoint(dir.resolve("checkpoint"));
      float[] predictions = new float[size];
      restored.predict(probe, predictions);
      assertArrayEquals(savedPredictions, predictions, 0f);
      for (int step = 3; step < 5; step++) {
        float loss =
            restored.train(ModelFixtures.batch(config, 32, step, 0, 1), settings(step)).total();
        assertEquals(continuedLosses.get(step - 3), loss, 0f, "step " + step);
      }
      restored.predict(probe, predictions);
      assertArrayEquals(continuedPredictions, predictions, 0f);
    }
  }

  @Test
  void aSavedModelScoresExactlyAsTheLiveModelFromManyThreads() throws Exception {
    TuttiConfig config = ModelFixtures.config(dir.resolve("world"));
    Batch batch = ModelFixtures.batch(config, 50, 7, 0, 1);
    float[] live = new float[50 * 3];
    try (TrainableModel model = Models.create(config)) {
      for (int step = 0; step < 3; step++) {
        model.train(ModelFixtures.batch(config, 32, step, 0, 1), settings(step));
      }
      model.predict(batch, live);
      model.exportSavedModel(dir.resolve("saved"));
    }
    assertTrue(Files.isDirectory(dir.resolve("saved").resolve("variables")));
    try (Scorer scorer = Models.loadSavedModel(dir.resolve("saved"), config)) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<float[]>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          results.add(
              pool.submit(
                  () -> {
                    float[] out = new float[50 * 3];
                    scorer.predict(batch, out);
                    return out;
                  }));
        }
        for (Future<float[]> result : results) {
          assertArrayEquals(live, result.get(), 0f);
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void aSavedModelRefusesAConfigWithOtherInputs() {
    TuttiConfig config = ModelFixtures.config(dir.resolve("world"));
    try (TrainableModel model = Models.create(config)) {
      model.exportSavedModel(dir.resolve("saved"));
    }
    TuttiConfig withoutPrivate =
        ModelFixtures.withModel(
            config, m -> ModelFixtures.model(m, "unified", "hierarchical", true, false, true));
    TuttiException error =
        assertThrows(
            TuttiException.class,
            () -> Models.loadSavedModel(dir.resolve("saved"), withoutPrivate));
    assertTrue(
        error.getMessage().contains("inputs missing [], inputs extra [private_daily_"),
        error.getMessage());
    TuttiException missing =
        assertThrows(
            TuttiException.class, () -> Models.loadSavedModel(dir.resolve("nowhere"), config));
    assertTrue(missing.getMessage().contains("nowhere does not exist"), missing.getMessage());
  }

  @Test
  void checkpointErrorsNameTheProblem() throws Exception {
    TuttiConfig config = ModelFixtures.config(dir.resolve("world"));
    try (TrainableModel model = Models.create(config)) {
      model.saveCheckpoint(dir.resolve("checkpoint"));
      TuttiException exists =
          assertThrows(TuttiException.class, () -> model.saveCheckpoint(dir.resolve("checkpoint")));
      assertTrue(exists.getMessage().contains("exists already"), exists.getMessage());
      Files.createDirectories(dir.resolve("empty"));
      TuttiException empty =
          assertThrows(TuttiException.class, () -> model.restoreCheckpoint(dir.resolve("empty")));
      assertTrue(empty.getMessage().contains("has no file variables.tutti"), empty.getMessage());
    }
    TuttiConfig meanPool =
        ModelFixtures.withModel(
            config, m -> ModelFixtures.model(m, "unified", "mean_pool", true, true, true));
    try (TrainableModel other = Models.create(meanPool)) {
      TuttiException mismatch =
          assertThrows(
              TuttiException.class, () -> other.restoreCheckpoint(dir.resolve("checkpoint")));
      assertTrue(
          mismatch.getMessage().contains("which the model built from the config lacks"),
          mismatch.getMessage());
    }
  }

  static StepSettings settings(long step) {
    return new StepSettings(step, 0.01f, 0.1f);
  }
}
