package io.tutti.train;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of one epoch on stderr: samples done of the expected, samples per second, the
 * running loss per task and the time left.
 *
 * <p>Drawn only on an interactive terminal ({@code System.console()} present); in a pipe, a file or
 * a test it draws nothing and the per-epoch INFO lines are the whole report. The bar lives only
 * while the epoch's steps run: it is closed before the epoch's summary is logged, and around a
 * mid-epoch checkpoint ({@link #around}), so that a log line and the bar never share a line. A
 * warning logged by other code in the middle of an epoch may still cut through the bar once.
 */
final class TrainingProgress implements AutoCloseable {
  private static final int MESSAGE_EVERY_BATCHES = 20;

  private final String taskName;
  private final long expectedSamples;
  private ProgressBar bar;
  private String message = "";
  private long batches;

  private TrainingProgress(String taskName, long expectedSamples) {
    this.taskName = taskName;
    this.expectedSamples = expectedSamples;
  }

  /** Whether bars are drawn: only on an interactive terminal. */
  static boolean interactive() {
    return System.console() != null;
  }

  /**
   * Starts the bar of one epoch, or a silent stand-in when {@code show} is false.
   *
   * @param expectedSamples the bar's length: the expected samples of the epoch after sampling
   * @param done samples already consumed (a resumed epoch)
   */
  static TrainingProgress start(
      boolean show, int epoch, int epochs, long expectedSamples, long done) {
    TrainingProgress progress =
        new TrainingProgress("epoch " + epoch + "/" + epochs, expectedSamples);
    if (show) {
      progress.bar = progress.newBar(done, Duration.ZERO);
    }
    return progress;
  }

  /**
   * Runs {@code step}, which may log (a checkpoint), with the bar closed: the bar ends its line,
   * the step's log lines follow, and a new bar carries on from the same count and elapsed time.
   */
  void around(Runnable step) {
    if (bar == null) {
      step.run();
      return;
    }
    long done = bar.getCurrent();
    Duration elapsed = bar.getTotalElapsed();
    bar.close();
    try {
      step.run();
    } finally {
      bar = newBar(done, elapsed);
      bar.setExtraMessage(message);
    }
  }

  private ProgressBar newBar(long done, Duration elapsed) {
    return new ProgressBarBuilder()
        .setTaskName(taskName)
        .setInitialMax(Math.max(expectedSamples, done))
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" samples", 1)
        .showSpeed()
        .setSpeedUnit(ChronoUnit.SECONDS)
        .setUpdateIntervalMillis(500)
        .startsFrom(done, elapsed)
        .build();
  }

  /** Advances by one batch of {@code samples}; refreshes the loss text every few batches. */
  void batch(int samples, List<String> taskIds, double[] meanLoss) {
    if (bar == null) {
      return;
    }
    bar.stepBy(samples);
    if (++batches % MESSAGE_EVERY_BATCHES == 1) {
      StringBuilder text = new StringBuilder(" loss");
      for (int t = 0; t < taskIds.size(); t++) {
        if (!Double.isNaN(meanLoss[t])) {
          text.append(' ').append(taskIds.get(t)).append(' ');
          text.append(String.format(Locale.ROOT, "%.3f", meanLoss[t]));
        }
      }
      message = text.toString();
      bar.setExtraMessage(message);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
