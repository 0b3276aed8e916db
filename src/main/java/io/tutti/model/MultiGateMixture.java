package io.tutti.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The multi-task layer: shared experts mixed per task by a softmax gate (MMoE), then one tower per
 * task giving that task's logit.
 *
 * <pre>
 *   x                                     [batch, in]
 *   expert e:  E_e = mlp_e(x)             [batch, U]      U = last of model.expert_units
 *   gate t:    g_t = softmax(x G_t + c_t) [batch, experts]
 *   mixed t:   m_t = sum_e g_t[e] E_e     [batch, U]
 *   logit t:   tower_t(m_t) w_t + b_t     [batch, 1]
 *   logits                                [batch, tasks]
 * </pre>
 */
final class MultiGateMixture {
  private final Layers layers;
  private final String name;
  private final int experts;
  private final List<Integer> expertUnits;
  private final List<Integer> towerUnits;
  private final double dropout;

  MultiGateMixture(
      Layers layers,
      String name,
      int experts,
      List<Integer> expertUnits,
      List<Integer> towerUnits,
      double dropout) {
    this.layers = layers;
    this.name = name;
    this.experts = experts;
    this.expertUnits = expertUnits;
    this.towerUnits = towerUnits;
    this.dropout = dropout;
  }

  /**
   * The logits of {@code tasks} tasks, {@code [batch, tasks]}, from {@code x} {@code [batch, in]}.
   */
  Operand<TFloat32> logits(Operand<TFloat32> x, long in, int tasks) {
    Ops tf = layers.tf;
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    for (int e = 0; e < experts; e++) {
      outputs.add(layers.mlp(name + "/expert" + e, x, in, expertUnits, dropout));
    }
    // [batch, experts, U]
    Operand<TFloat32> stacked = tf.stack(outputs, org.tensorflow.op.core.Stack.axis(1L));
    long units = expertUnits.get(expertUnits.size() - 1);

    List<Operand<TFloat32>> logits = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      Operand<TFloat32> gate = gate(x, in, t);
      Operand<TFloat32> mixed =
          tf.squeeze(
              tf.train.batchMatMul(tf.expandDims(gate, tf.constant(1)), stacked, TFloat32.class),
              org.tensorflow.op.core.Squeeze.axis(List.of(1L)));
      logits.add(tower(mixed, units, t));
    }
    return logits.size() == 1 ? logits.get(0) : tf.concat(logits, tf.constant(1));
  }

  /** Task {@code t}'s gate over the experts, {@code [batch, experts]}; each row sums to 1. */
  Operand<TFloat32> gate(Operand<TFloat32> x, long in, int t) {
    return layers.tf.nn.softmax(layers.dense(name + "/gate" + t, x, in, experts));
  }

  /** Task {@code t}'s tower from its input {@code [batch, in]} to its logit {@code [batch, 1]}. */
  Operand<TFloat32> tower(Operand<TFloat32> input, long in, int t) {
    Operand<TFloat32> hidden = layers.mlp(name + "/tower" + t, input, in, towerUnits, dropout);
    return layers.dense(
        name + "/tower" + t + "/logit", hidden, towerUnits.get(towerUnits.size() - 1), 1);
  }
}
