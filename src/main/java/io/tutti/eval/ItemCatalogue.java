package io.tutti.eval;

import io.tutti.config.FeatureConfig;
import io.tutti.config.FeatureType;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import io.tutti.data.BatchStream;
import io.tutti.data.Dataset;
import io.tutti.data.Split;
import io.tutti.data.StreamOptions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The encoded attributes of every item seen in a dataset, per scenario: what a model is given about
 * a candidate that it ranks in a simulated request.
 *
 * <p>An item's attributes are its public item features (the {@code features.item} group) and those
 * of its scenario's private features that never change between two samples of the same item
 * anywhere in the data (a playlist's cover or size, say); the other private features describe the
 * moment (a list position, a device) and stay as the request's own sample has them. Known
 * shortcoming: a private feature seen once per item cannot be told apart from a moment's, so it is
 * taken as the item's; on the simulated data every playlist is shown many times.
 */
final class ItemCatalogue {
  private final int[] categoricalColumns;
  private final int[] numericColumns;
  private final int[] multiColumns;
  private final int categoricalWidth;
  private final int numericWidth;
  private final int[] privateCategoricalWidth;
  private final int[] privateNumericWidth;
  private final boolean[][] privateCategoricalVaries;
  private final boolean[][] privateNumericVaries;
  private final List<Map<Long, Attributes>> byScenario;

  /** One item's encoded attributes as one scenario's samples show them. */
  private record Attributes(
      int[] categorical,
      float[] numeric,
      int[][] multi,
      int[] privateCategorical,
      float[] privateNumeric) {}

  private ItemCatalogue(TuttiConfig config) {
    List<FeatureConfig> items = config.features().item();
    categoricalColumns = columns(config.publicFeatures(FeatureType.CATEGORICAL), items);
    numericColumns = columns(config.publicFeatures(FeatureType.NUMERIC), items);
    multiColumns = columns(config.publicFeatures(FeatureType.MULTI_CATEGORICAL), items);
    categoricalWidth = config.publicFeatures(FeatureType.CATEGORICAL).size();
    numericWidth = config.publicFeatures(FeatureType.NUMERIC).size();
    int scenarios = config.scenarios().size();
    privateCategoricalWidth = new int[scenarios];
    privateNumericWidth = new int[scenarios];
    privateCategoricalVaries = new boolean[scenarios][];
    privateNumericVaries = new boolean[scenarios][];
    for (int s = 0; s < scenarios; s++) {
      privateCategoricalWidth[s] = config.privateFeatures(s, FeatureType.CATEGORICAL).size();
      privateNumericWidth[s] = config.privateFeatures(s, FeatureType.NUMERIC).size();
      privateCategoricalVaries[s] = new boolean[privateCategoricalWidth[s]];
      privateNumericVaries[s] = new boolean[privateNumericWidth[s]];
    }
    byScenario = new java.util.ArrayList<>();
    for (int s = 0; s < scenarios; s++) {
      byScenario.add(new HashMap<>());
    }
  }

  /** Reads every split of {@code dataset} once. */
  static ItemCatalogue of(Dataset dataset) {
    ItemCatalogue catalogue = new ItemCatalogue(dataset.config());
    int batchSize = 1024;
    Batch batch = dataset.newBatch(batchSize);
    for (Split split : Split.values()) {
      try (BatchStream stream = dataset.stream(split, StreamOptions.sequential(batchSize))) {
        while (stream.next(batch)) {
          for (int row = 0; row < batch.size; row++) {
            catalogue.add(batch, row);
          }
        }
      }
    }
    return catalogue;
  }

  /** Whether {@code itemKey} was seen in scenario {@code scenario}. */
  boolean contains(int scenario, long itemKey) {
    return byScenario.get(scenario).containsKey(itemKey);
  }

  /** Items seen in {@code scenario}. */
  int size(int scenario) {
    return byScenario.get(scenario).size();
  }

  /**
   * Writes the attributes of {@code itemKey} (seen in {@code scenario}) over row {@code row} of
   * {@code batch}, whose other columns hold the request's sample.
   */
  void apply(int scenario, long itemKey, Batch batch, int row) {
    Attributes item = byScenario.get(scenario).get(itemKey);
    int rows = BatchRows.capacity(batch);
    batch.itemKey[row] = itemKey;
    for (int k = 0; k < categoricalColumns.length; k++) {
      batch.categorical[row * categoricalWidth + categoricalColumns[k]] = item.categorical[k];
    }
    for (int k = 0; k < numericColumns.length; k++) {
      batch.numeric[row * numericWidth + numericColumns[k]] = item.numeric[k];
    }
    for (int k = 0; k < multiColumns.length; k++) {
      int[] values = batch.multiCategorical[multiColumns[k]];
      int width = values.length / rows;
      System.arraycopy(item.multi[k], 0, values, row * width, width);
    }
    for (int f = 0; f < privateCategoricalWidth[scenario]; f++) {
      if (!privateCategoricalVaries[scenario][f]) {
        batch.privateCategorical[scenario][row * privateCategoricalWidth[scenario] + f] =
            item.privateCategorical[f];
      }
    }
    for (int f = 0; f < privateNumericWidth[scenario]; f++) {
      if (!privateNumericVaries[scenario][f]) {
        batch.privateNumeric[scenario][row * privateNumericWidth[scenario] + f] =
            item.privateNumeric[f];
      }
    }
  }

  private void add(Batch batch, int row) {
    int s = batch.scenario[row];
    Attributes seen = byScenario.get(s).get(batch.itemKey[row]);
    int[] privateCategorical =
        Arrays.copyOfRange(
            batch.privateCategorical[s],
            row * privateCategoricalWidth[s],
            (row + 1) * privateCategoricalWidth[s]);
    float[] privateNumeric =
        Arrays.copyOfRange(
            batch.privateNumeric[s],
            row * privateNumericWidth[s],
            (row + 1) * privateNumericWidth[s]);
    if (seen != null) {
      // A private value that differs between two samples of one item belongs to the moment.
      for (int f = 0; f < privateCategorical.length; f++) {
        privateCategoricalVaries[s][f] |= privateCategorical[f] != seen.privateCategorical[f];
      }
      for (int f = 0; f < privateNumeric.length; f++) {
        privateNumericVaries[s][f] |= Float.compare(privateNumeric[f], seen.privateNumeric[f]) != 0;
      }
      return;
    }
    int rows = BatchRows.capacity(batch);
    int[] categorical = new int[categoricalColumns.length];
    for (int k = 0; k < categoricalColumns.length; k++) {
      categorical[k] = batch.categorical[row * categoricalWidth + categoricalColumns[k]];
    }
    float[] numeric = new float[numericColumns.length];
    for (int k = 0; k < numericColumns.length; k++) {
      numeric[k] = batch.numeric[row * numericWidth + numericColumns[k]];
    }
    int[][] multi = new int[multiColumns.length][];
    for (int k = 0; k < multiColumns.length; k++) {
      int[] values = batch.multiCategorical[multiColumns[k]];
      int width = values.length / rows;
      multi[k] = Arrays.copyOfRange(values, row * width, (row + 1) * width);
    }
    byScenario
        .get(s)
        .put(
            batch.itemKey[row],
            new Attributes(categorical, numeric, multi, privateCategorical, privateNumeric));
  }

  /** Positions within {@code all} of the features of {@code group}. */
  private static int[] columns(List<FeatureConfig> all, List<FeatureConfig> group) {
    return java.util.stream.IntStream.range(0, all.size())
        .filter(i -> group.contains(all.get(i)))
        .toArray();
  }
}
