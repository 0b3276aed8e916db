package io.tutti.model;

import java.util.Arrays;

/**
 * Compresses one sample's long behaviour sequence to its most played distinct items with their play
 * counts: the first, candidate-independent stage of the long-term interest.
 *
 * <p>Old songs keep being replayed, so how often an item recurs in a long history is the long-term
 * signal; keeping a fixed number of the most played distinct items bounds what the graph sees
 * whatever the history's length. The result is ordered by play count, most played first, ties
 * broken by recency (the most recent first); id 0 (an unknown item) is skipped. Cost: linear in the
 * events plus a sort of the distinct items, about 0.3 ms for 10,000 events on the reference machine
 * under load (bench/README.md). A pure function of the events, so it runs identically in training,
 * prediction and serving, and on Spark. Reuses its buffers: one instance per thread.
 */
final class LongHistory {
  private final int[] slotItem;
  private final int[] slotCount;
  private final int[] slotFirst;
  private final int[] used;
  private final long[] order;

  /** A compressor for sequences of at most {@code maxLength} events. */
  LongHistory(int maxLength) {
    int capacity = Integer.highestOneBit(Math.max(2, maxLength) * 2 - 1) << 1;
    slotItem = new int[capacity];
    slotCount = new int[capacity];
    slotFirst = new int[capacity];
    used = new int[maxLength];
    order = new long[maxLength];
  }

  /**
   * Writes the {@code keep} most played distinct items of {@code events[from, from + length)} into
   * {@code items[to, to + keep)} and their play counts into {@code counts}; rows left over get item
   * 0 and count 0 (padding).
   *
   * @return the distinct items written
   */
  int compress(int[] events, int from, int length, int keep, int[] items, float[] counts, int to) {
    int mask = slotItem.length - 1;
    int distinct = 0;
    for (int i = 0; i < length; i++) {
      int item = events[from + i];
      if (item == 0) {
        continue;
      }
      int slot = mix(item) & mask;
      while (slotCount[slot] != 0 && slotItem[slot] != item) {
        slot = (slot + 1) & mask;
      }
      if (slotCount[slot] == 0) {
        slotItem[slot] = item;
        slotFirst[slot] = i;
        used[distinct++] = slot;
      }
      slotCount[slot]++;
    }

    // Most played first, then most recent first: one sort of packed keys.
    for (int d = 0; d < distinct; d++) {
      int slot = used[d];
      order[d] = ((long) (Integer.MAX_VALUE - slotCount[slot]) << 32) | slotFirst[slot];
    }
    Arrays.sort(order, 0, distinct);
    int written = Math.min(distinct, keep);
    for (int d = 0; d < written; d++) {
      int first = (int) order[d];
      items[to + d] = events[from + first];
      counts[to + d] = (float) (Integer.MAX_VALUE - (int) (order[d] >>> 32));
    }
    Arrays.fill(items, to + written, to + keep, 0);
    Arrays.fill(counts, to + written, to + keep, 0f);

    for (int d = 0; d < distinct; d++) {
      slotCount[used[d]] = 0;
    }
    return written;
  }

  private static int mix(int item) {
    int h = item * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
