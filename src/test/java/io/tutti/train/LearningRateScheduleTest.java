package io.tutti.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tutti.common.TuttiException;
import io.tutti.config.TrainingConfig;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  private static TrainingConfig training(String schedule, int warmup) {
    TrainingConfig d = TrainingConfig.defaults();
    return new TrainingConfig(
        d.batchSize(),
        d.epochs(),
        d.seed(),
        d.optimizer(),
        0.01,
        0.1,
        schedule,
        warmup,
        d.clipNorm(),
        d.earlyStoppingPatience(),
        d.checkpointEverySteps(),
        d.threads(),
        d.validationMaxSamples());
  }

  @Test
  void warmUpRisesLinearlyToThePeak() {
    LearningRateSchedule schedule = new LearningRateSchedule(training("constant", 4), 100);
    assertEquals(0.25, schedule.multiplier(0), 1e-12);
    assertEquals(0.5, schedule.multiplier(1), 1e-12);
    assertEquals(1.0, schedule.multiplier(3), 1e-12);
    assertEquals(1.0, schedule.multiplier(99), 1e-12);
    assertEquals(0.005f, schedule.learningRate(1), 1e-9f);
    assertEquals(0.05f, schedule.embeddingLearningRate(1), 1e-9f);
  }

  @Test
  void cosineFallsFromThePeakToTheFloorAtTheHorizon() {
    LearningRateSchedule schedule = new LearningRateSchedule(training("cosine", 10), 110);
    double floor = LearningRateSchedule.FLOOR;
    assertEquals(1.0, schedule.multiplier(10), 1e-12);
    assertEquals(floor + (1 - floor) / 2, schedule.multiplier(60), 1e-12);
    assertEquals(floor, schedule.multiplier(110), 1e-12);
    assertEquals(floor, schedule.multiplier(500), 1e-12);
  }

  @Test
  void exponentialReachesATenthAtTheHorizon() {
    LearningRateSchedule schedule = new LearningRateSchedule(training("exponential", 0), 200);
    assertEquals(1.0, schedule.multiplier(0), 1e-12);
    assertEquals(Math.sqrt(0.1), schedule.multiplier(100), 1e-12);
    assertEquals(0.1, schedule.multiplier(200), 1e-12);
  }

  @Test
  void unknownScheduleIsRefusedWithTheAcceptedOnes() {
    TuttiException error =
        assertThrows(
            TuttiException.class, () -> new LearningRateSchedule(training("linear", 0), 10));
    assertEquals(
        "Unknown learning-rate schedule 'linear'; accepted: [constant, cosine, exponential].",
        error.getMessage());
  }
}
