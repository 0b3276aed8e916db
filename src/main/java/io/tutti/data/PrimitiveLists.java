package io.tutti.data;

import java.util.Arrays;

/** Growable arrays of primitives for the compile, which cannot know its row count in advance. */
final class PrimitiveLists {
  private PrimitiveLists() {}

  /** A growable {@code long[]}. */
  static final class Longs {
    private long[] values = new long[1024];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, grown(size));
      }
      values[size++] = value;
    }

    long get(int index) {
      return values[index];
    }

    int size() {
      return size;
    }

    /** The backing array, at least {@link #size} long. */
    long[] array() {
      return values;
    }
  }

  /** A growable {@code int[]}. */
  static final class Ints {
    private int[] values = new int[1024];
    private int size;

    void add(int value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, grown(size));
      }
      values[size++] = value;
    }

    int get(int index) {
      return values[index];
    }

    int size() {
      return size;
    }

    int[] array() {
      return values;
    }
  }

  /** A growable {@code byte[]}. */
  static final class Bytes {
    private byte[] values = new byte[1024];
    private int size;

    void add(byte value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, grown(size));
      }
      values[size++] = value;
    }

    byte get(int index) {
      return values[index];
    }

    int size() {
      return size;
    }

    byte[] array() {
      return values;
    }
  }

  private static int grown(int size) {
    if (size >= Integer.MAX_VALUE - 16) {
      throw new io.tutti.common.TuttiException(
          "More than " + (Integer.MAX_VALUE - 16) + " rows: this release compiles at most that.");
    }
    return (int) Math.min(Integer.MAX_VALUE - 16L, size * 2L);
  }
}
