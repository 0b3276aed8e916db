package io.tutti.sim;

import java.io.IOException;
import java.io.Writer;

/**
 * A CSV row builder for the simulator's output: plain values only (ids, integers, fixed-point
 * decimals, none of them holding a comma or a quote), so nothing is quoted. Numbers are formatted
 * by hand, which is several times faster than {@code String.format} and the same on every machine.
 */
final class CsvText implements RowSink {
  private final Writer out;
  private final StringBuilder row = new StringBuilder(512);
  private boolean first = true;

  CsvText(Writer out) {
    this.out = out;
  }

  @Override
  public CsvText text(String value) {
    separate();
    row.append(value);
    return this;
  }

  @Override
  public CsvText text(char prefix, long number) {
    separate();
    row.append(prefix).append(number);
    return this;
  }

  @Override
  public CsvText integer(long value) {
    separate();
    row.append(value);
    return this;
  }

  /** A non-negative value with {@code decimals} digits after the point, rounded half up. */
  @Override
  public CsvText decimal(double value, int decimals) {
    separate();
    long scale = RowSink.scale(decimals);
    long fixed = RowSink.fixedPoint(value, decimals);
    row.append(fixed / scale).append('.');
    String fraction = Long.toString(fixed % scale);
    for (int pad = fraction.length(); pad < decimals; pad++) {
      row.append('0');
    }
    row.append(fraction);
    return this;
  }

  /** An empty field: a missing value. */
  @Override
  public CsvText empty() {
    separate();
    return this;
  }

  /** Ends the row and hands it to the writer. */
  @Override
  public void end() throws IOException {
    row.append('\n');
    out.append(row);
    row.setLength(0);
    first = true;
  }

  private void separate() {
    if (!first) {
      row.append(',');
    }
    first = false;
  }
}
