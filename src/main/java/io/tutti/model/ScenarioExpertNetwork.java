package io.tutti.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One scenario's expert network (SEN): a small transformer block over the scenario's tokens.
 *
 * <pre>
 *   tokens T                                  [batch, F, W]   token 0: the common interest
 *   A  = layer_norm(T + dropout(self_attention(T)))            [batch, F, W]
 *   B  = layer_norm(A + dropout(relu(A W1 + b1) W2 + b2))      [batch, F, W]   W1: [W, 2W]
 *   output = B[:, 0, :]                                        [batch, W]
 * </pre>
 *
 * <p>Normalisation: layer normalisation with the SEN's own gain and bias. It is computed per
 * sample, so a shift in the mix of scenarios within a batch, or between training and serving, does
 * not move it (batch normalisation would, and would need running statistics kept per scenario); the
 * numeric inputs are already standardised at compile time with the training split's statistics.
 * Every SEN having its own gain and bias lets each scenario rescale its features without touching
 * another's.
 */
final class ScenarioExpertNetwork {
  private final Layers layers;
  private final String name;
  private final int heads;
  private final double dropout;

  ScenarioExpertNetwork(Layers layers, String name, int heads, double dropout) {
    this.layers = layers;
    this.name = name;
    this.heads = heads;
    this.dropout = dropout;
  }

  /** The block over {@code tokens}, {@code [batch, count, width]}: {@code [batch, width]}. */
  Operand<TFloat32> apply(Operand<TFloat32> tokens, long count, long width) {
    Ops tf = layers.tf;
    Operand<TFloat32> everyToken =
        tf.fill(
            tf.stack(java.util.List.of(layers.batchSize(), tf.constant((int) count))),
            tf.constant(1f));

    // Each token reads the others: the common interest learns what the private features add.
    MultiHeadAttention attention =
        new MultiHeadAttention(layers, name + "/attention", heads, (int) width);
    Operand<TFloat32> attended =
        attention.attend(tokens, count, width, tokens, count, width, everyToken, width);
    Operand<TFloat32> mixed =
        layers.layerNorm(
            name + "/norm1",
            tf.math.add(tokens, layers.dropout(attended, dropout, count, width)),
            width);

    Operand<TFloat32> hidden =
        tf.nn.relu(layers.denseSequence(name + "/ffn1", mixed, count, width, 2 * width));
    Operand<TFloat32> fed = layers.denseSequence(name + "/ffn2", hidden, count, 2 * width, width);
    Operand<TFloat32> block =
        layers.layerNorm(
            name + "/norm2", tf.math.add(mixed, layers.dropout(fed, dropout, count, width)), width);

    return tf.reshape(
        tf.slice(block, tf.constant(new int[] {0, 0, 0}), tf.constant(new int[] {-1, 1, -1})),
        tf.constant(new long[] {-1, width}));
  }
}
