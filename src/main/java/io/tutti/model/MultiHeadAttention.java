package io.tutti.model;

import java.util.Collections;
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
 * <p>The heads are computed as row blocks of one product, {@code [batch, heads * Lq, Lk]} scores,
 * block h being the queries with the columns of the other heads zeroed (see {@link #attend}).
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

    Operand<TFloat32> q =
        layers.denseSequence(name + "/query", queries, queryLength, queryWidth, inner);
    Operand<TFloat32> k = layers.denseSequence(name + "/key", keys, keyLength, keyWidth, inner);
    Operand<TFloat32> v = layers.denseSequence(name + "/value", keys, keyLength, keyWidth, inner);

    // The heads as row blocks, [batch, heads * Lq, inner]: block h holds the queries with every
    // column outside head h zeroed, so one product with the keys' full width gives every head's
    // scores. Twice the multiply-adds of a product per head (at 2 heads), but half as many
    // products, each twice as large, and no transposes: TensorFlow's batched product is bound by
    // its per-product overhead at a head width of 8. The scale is folded into the mask.
    long blockLength = heads * queryLength;
    Operand<TFloat32> blocks =
        heads == 1 ? q : tf.concat(Collections.nCopies(heads, q), tf.constant(1));
    Operand<TFloat32> scaledBlocks =
        tf.reshape(
            tf.math.mul(
                tf.reshape(blocks, tf.constant(new long[] {-1, blockLength * inner})),
                tf.constant(
                    new float[][] {headColumns(queryLength, inner, 1 / Math.sqrt(headWidth))})),
            tf.constant(new long[] {-1, blockLength, inner}));

    // Scores [batch, heads * Lq, Lk]; padded keys pushed to -1e9, whose exponential is exactly 0
    // in float.
    Operand<TFloat32> scores =
        tf.train.batchMatMul(scaledBlocks, k, TFloat32.class, BatchMatMul.adjY(true));
    Operand<TFloat32> mask = tf.reshape(keyMask, tf.constant(new long[] {-1, 1, keyLength}));
    Operand<TFloat32> penalty = tf.math.mul(tf.math.sub(mask, tf.constant(1f)), tf.constant(1e9f));
    Operand<TFloat32> weights = tf.nn.softmax(tf.math.add(scores, penalty));

    // Each block keeps its own head's columns of the attended values; the blocks are then summed.
    // A row without any valid key would spread its weight over padding: it is zeroed instead, by
    // a two-dimensional product ([batch, n] by [batch, 1]): TensorFlow's four-dimensional
    // broadcasting was measured to cost more than the attention itself.
    Operand<TFloat32> attended = tf.train.batchMatMul(weights, v, TFloat32.class);
    Operand<TFloat32> anyValid =
        tf.reshape(tf.max(keyMask, tf.constant(1)), tf.constant(new long[] {-1, 1}));
    Operand<TFloat32> own =
        tf.math.mul(
            tf.reshape(attended, tf.constant(new long[] {-1, blockLength * inner})),
            heads == 1
                ? anyValid
                : tf.math.mul(
                    anyValid, tf.constant(new float[][] {headColumns(queryLength, inner, 1)})));
    Operand<TFloat32> merged =
        heads == 1
            ? tf.reshape(own, tf.constant(new long[] {-1, queryLength, inner}))
            : tf.sum(
                tf.reshape(own, tf.constant(new long[] {-1, heads, queryLength * inner})),
                tf.constant(1));
    return layers.denseSequence(
        name + "/output",
        tf.reshape(merged, tf.constant(new long[] {-1, queryLength, inner})),
        queryLength,
        inner,
        outWidth);
  }

  /**
   * {@code [heads * Lq * inner]}, flattened row blocks: in block h, {@code value} in head h's
   * columns and 0 elsewhere.
   */
  private float[] headColumns(long queryLength, long inner, double value) {
    float[] mask = new float[Math.toIntExact(heads * queryLength * inner)];
    for (int h = 0; h < heads; h++) {
      for (long row = 0; row < queryLength; row++) {
        long base = (h * queryLength + row) * inner;
        for (int c = h * headWidth; c < (h + 1) * headWidth; c++) {
          mask[Math.toIntExact(base + c)] = (float) value;
        }
      }
    }
    return mask;
  }
}
