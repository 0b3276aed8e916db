package io.tutti.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tutti.common.TuttiException;
import io.tutti.data.Batch;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelEvaluationTest {
  private static final float N = Float.NaN;

  /**
   * Six samples: four of daily (users 1 and 2), two of mgc (user 3). The third daily sample has no
   * like label. Probabilities are laid out [play, like, click] per sample.
   */
  private static EvaluationScores scores() {
    Batch batch =
        EvalFixtures.batch(
            new int[] {0, 0, 0, 0, 1, 1},
            new float[][] {
              {1, 1, N}, {0, 0, N}, {1, N, N}, {0, 1, N}, {N, N, 1}, {N, N, 0},
            },
            new long[] {1, 1, 2, 2, 3, 3},
            new byte[] {2, 2, 7, 7, 0, 0});
    float[] probabilities = {
      0.9f, 0.6f, 0.5f, //
      0.2f, 0.3f, 0.5f, //
      0.4f, 0.9f, 0.5f, //
      0.6f, 0.1f, 0.5f, //
      0.5f, 0.5f, 0.8f, //
      0.5f, 0.5f, 0.3f,
    };
    EvaluationScores scores = new EvaluationScores(EvalFixtures.config());
    scores.add(batch, probabilities);
    return scores;
  }

  @Test
  void aNaNScoreIsRefusedNamingTheModelSampleScenarioAndTask() {
    EvaluationScores scores = new EvaluationScores(EvalFixtures.config());
    Batch batch =
        EvalFixtures.batch(
            new int[] {0, 0}, new float[][] {{1, 1, N}, {0, 0, N}}, new long[] {1, 2}, new byte[2]);
    scores.add(batch, new float[] {0.9f, 0.6f, 0.5f, 0.2f, N, 0.5f});
    TuttiException error =
        assertThrows(TuttiException.class, () -> ModelEvaluation.of("unified", scores, 1));
    assertEquals(
        "Model 'unified' scored sample 1 of scenario daily NaN for task like; every score must"
            + " be a probability (a model that diverged in training gives NaN: retrain it, e.g."
            + " with a lower learning rate).",
        error.getMessage());
  }

  @Test
  void keepsOnlyPairsWhoseTaskBelongsToTheScenarioAndWhoseLabelIsPresent() {
    EvaluationScores scores = scores();
    assertEquals(4, scores.cell(0, 0).size());
    assertEquals(3, scores.cell(0, 1).size(), "the missing like label is left out");
    assertNull(scores.cell(0, 2), "daily has no click task");
    assertEquals(2, scores.cell(1, 2).size());
    assertEquals(List.of(0, 1), scores.tasksOf(0));
  }

  @Test
  void computesEachCellFromItsOwnPairs() {
    ModelEvaluation evaluation = ModelEvaluation.of("m", scores(), 1);

    // daily/play: positives 0.9, 0.4 against negatives 0.2, 0.6: wins 0.9>0.2, 0.9>0.6, 0.4>0.2.
    TaskMetrics play = evaluation.cell("daily", "play");
    assertEquals(0.75, play.auc(), 1e-12);
    assertEquals(4, play.samples());
    assertEquals(2, play.positives());
    assertEquals(2 / (0.9 + 0.2 + 0.4 + 0.6), play.copc(), 1e-6);
    // User 1: 0.9 (pos) over 0.2 (neg) -> 1; user 2: 0.4 (pos) under 0.6 (neg) -> 0.
    assertEquals(0.5, play.gauc(), 1e-12);
    assertEquals(2, play.gaucUsers());
    assertTrue(Double.isNaN(play.oracleAuc()), "no oracle on this data");

    // daily/like: positives 0.6, 0.1 against the negative 0.3: one win of two.
    assertEquals(0.5, evaluation.cell("daily", "like").auc(), 1e-12);
    assertEquals(1.0, evaluation.cell("mgc", "click").auc(), 1e-12);
    assertNull(evaluation.cell("mgc", "play"));
  }

  @Test
  void splitsCellsByActivityLevel() {
    ModelEvaluation evaluation = ModelEvaluation.of("m", scores(), 1);
    assertEquals(List.of(0, 2, 7), List.copyOf(evaluation.byActivity().keySet()));
    assertEquals(1.0, evaluation.byActivity().get(2).get("daily").get("play").auc(), 1e-12);
    assertEquals(0.0, evaluation.byActivity().get(7).get("daily").get("play").auc(), 1e-12);
    assertFalse(evaluation.byActivity().get(0).containsKey("daily"));
  }

  @Test
  void overallWeighsScenariosByTrafficOrCountsEachOnce() {
    ModelEvaluation evaluation = ModelEvaluation.of("m", scores(), 1);
    ModelEvaluation.Overall play = evaluation.overall().get("play");
    assertEquals(0.75, play.trafficWeighted().auc(), 1e-12);
    assertEquals(1, play.macro().scenarios());
    assertEquals(1.0, evaluation.overall().get("click").macro().auc(), 1e-12);
  }

  @Test
  void metricsJsonWritesUndefinedMetricsAsNull() {
    ModelEvaluation evaluation = ModelEvaluation.of("m", scores(), 1);
    EvaluationReport report =
        new EvaluationReport(
            "fixture",
            java.time.Instant.parse("2026-12-04T08:00:00Z"),
            "name: fixture",
            java.util.Map.of("daily", "play", "mgc", "click"),
            null,
            List.of(new ModelEntry("m", "unified", evaluation, 1, null, 1.5)),
            null,
            null,
            null);
    JsonNode json = MetricsJson.toJson(report);
    JsonNode play = json.at("/models/m/scenarios/daily/tasks/play");
    assertEquals(0.75, play.get("auc").asDouble(), 1e-12);
    assertTrue(play.get("oracle_auc").isNull());
    assertEquals(4, play.get("samples").asLong());
    assertTrue(json.at("/models/m/activity/7/scenarios/daily/tasks/play/auc").isNumber());
    assertFalse(MetricsJson.text(json).contains("NaN"));
  }
}
