package io.tutti.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BootstrapTest {

  private static final int N = 2000;

  @Test
  void theSameSeedGivesTheSameInterval() {
    float[][] data = noisyScores(N, 11);
    Interval first = Bootstrap.aucInterval(data[0], data[1], N, 42);
    Interval second = Bootstrap.aucInterval(data[0], data[1], N, 42);
    assertEquals(first, second);
    assertNotEquals(first, Bootstrap.aucInterval(data[0], data[1], N, 43));
  }

  @Test
  void intervalHoldsThePointEstimateAndNarrowsWithMoreSamples() {
    float[][] small = noisyScores(500, 3);
    float[][] large = noisyScores(20_000, 3);
    Interval smallInterval = Bootstrap.aucInterval(small[0], small[1], 500, 1);
    Interval largeInterval = Bootstrap.aucInterval(large[0], large[1], 20_000, 1);
    assertTrue(smallInterval.contains(BinaryMetrics.auc(small[0], small[1], 500)));
    assertTrue(largeInterval.contains(BinaryMetrics.auc(large[0], large[1], 20_000)));
    double smallWidth = smallInterval.high() - smallInterval.low();
    double largeWidth = largeInterval.high() - largeInterval.low();
    // The width shrinks about as 1 / sqrt(n): 40 times the samples, about 6 times narrower.
    assertTrue(largeWidth < smallWidth / 3, smallWidth + " vs " + largeWidth);
  }

  @Test
  void intervalIsUnknownWhenAucIsUndefined() {
    assertEquals(
        Interval.UNKNOWN,
        Bootstrap.aucInterval(new float[] {0.2f, 0.4f}, new float[] {0, 0}, 2, 1));
  }

  /** Scores that carry some signal about the labels: positives score higher on average. */
  private static float[][] noisyScores(int n, long seed) {
    Random random = new Random(seed);
    float[] scores = new float[n];
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextDouble() < 0.3 ? 1 : 0;
      scores[i] = (float) (random.nextGaussian() + labels[i]);
    }
    return new float[][] {scores, labels};
  }
}
