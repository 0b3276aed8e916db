package io.tutti.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task mask and the SEN isolation, proven on the graph's gradients. */
class TaskMaskTest {
  @TempDir Path dir;

  private static final int CLICK = 2;

  @Test
  void changingTheLabelOfAMaskedPairChangesNoGradient() {
    TuttiConfig config = ModelFixtures.config(dir);
    try (TensorFlowModel model = (TensorFlowModel) Models.create(config)) {
      Batch batch = ModelFixtures.batch(config, 32, 3, 0, 1);
      Map<String, float[]> before = model.gradients(batch, 5);
      int flipped = 0;
      for (int i = 0; i < batch.labelMask.length; i++) {
        if (batch.labelMask[i] == 0) {
          batch.labels[i] = 1f;
          flipped++;
        }
      }
      assertTrue(flipped > 0, "the batch has masked pairs");
      Map<String, float[]> after = model.gradients(batch, 5);
      assertEquals(before.keySet(), after.keySet());
      for (String name : before.keySet()) {
        assertArrayEquals(before.get(name), after.get(name), 0f, name);
      }
    }
  }

  @Test
  void aBatchOfOneScenarioSendsNothingToAnotherSenOrToATaskItLacks() {
    TuttiConfig config = ModelFixtures.config(dir);
    try (TensorFlowModel model = (TensorFlowModel) Models.create(config)) {
      Batch dailyOnly = ModelFixtures.batch(config, 32, 4, 0);
      Map<String, float[]> gradients = model.gradients(dailyOnly, 0);
      int streamSen = 0;
      int clickTower = 0;
      for (Map.Entry<String, float[]> entry : gradients.entrySet()) {
        String name = entry.getKey();
        boolean otherSen = name.startsWith("sen/stream/");
        boolean absentTask =
            name.startsWith("mmoe/tower" + CLICK + "/")
                || name.startsWith("mmoe/gate" + CLICK + "/");
        if (otherSen || absentTask) {
          assertTrue(isZero(entry.getValue()), name + " gets exactly zero gradient");
          streamSen += otherSen ? 1 : 0;
          clickTower += absentTask ? 1 : 0;
        }
      }
      assertTrue(streamSen >= 10, "the stream SEN's weights were checked: " + streamSen);
      assertTrue(clickTower >= 4, "the click tower's weights were checked: " + clickTower);
      assertTrue(!isZero(gradients.get("sen/daily/common_token/w")), "its own SEN learns");
      assertTrue(!isZero(gradients.get("mmoe/tower0/logit/w")), "its play tower learns");
    }
  }

  @Test
  void withoutTheTaskMaskAbsentTasksReadAsNegativesAndSendGradient() {
    TuttiConfig config =
        ModelFixtures.withModel(
            ModelFixtures.config(dir),
            m -> ModelFixtures.model(m, "unified", "hierarchical", true, true, false));
    try (TensorFlowModel model = (TensorFlowModel) Models.create(config)) {
      Batch dailyOnly = ModelFixtures.batch(config, 32, 4, 0);
      Map<String, float[]> gradients = model.gradients(dailyOnly, 0);
      assertTrue(!isZero(gradients.get("mmoe/tower" + CLICK + "/logit/w")));
      StepLosses losses = model.train(dailyOnly, new StepSettings(0, 0.01f, 0.1f));
      assertEquals(32, losses.pairsPerTask()[CLICK], "every sample carries a click pair");
    }
  }

  @Test
  void stepLossesReportPairsAndNaNForATaskWithoutPairs() {
    TuttiConfig config = ModelFixtures.config(dir);
    try (TrainableModel model = Models.create(config)) {
      Batch dailyOnly = ModelFixtures.batch(config, 16, 9, 0);
      StepLosses losses = model.train(dailyOnly, new StepSettings(0, 0.01f, 0.1f));
      assertArrayEquals(new int[] {16, 16, 0}, losses.pairsPerTask());
      assertTrue(Float.isNaN(losses.perTask()[CLICK]));
      assertTrue(losses.perTask()[0] > 0 && Float.isFinite(losses.total()));
    }
  }

  static boolean isZero(float[] values) {
    for (float v : values) {
      if (v != 0f) {
        return false;
      }
    }
    return true;
  }
}
