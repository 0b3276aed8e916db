package io.tutti.sim;

import java.io.IOException;

/**
 * Where the simulator writes a row, value by value in column order: a CSV line ({@link CsvText}),
 * or a map of raw values for callers of {@link MusicWorld} ({@link FeatureRow}, {@link
 * PlayCollector}). One writer of the columns serves both, so the API returns exactly what the files
 * hold.
 */
interface RowSink {
  RowSink text(String value);

  /** A text made of a one-letter prefix and a number, such as an id (a12). */
  RowSink text(char prefix, long number);

  RowSink integer(long value);

  /** A value with {@code decimals} digits after the point, rounded half up. */
  RowSink decimal(double value, int decimals);

  /** A missing value. */
  RowSink empty();

  /** Ends the row. */
  void end() throws IOException;

  /** {@code value} rounded half up to {@code decimals} digits, as a fixed-point count. */
  static long fixedPoint(double value, int decimals) {
    return (long) Math.floor(value * scale(decimals) + 0.5);
  }

  /** 10 to the power {@code decimals}. */
  static long scale(int decimals) {
    long scale = 1;
    for (int d = 0; d < decimals; d++) {
      scale *= 10;
    }
    return scale;
  }
}
