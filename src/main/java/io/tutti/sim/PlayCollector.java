package io.tutti.sim;

import java.util.ArrayList;
import java.util.List;

/** Collects the rows of the play log ({@code user_id, item_id, ts}) as {@link Play}s. */
final class PlayCollector implements RowSink {
  private final List<Play> plays = new ArrayList<>();
  private String item;
  private long time;
  private int column;

  List<Play> plays() {
    return plays;
  }

  @Override
  public PlayCollector text(String value) {
    column++;
    return this;
  }

  @Override
  public PlayCollector text(char prefix, long number) {
    item = prefix + Long.toString(number);
    column++;
    return this;
  }

  @Override
  public PlayCollector integer(long value) {
    time = value;
    column++;
    return this;
  }

  @Override
  public PlayCollector decimal(double value, int decimals) {
    throw new IllegalStateException("the play log has no decimal column");
  }

  @Override
  public PlayCollector empty() {
    throw new IllegalStateException("the play log has no missing value");
  }

  @Override
  public void end() {
    if (column != 3) {
      throw new IllegalStateException("a play row has 3 columns, not " + column);
    }
    plays.add(new Play(time, item));
    column = 0;
  }
}
