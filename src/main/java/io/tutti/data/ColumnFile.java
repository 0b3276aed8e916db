package io.tutti.data;

import io.tutti.common.TuttiException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One column of a compiled dataset, memory-mapped read-only: fixed-width little-endian values.
 *
 * <p>The file is mapped in segments of at most 1 GiB, because one {@link MappedByteBuffer} cannot
 * pass 2 GiB; every element width divides the segment size, so no value straddles two segments. The
 * pages live in the operating system's cache, not on the Java heap, which is why a dataset larger
 * than the heap streams in bounded memory.
 *
 * <p>Known shortcoming: Java 17 offers no supported way to unmap a buffer, so the mapping is
 * released only when the buffers are garbage collected; closing a dataset drops the references.
 */
final class ColumnFile {
  /** The default segment: 2^30 bytes. */
  static final int DEFAULT_SEGMENT_SHIFT = 30;

  private final Path file;
  private final int elementBytes;
  private final long elements;
  private final int segmentShift;
  private final long segmentMask;
  private final MappedByteBuffer[] segments;
  private final IntBuffer[] intViews;

  private ColumnFile(Path file, int elementBytes, long elements, int segmentShift)
      throws IOException {
    this.file = file;
    this.elementBytes = elementBytes;
    this.elements = elements;
    this.segmentShift = segmentShift;
    this.segmentMask = (1L << segmentShift) - 1;
    long bytes = elements * elementBytes;
    long segmentBytes = 1L << segmentShift;
    int count = (int) ((bytes + segmentBytes - 1) / segmentBytes);
    segments = new MappedByteBuffer[count];
    intViews = new IntBuffer[count];
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      for (int s = 0; s < count; s++) {
        long start = s * segmentBytes;
        long length = Math.min(segmentBytes, bytes - start);
        MappedByteBuffer segment = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
        segment.order(ByteOrder.LITTLE_ENDIAN);
        segments[s] = segment;
        intViews[s] = segment.asIntBuffer();
      }
    }
  }

  /**
   * Maps {@code file}, checking that it holds exactly {@code elements} values of {@code
   * elementBytes} bytes each.
   */
  static ColumnFile map(Path file, int elementBytes, long elements) {
    return map(file, elementBytes, elements, DEFAULT_SEGMENT_SHIFT);
  }

  /** As {@link #map(Path, int, long)} with segments of {@code 2^segmentShift} bytes (tests). */
  static ColumnFile map(Path file, int elementBytes, long elements, int segmentShift) {
    if (Integer.bitCount(elementBytes) != 1 || (1L << segmentShift) < elementBytes) {
      throw new IllegalArgumentException("element width " + elementBytes);
    }
    try {
      long size = Files.size(file);
      if (size != elements * elementBytes) {
        throw new TuttiException(
            "Compiled column "
                + file
                + " has "
                + size
                + " bytes, expected "
                + elements * elementBytes
                + " ("
                + elements
                + " values of "
                + elementBytes
                + " bytes); the dataset is damaged, compile it again.");
      }
      return new ColumnFile(file, elementBytes, elements, segmentShift);
    } catch (IOException e) {
      throw new TuttiException("Could not map compiled column " + file + ": " + e.getMessage(), e);
    }
  }

  /** Values in the column. */
  long elements() {
    return elements;
  }

  Path file() {
    return file;
  }

  byte getByte(long index) {
    long offset = index;
    return segments[(int) (offset >>> segmentShift)].get((int) (offset & segmentMask));
  }

  int getInt(long index) {
    long offset = index << 2;
    return segments[(int) (offset >>> segmentShift)].getInt((int) (offset & segmentMask));
  }

  float getFloat(long index) {
    long offset = index << 2;
    return segments[(int) (offset >>> segmentShift)].getFloat((int) (offset & segmentMask));
  }

  long getLong(long index) {
    long offset = index << 3;
    return segments[(int) (offset >>> segmentShift)].getLong((int) (offset & segmentMask));
  }

  /** Copies {@code length} consecutive ints starting at element {@code first} into {@code to}. */
  void getInts(long first, int[] to, int toOffset, int length) {
    if (elementBytes != 4) {
      throw new IllegalStateException("not an int column: " + file);
    }
    int intShift = segmentShift - 2;
    long intMask = (1L << intShift) - 1;
    long element = first;
    int done = 0;
    while (done < length) {
      int segment = (int) (element >>> intShift);
      int position = (int) (element & intMask);
      IntBuffer view = intViews[segment];
      int run = Math.min(length - done, view.capacity() - position);
      view.get(position, to, toOffset + done, run);
      done += run;
      element += run;
    }
  }
}
