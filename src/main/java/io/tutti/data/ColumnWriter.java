package io.tutti.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends fixed-width little-endian values to one column file through a direct buffer: the write
 * side of {@link ColumnFile}.
 */
final class ColumnWriter implements AutoCloseable {
  private static final int BUFFER_BYTES = 1 << 16;

  private final FileChannel channel;
  private final ByteBuffer buffer =
      ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private long written;

  ColumnWriter(Path file) throws IOException {
    channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  void putByte(byte value) throws IOException {
    ensure(1);
    buffer.put(value);
  }

  void putInt(int value) throws IOException {
    ensure(4);
    buffer.putInt(value);
  }

  void putInts(int[] values, int offset, int length) throws IOException {
    for (int i = 0; i < length; i++) {
      putInt(values[offset + i]);
    }
  }

  void putFloat(float value) throws IOException {
    ensure(4);
    buffer.putFloat(value);
  }

  void putLong(long value) throws IOException {
    ensure(8);
    buffer.putLong(value);
  }

  /** Bytes written so far, buffered ones included. */
  long bytes() {
    return written + buffer.position();
  }

  private void ensure(int bytes) throws IOException {
    if (buffer.remaining() < bytes) {
      flush();
    }
  }

  private void flush() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      written += channel.write(buffer);
    }
    buffer.clear();
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
      channel.force(false);
    } finally {
      channel.close();
    }
  }
}
