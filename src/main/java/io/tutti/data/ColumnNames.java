package io.tutti.data;

import io.tutti.config.FeatureConfig;
import io.tutti.config.FeatureType;

/**
 * File names of a compiled dataset's columns. Features, tasks and sequences are named by their
 * position in the configuration, which the config digest pins, so that any feature name is safe.
 */
final class ColumnNames {
  static final String SCENARIO = "scenario.u8";
  static final String USER = "user_key.i64";
  static final String ITEM = "item_key.i64";
  static final String TIME = "time.i64";
  static final String ACTIVITY = "activity.u8";
  static final String SEQUENCE_START = "sequence_start.i64";
  static final String SEQUENCE_COUNT = "sequence_count.i32";
  static final String ENCODER = "encoder.json";
  static final String REJECTS = "rejects.jsonl";

  private ColumnNames() {}

  /** Task {@code t}'s labels: 0, 1 or {@link FeatureEncoder#LABEL_ABSENT}, one byte each. */
  static String label(int task) {
    return "label_" + task + ".u8";
  }

  /** Task {@code t}'s oracle probabilities, NaN where unknown. */
  static String oracle(int task) {
    return "oracle_" + task + ".f32";
  }

  /**
   * Feature {@code k} of {@code config.allFeatures()}: int indices (multi-valued ones {@code
   * maxValues} per sample) or transformed, unnormalised floats.
   */
  static String feature(int k, FeatureConfig feature) {
    return "feature_" + k + (feature.type() == FeatureType.NUMERIC ? ".f32" : ".i32");
  }

  /** Sequence {@code q}'s encoded behaviour values, in log order. */
  static String events(int sequence) {
    return "events_" + sequence + ".i32";
  }

  /** The sample numbers of a split, in sample order. */
  static String split(Split split) {
    return "split_" + split.id() + ".i64";
  }
}
