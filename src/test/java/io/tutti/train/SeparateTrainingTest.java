package io.tutti.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.BatchStream;
import io.tutti.data.Dataset;
import io.tutti.data.Split;
import io.tutti.data.StreamOptions;
import io.tutti.model.ScenarioSlice;
import io.tutti.model.Scorer;
import io.tutti.model.SeparateScorer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One specialist per scenario: the slices they train on, and the scorer that routes to them. */
class SeparateTrainingTest {
  @TempDir static Path world;
  static TuttiConfig config;
  static Dataset dataset;

  @BeforeAll
  static void compileWorld() {
    config =
        TrainFixtures.training(
            TrainFixtures.write(world.resolve("world"), 3000, 13L), 2, 0.5, 5.0, "constant", 0, 1);
    dataset = TrainFixtures.compile(world.resolve("world"), config);
  }

  @Test
  void aSliceHoldsOneScenarioWithItsTasksAndPrivateFeatures() {
    ScenarioSlice stream = new ScenarioSlice(config, config.scenarioIndex("stream"));
    TuttiConfig own = stream.config();
    assertEquals(List.of("stream"), own.scenarios().stream().map(s -> s.id()).toList());
    assertEquals(List.of("play", "click"), own.tasks().stream().map(t -> t.id()).toList());
    assertArrayEquals(new int[] {0, 2}, stream.taskIndices());
    assertEquals(ScenarioSlice.SPECIALIST_TYPE, own.model().type());

    // Every validation sample of the scenario, and only those, with their labels and masks.
    TrainingData data = TrainingData.slice(dataset, stream);
    Batch batch = data.newBatch(100);
    long rows = 0;
    TrainingData.Source source = data.open(Split.VALIDATION, StreamOptions.sequential(100));
    Batch full = dataset.newBatch(4096);
    try (BatchStream all = dataset.stream(Split.VALIDATION, StreamOptions.sequential(4096))) {
      all.next(full);
    }
    int fullRow = 0;
    while (source.next(batch)) {
      for (int i = 0; i < batch.size; i++) {
        while (full.scenario[fullRow] != 1) {
          fullRow++;
        }
        assertEquals(0, batch.scenario[i]);
        assertEquals(full.sampleIndex[fullRow], batch.sampleIndex[i]);
        assertEquals(full.labels[fullRow * 3], batch.labels[i * 2]);
        assertEquals(full.labels[fullRow * 3 + 2], batch.labels[i * 2 + 1]);
        assertEquals(full.labelMask[fullRow * 3 + 2], batch.labelMask[i * 2 + 1]);
        assertEquals(full.numeric[fullRow], batch.numeric[i]);
        fullRow++;
        rows++;
      }
    }
    assertEquals(dataset.size(Split.VALIDATION, 1), rows);
    assertEquals(rows, data.size(Split.VALIDATION));
  }

  @Test
  void theRoutingScorerGivesEachSampleItsScenariosModel(@TempDir Path out) {
    Trainer trainer = new Trainer(LinearTestModel::new).showProgress(false);
    Checkpoints checkpoints = Checkpoints.of(out.resolve("model"));
    ScenarioSlice daily = new ScenarioSlice(config, 0);
    ScenarioSlice stream = new ScenarioSlice(config, 1);
    try (FittedModel dailyModel =
            trainer.fit(TrainingData.slice(dataset, daily), checkpoints.part("daily"), false);
        FittedModel streamModel =
            trainer.fit(TrainingData.slice(dataset, stream), checkpoints.part("stream"), false)) {
      assertEquals(List.of("daily"), List.copyOf(dailyModel.state().bestValidation().keySet()));
      Scorer routed =
          new SeparateScorer(
              config, List.of(daily, stream), List.of(dailyModel.model(), streamModel.model()));

      Batch full = dataset.newBatch(4096);
      try (BatchStream test = dataset.stream(Split.TEST, StreamOptions.sequential(4096))) {
        test.next(full);
      }
      float[] probabilities = new float[full.size * 3];
      routed.predict(full, probabilities);

      float[] own = new float[4096 * 2];
      Batch dailyRows = daily.newBatch(full.size);
      daily.take(full, 0, dailyRows);
      dailyModel.model().predict(dailyRows, own);
      int k = 0;
      for (int i = 0; i < full.size; i++) {
        if (full.scenario[i] == 0) {
          assertEquals(own[k * 2], probabilities[i * 3]);
          assertEquals(own[k * 2 + 1], probabilities[i * 3 + 1]);
          assertTrue(Float.isNaN(probabilities[i * 3 + 2]), "click is not a daily task");
          k++;
        } else {
          assertTrue(Float.isNaN(probabilities[i * 3 + 1]), "like is not a stream task");
          assertTrue(probabilities[i * 3 + 2] > 0 && probabilities[i * 3 + 2] < 1);
        }
      }
      assertEquals(dailyRows.size, k);
    }
  }
}
