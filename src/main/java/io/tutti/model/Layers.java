package io.tutti.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * Builds the small layers every model part uses (dense, MLP, layer norm, dropout, masked mean) for
 * one pass of the graph: the training pass, with dropout, or the inference pass, without. Both
 * passes ask {@link Parameters} for their weights by name, so they share them.
 *
 * <p>Dropout masks come from stateless random ops seeded by the step's {@code [seed, step]} pair,
 * plus a constant per dropout site: the same step draws the same masks, so a run resumed from a
 * checkpoint replays the uninterrupted one exactly.
 */
final class Layers {
  final Ops tf;
  final Parameters parameters;
  final boolean training;
  private final Operand<TInt64> dropoutSeed;
  private final Operand<TInt32> batchSize;
  private int dropoutSites;

  /**
   * @param batchSize the batch's row count as a scalar; read from an input, never from a tensor
   *     that depends on a weight, so that no gradient flows through a Shape op
   * @param dropoutSeed {@code [2]} int64, only read when {@code training}
   */
  Layers(
      Ops tf,
      Parameters parameters,
      boolean training,
      Operand<TInt32> batchSize,
      Operand<TInt64> dropoutSeed) {
    this.tf = tf;
    this.parameters = parameters;
    this.training = training;
    this.batchSize = batchSize;
    this.dropoutSeed = dropoutSeed;
  }

  /** {@code x W + b}: {@code [batch, in]} to {@code [batch, out]}. */
  Operand<TFloat32> dense(String name, Operand<TFloat32> x, long in, long out) {
    Operand<TFloat32> w = parameters.matrix(name + "/w", in, out);
    Operand<TFloat32> b = parameters.bias(name + "/b", out);
    return tf.math.add(tf.linalg.matMul(x, w), b);
  }

  /**
   * A dense layer on every position: {@code [batch, length, in]} to {@code [batch, length, out]}.
   */
  Operand<TFloat32> denseSequence(
      String name, Operand<TFloat32> x, long length, long in, long out) {
    Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, in}));
    Operand<TFloat32> y = dense(name, flat, in, out);
    return tf.reshape(y, tf.constant(new long[] {-1, length, out}));
  }

  /**
   * Hidden layers of {@code units}, each ReLU then dropout at {@code model.dropout}: {@code [batch,
   * in]} to {@code [batch, units.last]}.
   */
  Operand<TFloat32> mlp(
      String name, Operand<TFloat32> x, long in, List<Integer> units, double dropout) {
    Operand<TFloat32> h = x;
    long width = in;
    for (int i = 0; i < units.size(); i++) {
      h = tf.nn.relu(dense(name + "/layer" + i, h, width, units.get(i)));
      h = dropout(h, dropout, units.get(i));
      width = units.get(i);
    }
    return h;
  }

  /**
   * Layer normalisation over the last axis of width {@code width}, with a learnt gain and bias:
   * {@code (x - mean) / sqrt(var + 1e-5) * gain + bias}. Per sample, so it needs no batch
   * statistics and acts the same in training and serving.
   */
  Operand<TFloat32> layerNorm(String name, Operand<TFloat32> x, long width) {
    Operand<TFloat32> gain =
        parameters.get(name + "/gain", Parameters.Init.ONES, Parameters.Kind.DENSE, width);
    Operand<TFloat32> bias = parameters.bias(name + "/bias", width);
    Operand<TInt32> last = tf.constant(-1);
    Operand<TFloat32> mean = tf.math.mean(x, last, org.tensorflow.op.math.Mean.keepDims(true));
    Operand<TFloat32> centred = tf.math.sub(x, mean);
    Operand<TFloat32> variance =
        tf.math.mean(tf.math.square(centred), last, org.tensorflow.op.math.Mean.keepDims(true));
    Operand<TFloat32> normalised =
        tf.math.mul(centred, tf.math.rsqrt(tf.math.add(variance, tf.constant(1e-5f))));
    return tf.math.add(tf.math.mul(normalised, gain), bias);
  }

  /**
   * Inverted dropout at {@code rate} while training, the identity otherwise. {@code shape} is the
   * mask's shape after the batch dimension: the input's own shape, or 1 along an axis to drop whole
   * slices (a whole token).
   */
  Operand<TFloat32> dropout(Operand<TFloat32> x, double rate, long... shape) {
    if (!training || rate <= 0) {
      return x;
    }
    int site = dropoutSites++;
    Operand<TInt64> seed =
        tf.math.add(dropoutSeed, tf.constant(new long[] {0, 0x9E3779B97F4A7C15L * (site + 1)}));
    Operand<TInt32> maskShape =
        tf.concat(
            List.of(tf.reshape(batchSize, tf.constant(new int[] {1})), tf.constant(toInts(shape))),
            tf.constant(0));
    Operand<TFloat32> uniform = tf.random.statelessRandomUniform(maskShape, seed);
    Operand<TBool> keep = tf.math.greaterEqual(uniform, tf.constant((float) rate));
    Operand<TFloat32> scaled = tf.math.mul(toFloat(keep), tf.constant((float) (1 / (1 - rate))));
    return tf.math.mul(x, scaled);
  }

  /**
   * The mean over the valid positions of {@code x}, {@code [batch, length, width]} with {@code
   * weights} {@code [batch, length]} (1 valid, 0 padding, or any non-negative weight): {@code
   * [batch, width]}; zero for a row without valid positions.
   */
  Operand<TFloat32> weightedMean(Operand<TFloat32> x, Operand<TFloat32> weights) {
    // A batched [1, length] x [length, width] product: cheaper than a broadcast multiply.
    Operand<TFloat32> sum =
        tf.squeeze(
            tf.train.batchMatMul(tf.expandDims(weights, tf.constant(1)), x, TFloat32.class),
            org.tensorflow.op.core.Squeeze.axis(List.of(1L)));
    Operand<TFloat32> total =
        tf.reshape(tf.sum(weights, tf.constant(1)), tf.constant(new int[] {-1, 1}));
    return tf.math.div(sum, tf.math.maximum(total, tf.constant(1e-6f)));
  }

  /** A float of {@code x}. */
  Operand<TFloat32> toFloat(Operand<? extends TType> x) {
    return tf.dtypes.cast(x, TFloat32.class);
  }

  /** Rows in the batch, a scalar. */
  Operand<TInt32> batchSize() {
    return batchSize;
  }

  private static int[] toInts(long[] shape) {
    int[] ints = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      ints[i] = Math.toIntExact(shape[i]);
    }
    return ints;
  }
}
