package io.tutti.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LongHistoryTest {

  @Test
  void keepsTheMostPlayedDistinctItemsMostRecentFirstOnTies() {
    // Most recent first: 5 played 3 times, 7 twice, 9 and 4 once (4 more recent than 9).
    int[] events = {4, 5, 7, 5, 0, 9, 7, 5};
    int[] items = new int[3];
    float[] counts = new float[3];
    int written = new LongHistory(8).compress(events, 0, events.length, 3, items, counts, 0);
    assertEquals(3, written);
    assertArrayEquals(new int[] {5, 7, 4}, items);
    assertArrayEquals(new float[] {3, 2, 1}, counts);
  }

  @Test
  void padsWithZerosAndReadsOnlyTheEventsPresent() {
    int[] events = {0, 0, 2, 2, 3, 8, 8, 8};
    int[] items = {9, 9, 9, 9, 9, 9};
    float[] counts = {9, 9, 9, 9, 9, 9};
    LongHistory history = new LongHistory(4);
    // Row 0 starts at 2 with 2 events; row 1 writes at offset 3 with no event.
    assertEquals(1, history.compress(events, 2, 2, 3, items, counts, 0));
    assertEquals(0, history.compress(events, 4, 0, 3, items, counts, 3));
    assertArrayEquals(new int[] {2, 0, 0, 0, 0, 0}, items);
    assertArrayEquals(new float[] {2, 0, 0, 0, 0, 0}, counts);
  }

  @Test
  void reuseDoesNotLeakCountsBetweenSamples() {
    LongHistory history = new LongHistory(4);
    int[] items = new int[2];
    float[] counts = new float[2];
    history.compress(new int[] {1, 1, 1, 2}, 0, 4, 2, items, counts, 0);
    history.compress(new int[] {2, 1}, 0, 2, 2, items, counts, 0);
    assertArrayEquals(new int[] {2, 1}, items);
    assertArrayEquals(new float[] {1, 1}, counts);
  }
}
