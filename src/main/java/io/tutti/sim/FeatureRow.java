package io.tutti.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a row's values into a map by column name, as a reader of the sample files would see
 * them: text as {@code String}, integers as {@code Long}, decimals as {@code Double} (rounded as
 * written); a missing value is left out.
 */
final class FeatureRow implements RowSink {
  private final List<String> columns;
  private final Map<String, Object> values = new LinkedHashMap<>();
  private int next;

  /** A row whose values arrive in the order of {@code columns}. */
  FeatureRow(List<String> columns) {
    this.columns = columns;
  }

  /** The values collected, by column. */
  Map<String, Object> values() {
    return values;
  }

  /** Skips to {@code column}: the values in between are not part of this row. */
  FeatureRow at(String column) {
    int index = columns.indexOf(column);
    if (index < next) {
      throw new IllegalStateException("column " + column + " is behind the row's position");
    }
    next = index;
    return this;
  }

  @Override
  public FeatureRow text(String value) {
    return put(value);
  }

  @Override
  public FeatureRow text(char prefix, long number) {
    return text(prefix + Long.toString(number));
  }

  @Override
  public FeatureRow integer(long value) {
    return put(value);
  }

  @Override
  public FeatureRow decimal(double value, int decimals) {
    return put(RowSink.fixedPoint(value, decimals) / (double) RowSink.scale(decimals));
  }

  @Override
  public FeatureRow empty() {
    next++;
    return this;
  }

  private FeatureRow put(Object value) {
    values.put(columns.get(next++), value);
    return this;
  }

  @Override
  public void end() {
    // The map is the row; nothing to hand on.
  }
}
