package io.tutti.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
  @TempDir Path dir;

  @Test
  void trains() {
    TuttiConfig config = ModelFixtures.config(dir);
    try (TrainableModel model = Models.create(config)) {
      Batch batch = ModelFixtures.batch(config, 64, 1, 0, 1);
      float[] out = new float[64 * 3];
      model.predict(batch, out);
      System.out.println(java.util.Arrays.toString(java.util.Arrays.copyOf(out, 6)));
      for (int step = 0; step < 5; step++) {
        StepLosses losses = model.train(batch, new StepSettings(step, 0.01f, 0.1f));
        System.out.println(losses.total() + " " + java.util.Arrays.toString(losses.perTask()));
      }
      assertTrue(model.parameterCount() > 0);
    }
  }
}
