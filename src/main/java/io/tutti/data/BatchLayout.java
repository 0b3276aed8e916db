package io.tutti.data;

import io.tutti.config.FeatureConfig;
import io.tutti.config.FeatureType;
import io.tutti.config.SequenceConfig;
import io.tutti.config.TuttiConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each feature, task and sequence of a configuration sits in a {@link Batch}: the orders
 * documented on {@code Batch}, computed once.
 */
final class BatchLayout {
  final TuttiConfig config;
  final List<FeatureConfig> publicCategorical;
  final List<FeatureConfig> publicNumeric;
  final List<FeatureConfig> publicMulti;
  final List<List<FeatureConfig>> privateCategorical = new ArrayList<>();
  final List<List<FeatureConfig>> privateNumeric = new ArrayList<>();
  final List<List<FeatureConfig>> privateMulti = new ArrayList<>();
  final int tasks;
  final int scenarios;
  final int[] sequenceLengths;

  BatchLayout(TuttiConfig config) {
    this.config = config;
    publicCategorical = config.publicFeatures(FeatureType.CATEGORICAL);
    publicNumeric = config.publicFeatures(FeatureType.NUMERIC);
    publicMulti = config.publicFeatures(FeatureType.MULTI_CATEGORICAL);
    scenarios = config.scenarios().size();
    for (int s = 0; s < scenarios; s++) {
      privateCategorical.add(config.privateFeatures(s, FeatureType.CATEGORICAL));
      privateNumeric.add(config.privateFeatures(s, FeatureType.NUMERIC));
      privateMulti.add(config.privateFeatures(s, FeatureType.MULTI_CATEGORICAL));
    }
    tasks = config.tasks().size();
    sequenceLengths = config.sequences().stream().mapToInt(SequenceConfig::maxLength).toArray();
  }

  /** A batch with room for {@code capacity} samples, every array allocated and zero. */
  Batch allocate(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("batch capacity " + capacity + " is not above 0");
    }
    Batch batch = new Batch();
    batch.scenario = new int[capacity];
    batch.categorical = new int[capacity * publicCategorical.size()];
    batch.numeric = new float[capacity * publicNumeric.size()];
    batch.multiCategorical = new int[publicMulti.size()][];
    for (int f = 0; f < publicMulti.size(); f++) {
      batch.multiCategorical[f] = new int[capacity * publicMulti.get(f).maxValues()];
    }
    batch.privateCategorical = new int[scenarios][];
    batch.privateNumeric = new float[scenarios][];
    batch.privateMultiCategorical = new int[scenarios][][];
    for (int s = 0; s < scenarios; s++) {
      batch.privateCategorical[s] = new int[capacity * privateCategorical.get(s).size()];
      batch.privateNumeric[s] = new float[capacity * privateNumeric.get(s).size()];
      List<FeatureConfig> multi = privateMulti.get(s);
      batch.privateMultiCategorical[s] = new int[multi.size()][];
      for (int f = 0; f < multi.size(); f++) {
        batch.privateMultiCategorical[s][f] = new int[capacity * multi.get(f).maxValues()];
      }
    }
    batch.sequences = new int[sequenceLengths.length][];
    batch.sequenceLengths = new int[sequenceLengths.length][];
    for (int q = 0; q < sequenceLengths.length; q++) {
      batch.sequences[q] = new int[capacity * sequenceLengths[q]];
      batch.sequenceLengths[q] = new int[capacity];
    }
    batch.labels = new float[capacity * tasks];
    batch.labelMask = new float[capacity * tasks];
    batch.oracle = new float[capacity * tasks];
    batch.weight = new float[capacity];
    batch.activity = new byte[capacity];
    batch.userKey = new long[capacity];
    batch.itemKey = new long[capacity];
    batch.timestamp = new long[capacity];
    batch.sampleIndex = new long[capacity];
    return batch;
  }

  /** Rows a batch has room for: the length of its per-sample arrays. */
  static int capacity(Batch batch) {
    return batch.scenario.length;
  }
}
