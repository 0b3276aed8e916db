package io.tutti.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every baseline builds on the unified model's inputs, learns, and keeps the task mask. */
class BaselineNetworkTest {
  @TempDir Path dir;

  @Test
  void everyBaselineLearnsTheFixture() {
    TuttiConfig base = ModelFixtures.config(dir);
    for (String type : new String[] {"shared_bottom", "separate", "mmoe", "ple", "star"}) {
      TuttiConfig config = base.withModel(base.model().withType(type));
      try (TrainableModel model = Models.create(config)) {
        double first = 0;
        double last = 0;
        for (int step = 0; step < 80; step++) {
          Batch batch = ModelFixtures.batch(config, 64, step, 0, 1);
          float loss = model.train(batch, new StepSettings(step, 0.01f, 0.1f)).perTask()[0];
          if (step < 15) {
            first += loss / 15;
          } else if (step >= 65) {
            last += loss / 15;
          }
        }
        assertTrue(last < first - 0.05, type + ": play loss from " + first + " to " + last);
      }
    }
  }

  @Test
  void aBaselineKeepsTheTaskMaskAndExportsExactly() {
    TuttiConfig base = ModelFixtures.config(dir.resolve("world"));
    for (String type : new String[] {"ple", "star"}) {
      TuttiConfig config = base.withModel(base.model().withType(type));
      try (TensorFlowModel model = (TensorFlowModel) Models.create(config)) {
        Batch dailyOnly = ModelFixtures.batch(config, 32, 4, 0);
        Map<String, float[]> gradients = model.gradients(dailyOnly, 0);
        int checked = 0;
        for (Map.Entry<String, float[]> entry : gradients.entrySet()) {
          // Earlier levels' task experts also feed the shared gate, so they may learn.
          if (entry.getKey().contains("/tower2/") || entry.getKey().contains("level1/task2/")) {
            assertTrue(TaskMaskTest.isZero(entry.getValue()), type + " " + entry.getKey());
            checked++;
          }
        }
        assertTrue(checked >= 3, type + " checked " + checked);

        float[] live = new float[32 * 3];
        model.predict(dailyOnly, live);
        model.exportSavedModel(dir.resolve(type));
        try (Scorer scorer = Models.loadSavedModel(dir.resolve(type), config)) {
          float[] loaded = new float[32 * 3];
          scorer.predict(dailyOnly, loaded);
          assertArrayEquals(live, loaded, 0f);
        }
      }
    }
  }
}
