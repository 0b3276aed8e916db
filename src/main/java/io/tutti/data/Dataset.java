package io.tutti.data;

import io.tutti.common.TuttiException;
import io.tutti.config.FeatureConfig;
import io.tutti.config.FeatureType;
import io.tutti.config.TuttiConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * A compiled dataset, memory-mapped: the samples of every scenario, split into train, validation
 * and test, streamed as {@link Batch}es without parsing again.
 *
 * <p>Opened by {@link Datasets}; closing drops the mappings. Thread-safe for concurrent streams:
 * the columns are read-only and each {@link BatchStream} keeps its own position.
 */
public final class Dataset implements AutoCloseable {
  private final Path directory;
  private final TuttiConfig config;
  private final Manifest manifest;
  private final FeatureEncoder encoder;
  private final long samples;

  final ColumnFile scenario;
  final ColumnFile userKey;
  final ColumnFile itemKey;
  final ColumnFile time;
  final ColumnFile activity;
  final ColumnFile[] labels;
  final ColumnFile[] oracles;
  final ColumnFile[] features;
  final ColumnFile sequenceStart;
  final ColumnFile sequenceCount;
  final ColumnFile[] events;
  final ColumnFile[] splits;

  private Dataset(Path directory, TuttiConfig config, Manifest manifest) {
    this.directory = directory;
    this.config = config;
    this.manifest = manifest;
    this.samples = manifest.provenance().samples();
    this.encoder = FeatureEncoder.load(directory.resolve(ColumnNames.ENCODER), config);
    scenario = ColumnFile.map(directory.resolve(ColumnNames.SCENARIO), 1, samples);
    userKey = ColumnFile.map(directory.resolve(ColumnNames.USER), 8, samples);
    itemKey = ColumnFile.map(directory.resolve(ColumnNames.ITEM), 8, samples);
    time = ColumnFile.map(directory.resolve(ColumnNames.TIME), 8, samples);
    activity = ColumnFile.map(directory.resolve(ColumnNames.ACTIVITY), 1, samples);
    int tasks = config.tasks().size();
    labels = new ColumnFile[tasks];
    oracles = new ColumnFile[tasks];
    for (int t = 0; t < tasks; t++) {
      labels[t] = ColumnFile.map(directory.resolve(ColumnNames.label(t)), 1, samples);
      oracles[t] = ColumnFile.map(directory.resolve(ColumnNames.oracle(t)), 4, samples);
    }
    List<FeatureConfig> all = config.allFeatures();
    features = new ColumnFile[all.size()];
    for (int k = 0; k < all.size(); k++) {
      FeatureConfig feature = all.get(k);
      long values =
          feature.type() == FeatureType.MULTI_CATEGORICAL ? samples * feature.maxValues() : samples;
      features[k] = ColumnFile.map(directory.resolve(ColumnNames.feature(k, feature)), 4, values);
    }
    if (config.sequences().isEmpty()) {
      sequenceStart = null;
      sequenceCount = null;
      events = new ColumnFile[0];
    } else {
      sequenceStart = ColumnFile.map(directory.resolve(ColumnNames.SEQUENCE_START), 8, samples);
      sequenceCount = ColumnFile.map(directory.resolve(ColumnNames.SEQUENCE_COUNT), 4, samples);
      long eventCount = manifest.provenance().behaviourEvents();
      events = new ColumnFile[config.sequences().size()];
      for (int q = 0; q < events.length; q++) {
        events[q] = ColumnFile.map(directory.resolve(ColumnNames.events(q)), 4, eventCount);
      }
    }
    splits = new ColumnFile[Split.values().length];
    for (Split split : Split.values()) {
      long size = manifest.provenance().splits().getOrDefault(split.id(), 0L);
      splits[split.ordinal()] =
          ColumnFile.map(directory.resolve(ColumnNames.split(split)), 8, size);
    }
  }

  /**
   * Opens the compiled dataset in {@code directory} for {@code config}; refuses a dataset of
   * another format version, or one compiled from a configuration with other data, tasks, scenarios,
   * features or sequences.
   */
  static Dataset open(Path directory, TuttiConfig config) {
    if (!Manifest.isCompiled(directory)) {
      throw new TuttiException(
          directory + " is not a compiled dataset: it has no " + Manifest.FILE_NAME + ".");
    }
    Manifest manifest = Manifest.read(directory);
    String digest = ConfigDigest.of(config);
    if (!digest.equals(manifest.provenance().configDigest())) {
      throw new TuttiException(
          "Compiled dataset "
              + directory
              + " was compiled from another configuration of data, tasks, scenarios, features or"
              + " sequences (config '"
              + manifest.provenance().configName()
              + "', digest "
              + manifest.provenance().configDigest().substring(0, 12)
              + "; this config has "
              + digest.substring(0, 12)
              + "); compile it again with tutti data compile, or pass the raw files.");
    }
    return new Dataset(directory, config, manifest);
  }

  /** The configuration the dataset was opened with. */
  public TuttiConfig config() {
    return config;
  }

  /** The compiled dataset's directory. */
  public Path directory() {
    return directory;
  }

  /** Samples in every split. */
  public long size() {
    return samples;
  }

  /** Samples in one split. */
  public long size(Split split) {
    return splits[split.ordinal()].elements();
  }

  /** Samples of one scenario (index in config order) in one split. */
  public long size(Split split, int scenarioIndex) {
    String id = config.scenarios().get(scenarioIndex).id();
    return manifest.description().scenarios().get(id).splits().getOrDefault(split.id(), 0L);
  }

  /** A batch with room for {@code capacity} samples in this dataset's layout. */
  public Batch newBatch(int capacity) {
    return encoder.newBatch(capacity);
  }

  /** A new stream over one split. */
  public BatchStream stream(Split split, StreamOptions options) {
    return new BatchStream(this, split, options);
  }

  /**
   * This dataset read through another encoder of the same configuration, e.g. a model's: numeric
   * features are then normalised with that encoder's statistics instead of this dataset's own, as
   * scoring new data with a trained model needs. The columns are shared, nothing is copied.
   */
  public Dataset withEncoder(FeatureEncoder other) {
    if (!other.configDigest().equals(encoder.configDigest())) {
      throw new TuttiException(
          "The encoder given for dataset "
              + directory
              + " was fitted under another configuration of data, tasks, scenarios or features.");
    }
    return new Dataset(this, other);
  }

  private Dataset(Dataset source, FeatureEncoder encoder) {
    this.directory = source.directory;
    this.config = source.config;
    this.manifest = source.manifest;
    this.samples = source.samples;
    this.encoder = encoder;
    this.scenario = source.scenario;
    this.userKey = source.userKey;
    this.itemKey = source.itemKey;
    this.time = source.time;
    this.activity = source.activity;
    this.labels = source.labels;
    this.oracles = source.oracles;
    this.features = source.features;
    this.sequenceStart = source.sequenceStart;
    this.sequenceCount = source.sequenceCount;
    this.events = source.events;
    this.splits = source.splits;
  }

  /** The encoder fitted on this dataset's training split: save it beside a model. */
  public FeatureEncoder encoder() {
    return encoder;
  }

  /** Where the data came from; JSON-able. */
  public Provenance provenance() {
    return manifest.provenance();
  }

  /** Per-scenario counts, activity levels, splits, time range and rejects. */
  public DatasetDescription description() {
    return manifest.description();
  }

  /** The longest sequence stored per sample pointer. */
  int sequenceCap() {
    return manifest.sequenceCap();
  }

  @Override
  public void close() {
    // Mappings are released when the buffers are collected; nothing is held open.
  }

  @Override
  public String toString() {
    return "Dataset["
        + directory
        + ", "
        + samples
        + " samples, splits "
        + manifest.provenance().splits()
        + "]";
  }
}
