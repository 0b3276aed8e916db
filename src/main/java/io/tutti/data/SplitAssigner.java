package io.tutti.data;

import io.tutti.common.TuttiException;
import io.tutti.config.DataConfig;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Arrays;
import java.util.List;

/**
 * Assigns every sample to train, validation or test, following {@code data.split}.
 *
 * <ul>
 *   <li>{@code time}: with {@code n} samples sorted by time, the test cut is the time of the sample
 *       at position {@code floor(n * (1 - test_fraction))} and the validation cut the time at
 *       {@code floor(n * (1 - test_fraction - validation_fraction))}; a sample at or after the test
 *       cut is test, else at or after the validation cut validation, else train. Cutting on a time
 *       keeps every moment on one side, so no sample is trained on after a validation sample of the
 *       same moment; ties make the later splits slightly larger.
 *   <li>{@code row_order}: the same on the sample order, exact counts.
 *   <li>{@code files}: each file's path under {@code --data} (or its name) is matched against the
 *       train, validation and test globs; a file must match exactly one.
 * </ul>
 */
final class SplitAssigner {
  private SplitAssigner() {}

  static byte[] assign(
      DataConfig.Split split,
      long[] times,
      int samples,
      List<DataFiles.DataFile> files,
      List<long[]> fileRanges) {
    byte[] assigned = new byte[samples];
    switch (split.by()) {
      case "time" -> byTime(split, times, samples, assigned);
      case "row_order" -> byRowOrder(split, samples, assigned);
      case "files" -> byFiles(split, files, fileRanges, assigned);
      default ->
          throw new TuttiException(
              "data.split.by is '" + split.by() + "'; accepted: time, row_order, files.");
    }
    return assigned;
  }

  private static void byTime(DataConfig.Split split, long[] times, int n, byte[] assigned) {
    long[] sorted = Arrays.copyOf(times, n);
    Arrays.sort(sorted);
    long testCut = cut(sorted, n, split.testFraction());
    long validationCut = cut(sorted, n, split.testFraction() + split.validationFraction());
    for (int i = 0; i < n; i++) {
      long time = times[i];
      Split part =
          time >= testCut ? Split.TEST : time >= validationCut ? Split.VALIDATION : Split.TRAIN;
      assigned[i] = (byte) part.ordinal();
    }
  }

  /** The time from which the last {@code fraction} of samples lies; above all when 0. */
  private static long cut(long[] sorted, int n, double fraction) {
    if (fraction <= 0) {
      return Long.MAX_VALUE;
    }
    int position = (int) Math.floor(n * (1 - fraction));
    return sorted[Math.min(n - 1, Math.max(0, position))];
  }

  private static void byRowOrder(DataConfig.Split split, int n, byte[] assigned) {
    long testStart = (long) Math.floor(n * (1 - split.testFraction()));
    long validationStart =
        (long) Math.floor(n * (1 - split.testFraction() - split.validationFraction()));
    for (int i = 0; i < n; i++) {
      Split part =
          i >= testStart ? Split.TEST : i >= validationStart ? Split.VALIDATION : Split.TRAIN;
      assigned[i] = (byte) part.ordinal();
    }
  }

  private static void byFiles(
      DataConfig.Split split,
      List<DataFiles.DataFile> files,
      List<long[]> fileRanges,
      byte[] assigned) {
    String[] globs = {split.trainGlob(), split.validationGlob(), split.testGlob()};
    PathMatcher[] matchers = new PathMatcher[globs.length];
    for (int p = 0; p < globs.length; p++) {
      matchers[p] =
          globs[p] == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + globs[p]);
    }
    for (int f = 0; f < files.size(); f++) {
      DataFiles.DataFile file = files.get(f);
      Path relative = Path.of(file.relative());
      int part = -1;
      for (int p = 0; p < matchers.length; p++) {
        if (matchers[p] != null
            && (matchers[p].matches(relative) || matchers[p].matches(relative.getFileName()))) {
          if (part >= 0) {
            throw new TuttiException(
                "Data file "
                    + file.relative()
                    + " matches both the "
                    + Split.values()[part].id()
                    + " glob '"
                    + globs[part]
                    + "' and the "
                    + Split.values()[p].id()
                    + " glob '"
                    + globs[p]
                    + "' of data.split; a file must match exactly one.");
          }
          part = p;
        }
      }
      if (part < 0) {
        throw new TuttiException(
            "Data file "
                + file.relative()
                + " matches none of the data.split globs (train '"
                + globs[0]
                + "', validation '"
                + globs[1]
                + "', test '"
                + globs[2]
                + "').");
      }
      long[] range = fileRanges.get(f);
      Arrays.fill(assigned, (int) range[0], (int) range[1], (byte) part);
    }
  }
}
