package io.tutti.data;

import io.tutti.config.TuttiConfig;

/**
 * A batch of samples in the flat, row-major layout that the model turns into tensors.
 *
 * <p>Feature order comes from the configuration: the public features in the order user, item,
 * context, each group in declaration order, split by type into {@link #categorical}, {@link
 * #numeric} and {@link #multiCategorical}; each scenario's private features likewise in its own
 * arrays. Tasks are in the order of the configuration's {@code tasks} list, sequences in the order
 * of its {@code sequences} list, scenarios in the order of its {@code scenarios} list.
 *
 * <p>A small batch of two samples, one of scenario 0 (tasks play and like) and one of scenario 1
 * (task click), with tasks [play, like, click]:
 *
 * <pre>
 *   scenario  = [0, 1]
 *   labels    = [1, 0, 0,    0, 0, 1]     [batch, tasks]
 *   labelMask = [1, 1, 0,    0, 0, 1]     click is not a task of scenario 0, and so on
 * </pre>
 *
 * <p>Arrays may be longer than needed when a batch object is reused: only the first {@link #size}
 * rows are valid.
 */
public final class Batch {
  /** Rows in use. */
  public int size;

  /** Scenario index per sample, {@code [batch]}. */
  public int[] scenario;

  /** Public categorical features, {@code [batch, categoricalFeatures]}; 0 means missing. */
  public int[] categorical;

  /** Public numeric features after normalisation, {@code [batch, numericFeatures]}. */
  public float[] numeric;

  /**
   * Public multi-valued features, one array per feature, {@code [batch, maxValues]}, the values
   * first and 0 as padding.
   */
  public int[][] multiCategorical;

  /**
   * Private categorical features per scenario: {@code privateCategorical[s]} is {@code [batch,
   * privateCategoricalFeatures(s)]}, zero on rows of other scenarios.
   */
  public int[][] privateCategorical;

  /** Private numeric features per scenario, normalised, zero on rows of other scenarios. */
  public float[][] privateNumeric;

  /**
   * Private multi-valued features per scenario: {@code privateMultiCategorical[s][f]} is {@code
   * [batch, maxValues]} for the {@code f}-th multi-valued private feature of scenario {@code s},
   * values first and 0 as padding, zero on rows of other scenarios.
   */
  public int[][][] privateMultiCategorical;

  /**
   * Behaviour sequences, one array per configured sequence, {@code [batch, maxLength]}: the most
   * recent event first, 0 as padding after the last event. Invariant kept by every writer (a {@link
   * BatchStream} relies on it to clear only what it must): every value at or past a row's {@link
   * #sequenceLengths} is 0; a consumer must not write into these arrays.
   */
  public int[][] sequences;

  /** Events present per sample and sequence: {@code sequenceLengths[q]} is {@code [batch]}. */
  public int[][] sequenceLengths;

  /** Labels, {@code [batch, tasks]}: 0 or 1, and 0 where the label is absent. */
  public float[] labels;

  /**
   * The task mask, {@code [batch, tasks]}: 1 where the task belongs to the sample's scenario and
   * its label is present, else 0. A pair with mask 0 carries no loss and no gradient.
   */
  public float[] labelMask;

  /** The simulator's true probabilities, {@code [batch, tasks]}; NaN where unknown. */
  public float[] oracle;

  /** Per-sample loss weight, {@code [batch]}; 1 unless sampling asks otherwise. */
  public float[] weight;

  /** Activity level 0-10 per sample, {@code [batch]}. */
  public byte[] activity;

  /** Stable 64-bit key of the raw user id, {@code [batch]}: groups samples by user. */
  public long[] userKey;

  /** Stable 64-bit key of the raw item id, {@code [batch]}. */
  public long[] itemKey;

  /** Sample time in epoch seconds, {@code [batch]}; the row order when the data has none. */
  public long[] timestamp;

  /** Position of the sample in its dataset, {@code [batch]}: joins predictions back. */
  public long[] sampleIndex;

  /**
   * A batch in the layout of {@code config} with room for {@code capacity} rows, every array
   * allocated and zero: for a config without a dataset of its own, such as one scenario's slice.
   */
  public static Batch allocate(TuttiConfig config, int capacity) {
    return new BatchLayout(config).allocate(capacity);
  }
}
