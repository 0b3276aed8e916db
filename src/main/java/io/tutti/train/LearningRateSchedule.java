package io.tutti.train;

import io.tutti.common.TuttiException;
import io.tutti.config.TrainingConfig;

/**
 * The learning rates of each step: a linear warm-up, then {@code constant}, {@code cosine} or
 * {@code exponential} decay over the rest of the run. The dense and the embedding learning rates
 * follow the same curve, each scaled from its configured peak.
 *
 * <p>With {@code w} warm-up steps and a horizon of {@code H} steps, the multiplier of step {@code
 * k} (from 0) is {@code (k + 1) / w} while {@code k < w}; after it, with {@code p = (k - w) / (H -
 * w)} clipped to [0, 1]: 1 ({@code constant}), {@code (1 + cos(pi p)) / 2} ({@code cosine}, down to
 * {@link #FLOOR}) or {@code 0.1^p} ({@code exponential}: a tenth of the peak at the horizon).
 *
 * <p>The horizon is the planned number of steps, {@code epochs x} the expected steps per epoch, an
 * estimate when negatives are sampled (see {@link Trainer}); a step beyond it keeps the final rate.
 * The schedule is a pure function of the step, so a resumed run gets the same rates.
 */
public final class LearningRateSchedule {
  /** The cosine curve stops at this share of the peak, so that the last steps still learn. */
  public static final double FLOOR = 0.01;

  private final String kind;
  private final double learningRate;
  private final double embeddingLearningRate;
  private final long warmupSteps;
  private final long horizon;

  /**
   * @param training the schedule's kind, peaks and warm-up
   * @param horizon the planned number of steps of the whole run; at least 1
   */
  public LearningRateSchedule(TrainingConfig training, long horizon) {
    if (!TrainingConfig.SCHEDULES.contains(training.schedule())) {
      throw new TuttiException(
          "Unknown learning-rate schedule '"
              + training.schedule()
              + "'; accepted: "
              + TrainingConfig.SCHEDULES
              + ".");
    }
    this.kind = training.schedule();
    this.learningRate = training.learningRate();
    this.embeddingLearningRate = training.embeddingLearningRate();
    this.warmupSteps = training.warmupSteps();
    this.horizon = Math.max(1, horizon);
  }

  /** The share of the peak rates at {@code step}, in (0, 1]. */
  public double multiplier(long step) {
    if (step < warmupSteps) {
      return (step + 1) / (double) warmupSteps;
    }
    double span = Math.max(1, horizon - warmupSteps);
    double progress = Math.min(1.0, Math.max(0.0, (step - warmupSteps) / span));
    return switch (kind) {
      case "cosine" -> FLOOR + (1 - FLOOR) * 0.5 * (1 + Math.cos(Math.PI * progress));
      case "exponential" -> Math.pow(0.1, progress);
      default -> 1.0;
    };
  }

  /** The dense optimizer's learning rate at {@code step}. */
  public float learningRate(long step) {
    return (float) (learningRate * multiplier(step));
  }

  /** The sparse embedding update's learning rate at {@code step}. */
  public float embeddingLearningRate(long step) {
    return (float) (embeddingLearningRate * multiplier(step));
  }

  /** The planned number of steps. */
  public long horizon() {
    return horizon;
  }

  @Override
  public String toString() {
    return "LearningRateSchedule["
        + kind
        + ", peak "
        + learningRate
        + ", embedding peak "
        + embeddingLearningRate
        + ", warm-up "
        + warmupSteps
        + ", horizon "
        + horizon
        + "]";
  }
}
