package io.tutti.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Central finite differences against the graph's gradients, for each custom layer. */
class LayerGradientTest {
  private static final double TOLERANCE = 2e-2;

  @Test
  void maskedAttentionGradientMatchesFiniteDifferences() {
    try (GradientCheck check = new GradientCheck(1, 3, 5, 4)) {
      // Queries are the first 2 positions, keys all 5 with the last 2 padded.
      float[][] mask = {{1, 1, 1, 0, 0}, {1, 1, 1, 0, 0}, {1, 0, 0, 0, 0}};
      check.build(
          x -> {
            var tf = check.tf;
            var queries =
                tf.slice(x, tf.constant(new int[] {0, 0, 0}), tf.constant(new int[] {-1, 2, -1}));
            return new MultiHeadAttention(check.layers, "attention", 2, 4)
                .attend(queries, 2, 4, x, 5, 4, tf.constant(mask), 3);
          },
          3,
          2,
          3);
      assertTrue(check.maxError(12) < TOLERANCE);
    }
  }

  @Test
  void aRowWithoutValidKeysIsFiniteAndSendsNoGradient() {
    try (GradientCheck check = new GradientCheck(2, 2, 4, 4)) {
      float[][] mask = {{1, 1, 0, 0}, {0, 0, 0, 0}};
      check.build(
          x ->
              new MultiHeadAttention(check.layers, "attention", 2, 4)
                  .attend(x, 4, 4, x, 4, 4, check.tf.constant(mask), 4),
          2,
          4,
          4);
      float[] output = check.output(2 * 4 * 4);
      for (int i = 16; i < 32; i++) {
        // Nothing attended: every position gives the output projection's bias alone.
        assertEquals(output[16 + i % 4], output[i], 0f, "a row without valid keys");
        assertTrue(Float.isFinite(output[i]));
      }
      float[] gradient = check.inputGradient();
      // Row 0's padded positions 2 and 3 are queries too, so only row 1 is fully inert.
      for (int i = 16; i < 32; i++) {
        assertEquals(0f, gradient[i], 0f);
      }
    }
  }

  @Test
  void attentionGivesOneOutputPerQuery() {
    try (GradientCheck check = new GradientCheck(7, 3, 5, 4)) {
      float[][] mask = {{1, 1, 1, 1, 1}, {1, 1, 0, 0, 0}, {1, 0, 0, 0, 0}};
      var output =
          new MultiHeadAttention(check.layers, "attention", 2, 6)
              .attend(check.input(), 5, 4, check.input(), 5, 4, check.tf.constant(mask), 7);
      assertEquals(org.tensorflow.ndarray.Shape.of(3, 5, 7), output.shape());
      check.build(x -> output, 3, 5, 7);
      float[] values = check.output(3 * 5 * 7);
      for (float v : values) {
        assertTrue(Float.isFinite(v));
      }
    }
  }

  @Test
  void layerNormGradientMatchesFiniteDifferences() {
    try (GradientCheck check = new GradientCheck(3, 4, 6)) {
      check.build(x -> check.layers.layerNorm("norm", x, 6), 4, 6);
      assertTrue(check.maxError(24) < TOLERANCE);
    }
  }

  @Test
  void senBlockGradientMatchesFiniteDifferences() {
    try (GradientCheck check = new GradientCheck(4, 2, 3, 4)) {
      check.build(x -> new ScenarioExpertNetwork(check.layers, "sen", 2, 0.0).apply(x, 3, 4), 2, 4);
      assertTrue(check.maxError(6) < TOLERANCE);
    }
  }

  @Test
  void mmoeGateGradientMatchesFiniteDifferences() {
    try (GradientCheck check = new GradientCheck(5, 4, 5)) {
      MultiGateMixture mixture =
          new MultiGateMixture(check.layers, "mmoe", 3, List.of(4), List.of(3), 0.0);
      check.build(x -> mixture.gate(x, 5, 0), 4, 3);
      assertTrue(check.maxError(15) < TOLERANCE);
    }
  }

  @Test
  void mmoeLogitsGradientMatchesFiniteDifferences() {
    try (GradientCheck check = new GradientCheck(6, 3, 5)) {
      MultiGateMixture mixture =
          new MultiGateMixture(check.layers, "mmoe", 2, List.of(4), List.of(3), 0.0);
      check.build(x -> mixture.logits(x, 5, 2), 3, 2);
      assertTrue(check.maxError(6) < TOLERANCE);
    }
  }
}
