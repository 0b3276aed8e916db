package io.tutti.data;

import io.tutti.config.FeatureConfig;
import io.tutti.config.TuttiConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Appends parsed samples to the column files of a dataset being compiled, finds each sample's
 * sequence pointer and activity level in the behaviour log, and keeps what the later steps need
 * (user keys, times, scenarios, activity levels, positives).
 */
final class SampleSink implements AutoCloseable {
  private final TuttiConfig config;
  private final BehaviourLog log;
  private final long windowSeconds;
  private final int sequenceCap;
  private final List<FeatureConfig> features;

  private final ColumnWriter scenario;
  private final ColumnWriter user;
  private final ColumnWriter item;
  private final ColumnWriter time;
  private final ColumnWriter[] labels;
  private final ColumnWriter[] oracles;
  private final ColumnWriter[] featureColumns;
  private final ColumnWriter sequenceStart;
  private final ColumnWriter sequenceCount;

  private final PrimitiveLists.Longs userKeys = new PrimitiveLists.Longs();
  private final PrimitiveLists.Longs times = new PrimitiveLists.Longs();
  private final PrimitiveLists.Bytes scenarios = new PrimitiveLists.Bytes();
  private final PrimitiveLists.Bytes activity = new PrimitiveLists.Bytes();
  private final long[][] positives;

  SampleSink(TuttiConfig config, Path directory, BehaviourLog log) throws IOException {
    this.config = config;
    this.log = log;
    this.windowSeconds = config.data().activity().windowDays() * 86_400L;
    this.sequenceCap = config.sequences().stream().mapToInt(s -> s.maxLength()).max().orElse(0);
    this.features = config.allFeatures();
    int tasks = config.tasks().size();
    scenario = new ColumnWriter(directory.resolve(ColumnNames.SCENARIO));
    user = new ColumnWriter(directory.resolve(ColumnNames.USER));
    item = new ColumnWriter(directory.resolve(ColumnNames.ITEM));
    time = new ColumnWriter(directory.resolve(ColumnNames.TIME));
    labels = new ColumnWriter[tasks];
    oracles = new ColumnWriter[tasks];
    for (int t = 0; t < tasks; t++) {
      labels[t] = new ColumnWriter(directory.resolve(ColumnNames.label(t)));
      oracles[t] = new ColumnWriter(directory.resolve(ColumnNames.oracle(t)));
    }
    featureColumns = new ColumnWriter[features.size()];
    for (int k = 0; k < features.size(); k++) {
      featureColumns[k] =
          new ColumnWriter(directory.resolve(ColumnNames.feature(k, features.get(k))));
    }
    if (log != null) {
      sequenceStart = new ColumnWriter(directory.resolve(ColumnNames.SEQUENCE_START));
      sequenceCount = new ColumnWriter(directory.resolve(ColumnNames.SEQUENCE_COUNT));
    } else {
      sequenceStart = null;
      sequenceCount = null;
    }
    positives = new long[config.scenarios().size()][tasks];
  }

  /** Appends the parser's current sample. */
  void append(SampleParser sample) throws IOException {
    scenario.putByte((byte) sample.scenario);
    user.putLong(sample.userKey);
    item.putLong(sample.itemKey);
    time.putLong(sample.time);
    for (int t = 0; t < labels.length; t++) {
      labels[t].putByte(sample.labels[t]);
      oracles[t].putFloat(sample.oracle[t]);
      if (sample.labels[t] == 1) {
        positives[sample.scenario][t]++;
      }
    }
    for (int k = 0; k < featureColumns.length; k++) {
      switch (features.get(k).type()) {
        case CATEGORICAL -> featureColumns[k].putInt(sample.categorical[k]);
        case NUMERIC -> featureColumns[k].putFloat(sample.numeric[k]);
        case MULTI_CATEGORICAL ->
            featureColumns[k].putInts(sample.multi[k], 0, sample.multi[k].length);
      }
    }

    byte level = sample.readyActivity;
    if (log != null) {
      int logUser = log.user(sample.userKey);
      long start = 0;
      int count = 0;
      long inWindow = 0;
      if (logUser >= 0) {
        start = log.firstBefore(logUser, sample.time);
        count = (int) Math.min(sequenceCap, log.end(logUser) - start);
        inWindow = log.firstBefore(logUser, sample.time - windowSeconds) - start;
      }
      sequenceStart.putLong(start);
      sequenceCount.putInt(count);
      if (config.data().activity().column() == null) {
        level = ActivityLevels.level(inWindow);
      }
    }
    userKeys.add(sample.userKey);
    times.add(sample.time);
    scenarios.add((byte) sample.scenario);
    activity.add(level);
  }

  /** Samples appended so far. */
  int samples() {
    return times.size();
  }

  long[] userKeys() {
    return userKeys.array();
  }

  long[] times() {
    return times.array();
  }

  byte[] scenarios() {
    return scenarios.array();
  }

  /** The activity levels found so far: from the log or the activity column, else all 0. */
  byte[] activity() {
    return activity.array();
  }

  /** Positive labels per scenario and task, {@code [scenarios][tasks]}. */
  long[][] positives() {
    return positives;
  }

  @Override
  public void close() throws IOException {
    scenario.close();
    user.close();
    item.close();
    time.close();
    for (int t = 0; t < labels.length; t++) {
      labels[t].close();
      oracles[t].close();
    }
    for (ColumnWriter column : featureColumns) {
      column.close();
    }
    if (sequenceStart != null) {
      sequenceStart.close();
      sequenceCount.close();
    }
  }
}
