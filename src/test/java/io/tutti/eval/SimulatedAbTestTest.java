package io.tutti.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedAbTestTest {

  @Test
  void liftIsTheRatioOfTheMeanRatesMinusOne() {
    // A's requests: 0.2, 0.4 (mean 0.3); B's: 0.1, 0.3 (mean 0.2); lift 0.3 / 0.2 - 1 = 0.5.
    AbTest.Rate rate = SimulatedAbTest.rate(new double[] {0.2, 0.4}, new double[] {0.1, 0.3}, 3);
    assertEquals(0.3, rate.a(), 1e-12);
    assertEquals(0.2, rate.b(), 1e-12);
    assertEquals(0.5, rate.lift(), 1e-12);
    assertTrue(rate.liftLow() <= rate.liftHigh());
  }

  @Test
  void aConstantLiftHasAnIntervalOfZeroWidth() {
    // Every request of A is worth twice B's: every replicate's lift is 1 whatever the weights.
    double[] b = {0.1, 0.2, 0.05, 0.3};
    double[] a = {0.2, 0.4, 0.1, 0.6};
    AbTest.Rate rate = SimulatedAbTest.rate(a, b, 11);
    assertEquals(1.0, rate.lift(), 1e-12);
    assertEquals(1.0, rate.liftLow(), 1e-12);
    assertEquals(1.0, rate.liftHigh(), 1e-12);
  }

  @Test
  void theSameSeedGivesTheSameInterval() {
    double[] a = {0.2, 0.5, 0.1, 0.4, 0.3};
    double[] b = {0.3, 0.4, 0.2, 0.2, 0.3};
    assertEquals(SimulatedAbTest.rate(a, b, 5), SimulatedAbTest.rate(a, b, 5));
  }

  @Test
  void aZeroControlRateHasNoLift() {
    AbTest.Rate rate = SimulatedAbTest.rate(new double[] {0.1}, new double[] {0.0}, 1);
    assertTrue(Double.isNaN(rate.lift()));
  }

  @Test
  void percentileInterpolatesBetweenSortedValues() {
    double[] sorted = {0, 10, 20, 30, 40};
    assertEquals(0, SimulatedAbTest.percentile(sorted, 0), 1e-12);
    assertEquals(10, SimulatedAbTest.percentile(sorted, 0.25), 1e-12);
    assertEquals(35, SimulatedAbTest.percentile(sorted, 0.875), 1e-12);
  }

  @Test
  void activityLevelsHoldOnlyTheirRequests() {
    List<double[]> a = List.of(new double[] {0.2, 0.1}, new double[] {0.4, 0.2});
    List<double[]> b = List.of(new double[] {0.1, 0.1}, new double[] {0.4, 0.1});
    AbTest.Scenario scenario =
        SimulatedAbTest.scenario(
            new SimulatedAbTest.ListShape(3, 10), List.of("play", "like"), a, b, List.of(2, 7), 1);
    assertEquals(2, scenario.requests());
    assertEquals(List.of(2, 7), List.copyOf(scenario.activity().keySet()));
    assertEquals(1, scenario.activity().get(2).requests());
    // Level 2: A 0.2 against B 0.1 for play, a lift of 1.
    assertEquals(1.0, scenario.activity().get(2).rates().get("play").lift(), 1e-12);
    // Overall like: A (0.1 + 0.2) / 2 = 0.15 against B 0.1, a lift of 0.5.
    assertEquals(0.5, scenario.rates().get("like").lift(), 1e-12);
  }
}
