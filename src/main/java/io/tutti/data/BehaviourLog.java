package io.tutti.data;

import io.tutti.config.DataConfig;
import io.tutti.config.SequenceConfig;
import io.tutti.config.TuttiConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The behaviour log compiled for sequence cutting: every event grouped by user and, within a user,
 * sorted from the most recent to the oldest, with each sequence's values already encoded.
 *
 * <p>Why newest first: the events of a user strictly before a moment {@code t} are then one
 * contiguous run that starts at the first event older than {@code t} and ends at the user's last
 * event, and its order is already the order a batch wants (most recent first). A sample stores the
 * run's start and length, and filling a batch is one bulk copy per sequence, without reversing.
 *
 * <p>Known shortcoming: the log is sorted in memory (16 bytes per event plus 4 per sequence and
 * event), so the largest log a compile takes is bounded by the heap; streaming is not.
 */
final class BehaviourLog {
  private final long[] userKeys;
  private final long[] userStarts;
  private final long[] times;
  private final int[][] values;

  private BehaviourLog(long[] userKeys, long[] userStarts, long[] times, int[][] values) {
    this.userKeys = userKeys;
    this.userStarts = userStarts;
    this.times = times;
    this.values = values;
  }

  /**
   * Sorts the read events and groups them by user.
   *
   * @param users user key per event, {@code [events]}
   * @param eventTimes time per event, {@code [events]}
   * @param sequenceValues per sequence, encoded value per event, {@code [sequences][events]}
   */
  static BehaviourLog build(
      PrimitiveLists.Longs users,
      PrimitiveLists.Longs eventTimes,
      PrimitiveLists.Ints[] sequenceValues) {
    int events = users.size();
    long[] userColumn = users.array();
    long[] timeColumn = eventTimes.array();
    int[] order = new int[events];
    for (int i = 0; i < events; i++) {
      order[i] = i;
    }
    IndexSort.sort(
        order,
        (a, b) -> {
          int byUser = Long.compare(userColumn[a], userColumn[b]);
          return byUser != 0 ? byUser : Long.compare(timeColumn[b], timeColumn[a]);
        });

    long[] sortedTimes = new long[events];
    long[] sortedUsers = new long[events];
    for (int i = 0; i < events; i++) {
      sortedTimes[i] = timeColumn[order[i]];
      sortedUsers[i] = userColumn[order[i]];
    }
    int[][] sortedValues = new int[sequenceValues.length][];
    for (int q = 0; q < sequenceValues.length; q++) {
      int[] column = sequenceValues[q].array();
      int[] sorted = new int[events];
      for (int i = 0; i < events; i++) {
        sorted[i] = column[order[i]];
      }
      sortedValues[q] = sorted;
    }

    int distinct = 0;
    for (int i = 0; i < events; i++) {
      if (i == 0 || sortedUsers[i] != sortedUsers[i - 1]) {
        distinct++;
      }
    }
    long[] keys = new long[distinct];
    long[] starts = new long[distinct + 1];
    int u = 0;
    for (int i = 0; i < events; i++) {
      if (i == 0 || sortedUsers[i] != sortedUsers[i - 1]) {
        keys[u] = sortedUsers[i];
        starts[u] = i;
        u++;
      }
    }
    starts[distinct] = events;
    return new BehaviourLog(keys, starts, sortedTimes, sortedValues);
  }

  /** Events in the log. */
  long events() {
    return times.length;
  }

  /** The user's position among the log's users, or -1 when the user has no event. */
  int user(long userKey) {
    int found = java.util.Arrays.binarySearch(userKeys, userKey);
    return found >= 0 ? found : -1;
  }

  /** The user's first (most recent) event. */
  long start(int user) {
    return userStarts[user];
  }

  /** One past the user's last (oldest) event. */
  long end(int user) {
    return userStarts[user + 1];
  }

  /** The user's first event strictly before {@code time}, or {@link #end} when there is none. */
  long firstBefore(int user, long time) {
    // Times fall from start to end: find the first position whose time is below `time`.
    int low = (int) start(user);
    int high = (int) end(user);
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (times[middle] >= time) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** Writes sequence {@code q}'s encoded values, in log order, to {@code file}. */
  void writeValues(int q, Path file) throws IOException {
    try (ColumnWriter writer = new ColumnWriter(file)) {
      writer.putInts(values[q], 0, values[q].length);
    }
  }

  /** The behaviour columns each sequence reads, in sequence order. */
  static List<String> columns(TuttiConfig config) {
    return config.sequences().stream().map(SequenceConfig::column).toList();
  }

  /** The log's user, item and time columns: the ones every row must have. */
  static List<String> requiredColumns(DataConfig.Behaviour behaviour) {
    return List.of(behaviour.userColumn(), behaviour.timestampColumn());
  }
}
