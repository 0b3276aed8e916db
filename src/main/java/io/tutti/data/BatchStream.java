package io.tutti.data;

import io.tutti.common.TuttiException;
import io.tutti.config.FeatureConfig;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over one split of a {@link Dataset}, batch by batch, read straight from the mapped
 * columns: no parsing, no per-sample objects.
 *
 * <p>Sequences are cut here, at batch time: a sample stores where its user's events strictly before
 * its time begin in the newest-first behaviour log and how many there are, and each configured
 * sequence takes the first {@code maxLength} of them with one bulk copy, the most recent first, 0
 * as padding. Sampling and shuffling follow {@link StreamOptions}.
 *
 * <p>Not thread-safe: one stream per thread (a dataset serves any number of streams).
 */
public final class BatchStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchStream.class);

  private final Dataset dataset;
  private final Split split;
  private final StreamOptions options;
  private final BatchLayout layout;
  private final SampleOrder order;
  private final ColumnFile index;
  private final double[] rates;
  private final long limit;

  private final ColumnFile[] categorical;
  private final ColumnFile[] numeric;
  private final Normalizer[] numericNormalizers;
  private final ColumnFile[] multi;
  private final int[] multiWidth;
  private final ColumnFile[][] privateCategorical;
  private final ColumnFile[][] privateNumeric;
  private final Normalizer[][] privateNormalizers;
  private final ColumnFile[][] privateMulti;
  private final int[][] privateMultiWidth;

  private long emitted;
  private long batches;

  // The batch being filled: its samples and their loss weights, reused from batch to batch.
  private long[] samples = new long[0];
  private float[] weights = new float[0];

  BatchStream(Dataset dataset, Split split, StreamOptions options) {
    this.dataset = dataset;
    this.split = split;
    this.options = options;
    this.layout = dataset.encoder().layout();
    this.index = dataset.splits[split.ordinal()];
    this.order =
        new SampleOrder(index.elements(), options.shuffle(), options.seed(), options.epoch());
    this.rates = options.samplingRates();
    if (rates != null && rates.length != layout.scenarios) {
      throw new TuttiException(
          "Stream sampling rates have "
              + rates.length
              + " entries, one per scenario is needed ("
              + layout.scenarios
              + ").");
    }
    this.limit = options.maxSamples() > 0 ? options.maxSamples() : Long.MAX_VALUE;

    List<FeatureConfig> all = dataset.config().allFeatures();
    FeatureEncoder encoder = dataset.encoder();
    categorical = columns(all, layout.publicCategorical);
    numeric = columns(all, layout.publicNumeric);
    numericNormalizers = normalizers(encoder, layout.publicNumeric);
    multi = columns(all, layout.publicMulti);
    multiWidth = layout.publicMulti.stream().mapToInt(FeatureConfig::maxValues).toArray();
    int scenarios = layout.scenarios;
    privateCategorical = new ColumnFile[scenarios][];
    privateNumeric = new ColumnFile[scenarios][];
    privateNormalizers = new Normalizer[scenarios][];
    privateMulti = new ColumnFile[scenarios][];
    privateMultiWidth = new int[scenarios][];
    for (int s = 0; s < scenarios; s++) {
      privateCategorical[s] = columns(all, layout.privateCategorical.get(s));
      privateNumeric[s] = columns(all, layout.privateNumeric.get(s));
      privateNormalizers[s] = normalizers(encoder, layout.privateNumeric.get(s));
      privateMulti[s] = columns(all, layout.privateMulti.get(s));
      privateMultiWidth[s] =
          layout.privateMulti.get(s).stream().mapToInt(FeatureConfig::maxValues).toArray();
    }
  }

  /**
   * Fills {@code batch} with the next samples, up to the smaller of its capacity and the batch
   * size, and sets {@link Batch#size}; false, with size 0, when the split is exhausted.
   */
  public boolean next(Batch batch) {
    int room = Math.min(BatchLayout.capacity(batch), options.batchSize());
    if (samples.length < room) {
      samples = new long[room];
      weights = new float[room];
    }
    int rows = 0;
    while (rows < room && emitted < limit) {
      long position = order.next();
      if (position < 0) {
        break;
      }
      long sample = index.getLong(position);
      float weight = sampledWeight(sample);
      if (weight == 0f) {
        continue;
      }
      samples[rows] = sample;
      weights[rows] = weight;
      rows++;
      emitted++;
    }
    fill(batch, rows);
    batch.size = rows;
    if (rows > 0) {
      batches++;
      LOG.debug("{} batch {}: {} samples", split.id(), batches, rows);
    }
    return rows > 0;
  }

  /** Samples emitted so far. */
  public long emitted() {
    return emitted;
  }

  /** The split this stream walks. */
  public Split split() {
    return split;
  }

  /** 0 to drop the sample, else its loss weight: 1, or 1/r for a sampled-in negative. */
  private float sampledWeight(long sample) {
    if (rates == null) {
      return 1f;
    }
    int scenario = dataset.scenario.getByte(sample);
    double rate = rates[scenario];
    if (rate >= 1) {
      return 1f;
    }
    for (ColumnFile label : dataset.labels) {
      if (label.getByte(sample) == 1) {
        return 1f;
      }
    }
    if (SampleOrder.uniform(options.seed(), options.epoch(), sample) < rate) {
      return (float) (1 / rate);
    }
    return 0f;
  }

  /**
   * Fills the first {@code rows} rows of {@code batch} with {@link #samples}, one column at a time.
   *
   * <p>Why by column: a shuffled batch reads each column at scattered places. Row by row, every
   * sample touches some thirty column files, and the pages in use at once outgrow the processor's
   * caches; column by column, the reads of one column stay within its shuffle window, a few hundred
   * KB, and hit the cache.
   */
  private void fill(Batch batch, int rows) {
    long[] at = samples;
    for (int r = 0; r < rows; r++) {
      batch.scenario[r] = dataset.scenario.getByte(at[r]);
      batch.weight[r] = weights[r];
      batch.sampleIndex[r] = at[r];
    }
    for (int r = 0; r < rows; r++) {
      batch.userKey[r] = dataset.userKey.getLong(at[r]);
    }
    for (int r = 0; r < rows; r++) {
      batch.itemKey[r] = dataset.itemKey.getLong(at[r]);
    }
    for (int r = 0; r < rows; r++) {
      batch.timestamp[r] = dataset.time.getLong(at[r]);
    }
    for (int r = 0; r < rows; r++) {
      batch.activity[r] = dataset.activity.getByte(at[r]);
    }

    int[] scenario = batch.scenario;
    fillFeatures(
        rows,
        -1,
        scenario,
        categorical,
        numeric,
        numericNormalizers,
        multi,
        multiWidth,
        batch.categorical,
        batch.numeric,
        batch.multiCategorical);
    for (int s = 0; s < layout.scenarios; s++) {
      fillFeatures(
          rows,
          s,
          scenario,
          privateCategorical[s],
          privateNumeric[s],
          privateNormalizers[s],
          privateMulti[s],
          privateMultiWidth[s],
          batch.privateCategorical[s],
          batch.privateNumeric[s],
          batch.privateMultiCategorical[s]);
    }

    int tasks = layout.tasks;
    for (int t = 0; t < tasks; t++) {
      ColumnFile labels = dataset.labels[t];
      for (int r = 0; r < rows; r++) {
        byte label = labels.getByte(at[r]);
        batch.labels[r * tasks + t] = label == 1 ? 1f : 0f;
        batch.labelMask[r * tasks + t] = label == FeatureEncoder.LABEL_ABSENT ? 0f : 1f;
      }
      ColumnFile oracles = dataset.oracles[t];
      for (int r = 0; r < rows; r++) {
        batch.oracle[r * tasks + t] = oracles.getFloat(at[r]);
      }
    }

    if (dataset.events.length > 0) {
      for (int r = 0; r < rows; r++) {
        fillSequences(batch, r, at[r]);
      }
    }
  }

  private void fillSequences(Batch batch, int row, long sample) {
    long start = dataset.sequenceStart.getLong(sample);
    int count = dataset.sequenceCount.getInt(sample);
    for (int q = 0; q < dataset.events.length; q++) {
      int maxLength = layout.sequenceLengths[q];
      int length = Math.min(count, maxLength);
      int[] to = batch.sequences[q];
      int offset = row * maxLength;
      dataset.events[q].getInts(start, to, offset, length);
      // Past a row's length every value is already 0 (Batch's invariant), so only what the
      // row's previous sample held beyond the new length needs clearing: a long sequence
      // mostly shorter than its maximum costs its events, not its maximum.
      int previous = batch.sequenceLengths[q][row];
      if (previous > length) {
        Arrays.fill(to, offset + length, offset + previous, 0);
      }
      batch.sequenceLengths[q][row] = length;
    }
  }

  /**
   * Gathers one group of features (the public ones, or one scenario's private ones) for the batch's
   * rows, column by column. With {@code owner} >= 0 only rows of that scenario read the columns;
   * the other rows get 0.
   */
  private void fillFeatures(
      int rows,
      int owner,
      int[] scenario,
      ColumnFile[] categorical,
      ColumnFile[] numeric,
      Normalizer[] normalizers,
      ColumnFile[] multi,
      int[] multiWidth,
      int[] categoricalOut,
      float[] numericOut,
      int[][] multiOut) {
    long[] at = samples;
    int width = categorical.length;
    for (int f = 0; f < width; f++) {
      ColumnFile column = categorical[f];
      for (int r = 0; r < rows; r++) {
        boolean read = owner < 0 || scenario[r] == owner;
        categoricalOut[r * width + f] = read ? column.getInt(at[r]) : 0;
      }
    }
    width = numeric.length;
    for (int f = 0; f < width; f++) {
      ColumnFile column = numeric[f];
      Normalizer normalizer = normalizers[f];
      for (int r = 0; r < rows; r++) {
        boolean read = owner < 0 || scenario[r] == owner;
        numericOut[r * width + f] = read ? normalizer.apply(column.getFloat(at[r])) : 0f;
      }
    }
    for (int f = 0; f < multi.length; f++) {
      int values = multiWidth[f];
      for (int r = 0; r < rows; r++) {
        if (owner < 0 || scenario[r] == owner) {
          multi[f].getInts(at[r] * values, multiOut[f], r * values, values);
        } else {
          Arrays.fill(multiOut[f], r * values, (r + 1) * values, 0);
        }
      }
    }
  }

  private ColumnFile[] columns(List<FeatureConfig> all, List<FeatureConfig> slots) {
    ColumnFile[] columns = new ColumnFile[slots.size()];
    for (int f = 0; f < slots.size(); f++) {
      columns[f] = dataset.features[all.indexOf(slots.get(f))];
    }
    return columns;
  }

  private static Normalizer[] normalizers(FeatureEncoder encoder, List<FeatureConfig> slots) {
    Normalizer[] normalizers = new Normalizer[slots.size()];
    for (int f = 0; f < slots.size(); f++) {
      normalizers[f] = encoder.normalizer(slots.get(f));
    }
    return normalizers;
  }

  @Override
  public void close() {
    // The columns belong to the dataset; a stream holds nothing of its own to release.
  }
}
