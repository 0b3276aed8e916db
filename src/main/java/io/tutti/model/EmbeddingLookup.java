package io.tutti.model;

import io.tutti.config.FeatureConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The embedding lookups of one pass, gathered once per stacked table.
 *
 * <p>Model parts first {@link #request} the ids they need; {@link #resolve} then, for each width,
 * concatenates every request's ids (shifted to the feature's table offset), takes their unique ids,
 * gathers those rows once, and hands each request its rows back. The training step asks for the
 * loss's gradient with respect to the gathered unique rows ({@link Gathered#rows}), never the whole
 * table, and applies it with a sparse update indexed by the unique ids: duplicates are summed by
 * the gather's gradient, so the update is exact and deterministic.
 */
final class EmbeddingLookup {

  /** One part's ids, {@code [batch, length]}, of one feature. */
  static final class Request {
    final FeatureConfig feature;
    final Operand<TInt32> ids;
    final long length;
    final int width;
    Operand<TFloat32> embeddings;

    private Request(FeatureConfig feature, Operand<TInt32> ids, long length, int width) {
      this.feature = feature;
      this.ids = ids;
      this.length = length;
      this.width = width;
    }

    /**
     * One row per sample, {@code [batch, width]}: a categorical feature's embedding, or a
     * multi-valued one's mean over its values (id 0 is padding); after {@link #resolve}.
     */
    Operand<TFloat32> pooled(Layers layers) {
      Ops tf = layers.tf;
      if (feature.type() == io.tutti.config.FeatureType.CATEGORICAL) {
        return tf.reshape(embeddings(), tf.constant(new long[] {-1, width}));
      }
      Operand<TFloat32> present = layers.toFloat(tf.math.notEqual(ids, tf.constant(0)));
      return layers.weightedMean(embeddings(), present);
    }

    /** The looked-up rows, {@code [batch, length, width]}; after {@link #resolve}. */
    Operand<TFloat32> embeddings() {
      if (embeddings == null) {
        throw new IllegalStateException("embeddings read before the lookup was resolved");
      }
      return embeddings;
    }
  }

  /**
   * The rows one stacked table gave this pass.
   *
   * @param table the stacked variable
   * @param uniqueIds {@code [unique]}: the rows looked up, each once
   * @param rows {@code [unique, width]}: their values, the tensor gradients are taken against
   */
  record Gathered(
      String variableName,
      Variable<TFloat32> table,
      Operand<TInt32> uniqueIds,
      Operand<TFloat32> rows) {}

  private final Layers layers;
  private final EmbeddingTables tables;
  private final Map<Integer, List<Request>> requestsByWidth = new LinkedHashMap<>();
  private final List<Gathered> gathered = new ArrayList<>();

  EmbeddingLookup(Layers layers, EmbeddingTables tables) {
    this.layers = layers;
    this.tables = tables;
  }

  /** Asks for the embeddings of {@code ids}, {@code [batch, length]}, ids of {@code feature}. */
  Request request(FeatureConfig feature, Operand<TInt32> ids, long length) {
    Request request = new Request(feature, ids, length, tables.width(feature));
    requestsByWidth.computeIfAbsent(request.width, w -> new ArrayList<>()).add(request);
    return request;
  }

  /** The width of {@code feature}'s embedding. */
  int width(FeatureConfig feature) {
    return tables.width(feature);
  }

  /** Gathers every requested row: one unique and one gather per width. */
  void resolve() {
    Ops tf = layers.tf;
    for (EmbeddingTables.Group group : tables.groups()) {
      List<Request> requests = requestsByWidth.get(group.width());
      if (requests == null) {
        continue;
      }
      Variable<TFloat32> table =
          layers.parameters.get(
              group.variableName(),
              Parameters.Init.SMALL_NORMAL,
              Parameters.Kind.TABLE,
              group.rows(),
              group.width());

      // Every request's ids side by side, [batch, total], shifted to their table's rows.
      List<Operand<TInt32>> shifted = new ArrayList<>();
      long total = 0;
      for (Request request : requests) {
        shifted.add(tf.math.add(request.ids, tf.constant(tables.offset(request.feature))));
        total += request.length;
      }
      Operand<TInt32> all =
          shifted.size() == 1 ? shifted.get(0) : tf.concat(shifted, tf.constant(1));
      var unique =
          tf.unique(tf.reshape(all, tf.constant(new int[] {-1})), tf.constant(new int[] {0}));
      Operand<TFloat32> rows = tf.gather(table, unique.y(), tf.constant(0));
      Operand<TInt32> positions = tf.reshape(unique.idx(), tf.constant(new long[] {-1, total}));
      gathered.add(new Gathered(group.variableName(), table, unique.y(), rows));

      // One gather for every request, split back by columns: the gradient of a split is one
      // concatenation, so the rows' gradient is a single segment sum. A gather per request cost a
      // segment sum into all unique rows per request, then their sum (measured 11 ms per step at
      // long 200, about 400k ids, 145k unique).
      Operand<TFloat32> looked = tf.gather(rows, positions, tf.constant(0));
      if (requests.size() == 1) {
        requests.get(0).embeddings = looked;
        continue;
      }
      int[] lengths = new int[requests.size()];
      for (int i = 0; i < lengths.length; i++) {
        lengths[i] = Math.toIntExact(requests.get(i).length);
      }
      List<org.tensorflow.Output<TFloat32>> parts =
          tf.splitV(looked, tf.constant(lengths), tf.constant(1), (long) lengths.length).output();
      for (int i = 0; i < lengths.length; i++) {
        requests.get(i).embeddings = parts.get(i);
      }
    }
  }

  /** The rows gathered per stacked table; after {@link #resolve}. */
  List<Gathered> gathered() {
    return List.copyOf(gathered);
  }
}
