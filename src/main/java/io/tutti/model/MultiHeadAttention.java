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
 *   Q = queries Wq, K = keys Wk, V = keys Wv               [batch, heads, L, headWidth]
 *   weights = softmax(Q K^T / sqrt(headWidth) - 1e9 (1 - mask))
 *   output  = concat_heads(weights V) Wo                   [batch, Lq, out]
 * </pre>
 *
 * <p>A padded key gets a weight of exactly 0, so its id changes nothing; a row without any valid
 * key attends to nothing (its attended values are multiplied by 0, so the output is the output
 * projection's bias alone and no gradient reaches its keys), which keeps a user without history
 * finite. Cost: {@code batch * heads * Lq * Lk * headWidth} multiply-adds for the scores and as
 * many for the values, plus the projections.
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
        splitHeads(
            layers.denseSequence(name + "/query", queries, queryLength, queryWidth, inner),
            queryLength);
    Operand<TFloat32> k =
        splitHeads(
            layers.denseSequence(name + "/key", keys, keyLength, keyWidth, inner), keyLength);
    Operand<TFloat32> v =
        splitHeads(
            layers.denseSequence(name + "/value", keys, keyLength, keyWidth, inner), keyLength);

    // Scores [batch, heads, Lq, Lk], the scale folded into the smaller queries; padded keys
    // pushed to -1e9, whose exponential is exactly 0 in float.
    Operand<TFloat32> scaled = tf.math.mul(q, tf.constant((float) (1 / Math.sqrt(headWidth))));
    Operand<TFloat32> scores =
        tf.train.batchMatMul(scaled, k, TFloat32.class, BatchMatMul.adjY(true));
    Operand<TFloat32> mask = tf.reshape(keyMask, tf.constant(new long[] {-1, 1, 1, keyLength}));
    Operand<TFloat32> penalty = tf.math.mul(tf.math.sub(mask, tf.constant(1f)), tf.constant(1e9f));
    Operand<TFloat32> weights = tf.nn.softmax(tf.math.add(scores, penalty));

    Operand<TFloat32> attended = tf.train.batchMatMul(weights, v, TFloat32.class);

    // A row without any valid key would spread its weight over padding: zero it instead. The
    // product is taken in two dimensions, [batch, Lq * inner] by [batch, 1]: TensorFlow's
    // four-dimensional broadcasting was measured to cost more than the attention itself.
    Operand<TFloat32> anyValid =
        tf.reshape(tf.max(keyMask, tf.constant(1)), tf.constant(new long[] {-1, 1}));
    Operand<TFloat32> merged =
        tf.reshape(
            tf.math.mul(
                tf.reshape(
                    tf.linalg.transpose(attended, tf.constant(new int[] {0, 2, 1, 3})),
                    tf.constant(new long[] {-1, queryLength * inner})),
                anyValid),
            tf.constant(new long[] {-1, queryLength, inner}));
    return layers.denseSequence(name + "/output", merged, queryLength, inner, outWidth);
  }

  private Operand<TFloat32> splitHeads(Operand<TFloat32> x, long length) {
    Ops tf = layers.tf;
    Operand<TFloat32> split = tf.reshape(x, tf.constant(new long[] {-1, length, heads, headWidth}));
    return tf.linalg.transpose(split, tf.constant(new int[] {0, 2, 1, 3}));
  }
}
