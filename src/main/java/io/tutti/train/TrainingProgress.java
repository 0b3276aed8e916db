package io.tutti.train;

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
 * while the epoch's steps run and is closed before the epoch's summary is logged, so a log line and
 * the bar never share a line; a warning logged in the middle of an epoch may still cut through the
 * bar once, which costs one redrawn line.
 */
final class TrainingProgress implements AutoCloseable {
  private static final int MESSAGE_EVERY_BATCHES = 20;

  private final ProgressBar bar;
  private long batches;

  private TrainingProgress(ProgressBar bar) {
    this.bar = bar;
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
    if (!show) {
      return new TrainingProgress(null);
    }
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName("epoch " + epoch + "/" + epochs)
            .setInitialMax(Math.max(expectedSamples, done))
            .setStyle(ProgressBarStyle.ASCII)
            .setUnit(" samples", 1)
            .showSpeed()
            .setSpeedUnit(ChronoUnit.SECONDS)
            .setUpdateIntervalMillis(500)
            .setMaxRenderedLength(120)
            .build();
    bar.stepTo(done);
    return new TrainingProgress(bar);
  }

  /** Advances by one batch of {@code samples}; refreshes the loss text every few batches. */
  void batch(int samples, List<String> taskIds, double[] meanLoss) {
    if (bar == null) {
      return;
    }
    bar.stepBy(samples);
    if (++batches % MESSAGE_EVERY_BATCHES == 1) {
      StringBuilder message = new StringBuilder("loss");
      for (int t = 0; t < taskIds.size(); t++) {
        if (!Double.isNaN(meanLoss[t])) {
          message.append(' ').append(taskIds.get(t)).append(' ');
          message.append(String.format(Locale.ROOT, "%.4f", meanLoss[t]));
        }
      }
      bar.setExtraMessage(message.toString());
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
