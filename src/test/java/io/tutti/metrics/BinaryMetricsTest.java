package io.tutti.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tutti.common.TuttiException;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

  @Test
  void aucOfAPerfectRankingIsOneAndOfAReversedOneIsZero() {
    float[] labels = {0, 0, 1, 1};
    assertEquals(1.0, BinaryMetrics.auc(new float[] {0.1f, 0.2f, 0.8f, 0.9f}, labels, 4));
    assertEquals(0.0, BinaryMetrics.auc(new float[] {0.9f, 0.8f, 0.2f, 0.1f}, labels, 4));
  }

  @Test
  void aucCountsTiesAsOneHalf() {
    // Pairs (positive, negative): (0.5, 0.5) tie -> 1/2, (0.5, 0.2) win, (0.9, 0.5) win,
    // (0.9, 0.2) win: (0.5 + 3) / 4.
    float[] scores = {0.5f, 0.9f, 0.5f, 0.2f};
    float[] labels = {1, 1, 0, 0};
    assertEquals(3.5 / 4, BinaryMetrics.auc(scores, labels, 4), 1e-12);
  }

  @Test
  void aucOfAllEqualScoresIsOneHalf() {
    float[] scores = {0.3f, 0.3f, 0.3f, 0.3f, 0.3f};
    float[] labels = {1, 0, 0, 1, 0};
    assertEquals(0.5, BinaryMetrics.auc(scores, labels, 5), 1e-12);
  }

  @Test
  void aucHandlesNegativeScoresAndSignedZeros() {
    // Logits rather than probabilities: the order of negative numbers must hold, and -0 ties 0.
    float[] scores = {-3f, -1f, -0f, 0f, 2f};
    float[] labels = {0, 0, 1, 0, 1};
    // Positives -0 and 2 against negatives -3, -1, 0: (1 + 1 + 0.5) + (1 + 1 + 1) = 5.5 of 6.
    assertEquals(5.5 / 6, BinaryMetrics.auc(scores, labels, 5), 1e-12);
  }

  @Test
  void aucIsNaNWhenOneClassIsAbsent() {
    assertTrue(Double.isNaN(BinaryMetrics.auc(new float[] {0.1f, 0.7f}, new float[] {1, 1}, 2)));
  }

  @Test
  void aucReadsOnlyTheFirstNEntries() {
    float[] scores = {0.1f, 0.9f, 0.0f};
    float[] labels = {0, 1, 1};
    assertEquals(1.0, BinaryMetrics.auc(scores, labels, 2));
  }

  @Test
  void aucRefusesALabelThatIsNotZeroOrOne() {
    TuttiException error =
        assertThrows(
            TuttiException.class,
            () -> BinaryMetrics.auc(new float[] {0.1f, 0.2f}, new float[] {0, 0.5f}, 2));
    assertEquals("Label 1 is 0.5; accepted labels are 0 and 1.", error.getMessage());
  }

  @Test
  void aucRefusesANaNScore() {
    TuttiException error =
        assertThrows(
            TuttiException.class,
            () -> BinaryMetrics.auc(new float[] {Float.NaN, 0.2f}, new float[] {0, 1}, 2));
    assertEquals("Score 0 is NaN; a score must be a number to be ranked.", error.getMessage());
  }

  @Test
  void loglossMatchesTheHandComputedValue() {
    float[] p = {0.8f, 0.4f};
    float[] y = {1, 0};
    double expected = -(Math.log(0.8) + Math.log(0.6)) / 2;
    assertEquals(expected, BinaryMetrics.logloss(p, y, 2), 1e-7);
  }

  @Test
  void loglossClipsCertainMistakes() {
    double loss = BinaryMetrics.logloss(new float[] {0f}, new float[] {1}, 1);
    assertEquals(-Math.log(BinaryMetrics.EPSILON), loss, 1e-9);
  }

  @Test
  void copcIsLabelSumOverPredictionSum() {
    float[] p = {0.25f, 0.25f, 0.5f, 0.5f};
    float[] y = {1, 0, 1, 1};
    assertEquals(3.0 / 1.5, BinaryMetrics.copc(p, y, 4), 1e-12);
    assertTrue(Double.isNaN(BinaryMetrics.copc(new float[] {0f}, new float[] {1}, 1)));
  }

  @Test
  void positivesCountsOnes() {
    assertEquals(2, BinaryMetrics.positives(new float[] {1, 0, 1, 0}, 4));
  }
}
