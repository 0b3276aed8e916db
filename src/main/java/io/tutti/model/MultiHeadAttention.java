package io.tutti.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;

/**
 * Scaled dot-product attention with several heads and a key mask.
 *
 * <pre>
 *   queries  [batch, Lq, dq]     keys [batch, Lk, dk]     keyMask [batch, Lk]  (1 valid, 0 pad)
 *   Q = queries Wq, K = keys Wk, V = keys Wv               [batch, L, heads * headWidth]
 *   per head h: weights_h = softmax(Q_h K_h^T / sqrt(headWidth) - 1e9 (1 - mask))
 *   output  = concat_h(weights_h V_h) Wo                   [batch, Lq, out]
 * </pre>
 *
 * <p>The heads are computed as rows of one product, {@code [batch, Lq * heads, Lk]} scores, row (l,
 * h) being query l with the columns of the other heads zeroed (see {@link #attend}).
 *
 * <p>A padded key gets a weight of exactly 0, so its id changes nothing; a row without any valid
 * key attends to nothing (its attended values are multiplied by 0, so the output is the output
 * projection's bias alone and no gradient reaches its keys), which keeps a user without history
 * finite. Cost: {@code batch * heads * Lq * Lk * heads * headWidth} multiply-adds for the scores
 * and as many for the values (the zeroed columns are multiplied too), plus the projections.
 */
final class MultiHeadAttention {
  private final Layers layers;
  private final String name;
  private final int heads;
  private final int headWidth;

  /**
   * @param heads {@code model.attention_heads}
   * @param width the total width of the heads; each head gets {@code ceil(width / heads)}
   */
  MultiHeadAttention(Layers layers, String name, int heads, int width) {
    this.layers = layers;
    this.name = name;
    this.heads = heads;
    this.headWidth = (width + heads - 1) / heads;
  }

  /** Attends from {@code queries} over {@code keys}; see the class doc for the shapes. */
  Operand<TFloat32> attend(
      Operand<TFloat32> queries,
      long queryLength,
      long queryWidth,
      Operand<TFloat32> keys,
      long keyLength,
      long keyWidth,
      Operand<TFloat32> keyMask,
      long outWidth) {
    Ops tf = layers.tf;
    long inner = (long) heads * headWidth;

    Operand<TFloat32> k = layers.denseSequence(name + "/key", keys, keyLength, keyWidth, inner);
    Operand<TFloat32> v = layers.denseSequence(name + "/value", keys, keyLength, keyWidth, inner);

    // The heads as rows, [batch, Lq * heads, inner]: row (l, h) holds query l projected with
    // every column outside head h zeroed, so one product with the keys' full width gives every
    // head's scores. Twice the multiply-adds of a product per head (at 2 heads), but half as many
    // products, each twice as large, and no transposes: TensorFlow's batched product is bound by
    // its per-product overhead at a head width of 8. The zeroing and the score scale are folded
    // into the projection's weights, [dq, heads * inner]: one product makes every head's rows.
    float[] scaledColumns = headColumns(inner, 1 / Math.sqrt(headWidth));
    Operand<TFloat32> queryWeights =
        tf.math.mul(
            tf.tile(
                layers.parameters.matrix(name + "/query/w", queryWidth, inner),
                tf.constant(new int[] {1, heads})),
            tf.constant(new float[][] {scaledColumns}));
    Operand<TFloat32> queryBias =
        tf.math.mul(
            tf.tile(
                layers.parameters.bias(name + "/query/b", inner), tf.constant(new int[] {heads})),
            tf.constant(scaledColumns));
    Operand<TFloat32> headQueries =
        tf.reshape(
            tf.math.add(
                tf.linalg.matMul(
                    tf.reshape(queries, tf.constant(new long[] {-1, queryWidth})), queryWeights),
                queryBias),
            tf.constant(new long[] {-1, heads * queryLength, inner}));

    // Scores [batch, Lq * heads, Lk]; padded keys pushed to -1e9, whose exponential is exactly 0
    // in float.
    Operand<TFloat32> scores =
        tf.train.batchMatMul(headQueries, k, TFloat32.class, BatchMatMul.adjY(true));
    Operand<TFloat32> mask = tf.reshape(keyMask, tf.constant(new long[] {-1, 1, keyLength}));
    Operand<TFloat32> penalty = tf.math.mul(tf.math.sub(mask, tf.constant(1f)), tf.constant(1e9f));
    Operand<TFloat32> weights = tf.nn.softmax(tf.math.add(scores, penalty));

    // Row (l, h) keeps head h's columns of its attended values: the output projection's weights
    // stacked once per head with the other heads' rows zeroed, [heads * inner, out], do that and
    // the concatenation of the heads in one product.
    Operand<TFloat32> attended = tf.train.batchMatMul(weights, v, TFloat32.class);
    float[] ownRows = headColumns(inner, 1);
    float[][] ownRowColumn = new float[ownRows.length][1];
    for (int i = 0; i < ownRows.length; i++) {
      ownRowColumn[i][0] = ownRows[i];
    }
    Operand<TFloat32> outputWeights =
        tf.math.mul(
            tf.tile(
                layers.parameters.matrix(name + "/output/w", inner, outWidth),
                tf.constant(new int[] {heads, 1})),
            tf.constant(ownRowColumn));
    Operand<TFloat32> projected =
        tf.linalg.matMul(
            tf.reshape(attended, tf.constant(new long[] {-1, heads * inner})), outputWeights);

    // A row without any valid key would spread its weight over padding: it keeps the bias alone
    // instead, by a two-dimensional product ([batch, Lq * out] by [batch, 1]): TensorFlow's
    // four-dimensional broadcasting was measured to cost more than the attention itself.
    Operand<TFloat32> anyValid =
        tf.reshape(tf.max(keyMask, tf.constant(1)), tf.constant(new long[] {-1, 1}));
    Operand<TFloat32> zeroed =
        tf.math.mul(
            tf.reshape(projected, tf.constant(new long[] {-1, queryLength * outWidth})), anyValid);
    return tf.math.add(
        tf.reshape(zeroed, tf.constant(new long[] {-1, queryLength, outWidth})),
        layers.parameters.bias(name + "/output/b", outWidth));
  }

  /** {@code [heads * inner]}: in block h, {@code value} in head h's columns and 0 elsewhere. */
  private float[] headColumns(long inner, double value) {
    float[] columns = new float[Math.toIntExact(heads * inner)];
    for (int h = 0; h < heads; h++) {
      for (int c = h * headWidth; c < (h + 1) * headWidth; c++) {
        columns[Math.toIntExact(h * inner + c)] = (float) value;
      }
    }
    return columns;
  }
}
