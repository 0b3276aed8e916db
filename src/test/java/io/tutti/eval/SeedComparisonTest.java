package io.tutti.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeedComparisonTest {

  @Test
  void spreadOfThreeSeedsIsTheirMeanAndSampleDeviation() {
    // 0.70, 0.72, 0.74: mean 0.72, deviations -0.02, 0, 0.02, variance 0.0008 / 2 = 0.0004.
    SeedComparison.Spread spread = SeedComparison.Spread.of(List.of(0.70, 0.72, 0.74));
    assertEquals(0.72, spread.mean(), 1e-12);
    assertEquals(0.02, spread.std(), 1e-12);
    assertEquals(0.70, spread.min(), 1e-12);
    assertEquals(0.74, spread.max(), 1e-12);
  }

  @Test
  void spreadLeavesUndefinedAucsOut() {
    SeedComparison.Spread spread = SeedComparison.Spread.of(List.of(0.6, Double.NaN));
    assertEquals(0.6, spread.mean(), 1e-12);
    assertEquals(0, spread.std(), 1e-12);
    assertTrue(Double.isNaN(SeedComparison.Spread.of(List.of(Double.NaN)).mean()));
  }

  @Test
  void metricsOverSeedsAreFieldByFieldMeans() {
    TaskMetrics first = new TaskMetrics(0.6, 0.5, 0.7, 0.55, 10, 0.4, 1.0, 100, 30, 0.8);
    TaskMetrics second = new TaskMetrics(0.8, 0.7, 0.9, Double.NaN, 13, 0.2, 0.8, 100, 30, 0.8);
    TaskMetrics mean = SeedComparison.mean(List.of(first, second));
    assertEquals(0.7, mean.auc(), 1e-12);
    assertEquals(0.6, mean.aucLow(), 1e-12);
    assertEquals(0.8, mean.aucHigh(), 1e-12);
    // The second seed's GAUC is undefined: the mean is the first's alone.
    assertEquals(0.55, mean.gauc(), 1e-12);
    assertEquals(12, mean.gaucUsers());
    assertEquals(0.3, mean.logloss(), 1e-12);
    assertEquals(0.9, mean.copc(), 1e-12);
    assertEquals(100, mean.samples());
    assertEquals(0.8, mean.oracleAuc(), 1e-12);
  }
}
