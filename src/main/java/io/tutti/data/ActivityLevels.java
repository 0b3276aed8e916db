package io.tutti.data;

/**
 * A user's activity level, 0 (least active) to 10, from the count of their events in the look-back
 * window strictly before a sample (docs/data.md gives the full definition).
 *
 * <p>The level is {@code min(10, floor(log2(1 + count)))}: 0 events give 0, 1-2 give 1, 3-6 give 2,
 * 7-14 give 3, ..., 1023 or more give 10. A logarithm because activity has a long tail: the
 * difference between 1 and 10 plays a week matters more than between 500 and 510.
 */
final class ActivityLevels {
  /** The highest level. */
  static final int MAX_LEVEL = 10;

  private ActivityLevels() {}

  /** The level of a user with {@code count} events in the window. */
  static byte level(long count) {
    if (count <= 0) {
      return 0;
    }
    int floorLog2 = 63 - Long.numberOfLeadingZeros(count + 1);
    return (byte) Math.min(MAX_LEVEL, floorLog2);
  }

  /** A ready level read from a column: floored and clipped to 0-10; missing gives 0. */
  static byte clip(double ready) {
    if (Double.isNaN(ready)) {
      return 0;
    }
    return (byte) Math.max(0, Math.min(MAX_LEVEL, Math.floor(ready)));
  }

  /**
   * Levels computed from the samples themselves, for data without a behaviour log: the count is the
   * user's samples with a time in {@code [t - window, t)}. Without timestamps the row order stands
   * in for time and every earlier sample of the user counts ({@code windowSeconds} is then {@link
   * Long#MAX_VALUE}).
   *
   * @param userKeys per sample, {@code [samples]}
   * @param times per sample, {@code [samples]}
   */
  static byte[] fromSamples(long[] userKeys, long[] times, int samples, long windowSeconds) {
    int[] order = new int[samples];
    for (int i = 0; i < samples; i++) {
      order[i] = i;
    }
    IndexSort.sort(
        order,
        (a, b) -> {
          int byUser = Long.compare(userKeys[a], userKeys[b]);
          return byUser != 0 ? byUser : Long.compare(times[a], times[b]);
        });

    byte[] levels = new byte[samples];
    int groupStart = 0;
    while (groupStart < samples) {
      long user = userKeys[order[groupStart]];
      int groupEnd = groupStart;
      while (groupEnd < samples && userKeys[order[groupEnd]] == user) {
        groupEnd++;
      }
      // Two pointers over the user's samples in time order: the window's first sample, and the
      // first sample at the current time (samples at the same moment are not "before").
      int windowStart = groupStart;
      int sameTimeStart = groupStart;
      for (int j = groupStart; j < groupEnd; j++) {
        long time = times[order[j]];
        if (times[order[sameTimeStart]] != time) {
          sameTimeStart = j;
        }
        long from = windowSeconds == Long.MAX_VALUE ? Long.MIN_VALUE : time - windowSeconds;
        while (times[order[windowStart]] < from) {
          windowStart++;
        }
        levels[order[j]] = level(Math.max(0, sameTimeStart - windowStart));
      }
      groupStart = groupEnd;
    }
    return levels;
  }
}
