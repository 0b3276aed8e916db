package io.tutti.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.model.ModelMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingHistoryTest {

  private static ModelMetadata.EpochSummary epoch(
      int epoch, String scenario, String task, Double loss, Double auc) {
    Map<String, Double> losses = new HashMap<>();
    losses.put(task, loss);
    Map<String, Double> aucs = new HashMap<>();
    aucs.put(task, auc);
    return new ModelMetadata.EpochSummary(epoch, 2.0, 100, 4, losses, Map.of(scenario, aucs), auc);
  }

  private static ModelMetadata metadata(
      ModelMetadata.TrainingHistory history, Map<String, ModelMetadata.TrainingHistory> parts) {
    return new ModelMetadata(
        1,
        parts.isEmpty() ? "unified" : "separate",
        "2026-12-04T08:00:00Z",
        "dev",
        "unknown",
        "fixture",
        null,
        Map.of(),
        1,
        1.0,
        Map.of(),
        history,
        List.copyOf(parts.keySet()),
        parts);
  }

  @Test
  void keepsASingleModelsEpochsAndReadsUndefinedMetricsAsNaN() {
    var saved =
        new ModelMetadata.TrainingHistory(
            List.of(epoch(1, "daily", "play", 0.6, 0.7), epoch(2, "daily", "play", null, null)),
            1,
            true,
            "score");
    TrainingHistory history = TrainingHistory.of(metadata(saved, Map.of()));
    assertEquals(2, history.epochs().size());
    assertEquals(1, history.bestEpoch());
    assertTrue(history.stoppedEarly());
    assertEquals(0.6, history.epochs().get(0).trainLoss().get("play"));
    assertTrue(history.epochs().get(1).trainLoss().get("play").isNaN());
    assertTrue(history.epochs().get(1).validationAuc().get("daily").get("play").isNaN());
  }

  @Test
  void laysASeparateModelsPartsSideBySideByEpoch() {
    var daily =
        new ModelMetadata.TrainingHistory(
            List.of(epoch(1, "daily", "play", 0.6, 0.7), epoch(2, "daily", "play", 0.5, 0.72)),
            2,
            false,
            "score");
    var mgc =
        new ModelMetadata.TrainingHistory(
            List.of(epoch(1, "mgc", "click", 0.4, 0.8)), 1, true, "score");
    Map<String, ModelMetadata.TrainingHistory> parts = new java.util.LinkedHashMap<>();
    parts.put("daily", daily);
    parts.put("mgc", mgc);
    var empty = new ModelMetadata.TrainingHistory(List.of(), 0, false, "score");
    TrainingHistory history = TrainingHistory.of(metadata(empty, parts));

    assertEquals(2, history.epochs().size());
    TrainingHistory.Epoch first = history.epochs().get(0);
    assertEquals(4.0, first.seconds(), 1e-12, "both parts ran epoch 1");
    assertEquals(200, first.samples());
    assertEquals(Map.of("daily/play", 0.6, "mgc/click", 0.4), first.trainLoss());
    assertEquals(0.8, first.validationAuc().get("mgc").get("click"));
    TrainingHistory.Epoch second = history.epochs().get(1);
    assertEquals(Map.of("daily/play", 0.5), second.trainLoss(), "mgc stopped after one epoch");
    assertEquals(0, history.bestEpoch(), "the parts kept different epochs");
    assertTrue(history.stoppedEarly());
  }

  @Test
  void noHistoryGivesNone() {
    assertNull(TrainingHistory.of(metadata(null, Map.of())));
  }
}
