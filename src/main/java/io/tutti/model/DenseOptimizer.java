package io.tutti.model;

import io.tutti.config.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The update of the dense weights ({@code training.optimizer}: Adam, Adagrad or SGD) after clipping
 * their gradients to a global norm ({@code training.clip_norm}), and the sparse Adagrad update of
 * the embedding rows a batch looked up.
 *
 * <p>Every optimizer state (Adam's moments, the accumulators, Adam's update count) is a variable,
 * so a checkpoint holds it and a restored model takes the same next step.
 */
final class DenseOptimizer {
  static final float ADAM_BETA1 = 0.9f;
  static final float ADAM_BETA2 = 0.999f;
  static final float ADAM_EPSILON = 1e-7f;
  static final float ADAGRAD_EPSILON = 1e-7f;

  private final Ops tf;
  private final Parameters parameters;
  private final TrainingConfig training;

  DenseOptimizer(Ops tf, Parameters parameters, TrainingConfig training) {
    this.tf = tf;
    this.parameters = parameters;
    this.training = training;
  }

  /**
   * Makes the optimizer state of {@code dense} weights and of the stacked {@code tables}. Called
   * before the gradients are added to the graph: making a variable in a graph that already holds
   * the gradient ops was measured to cost TensorFlow Java about half a second per variable.
   */
  void makeSlots(List<Parameters.Parameter> dense, List<Parameters.Parameter> tables) {
    for (Parameters.Parameter parameter : tables) {
      parameters.get(
          parameter.name() + "/adagrad",
          Parameters.Init.ACCUMULATOR,
          Parameters.Kind.SLOT,
          parameter.shape());
    }
    switch (training.optimizer()) {
      case "adam" -> {
        parameters.get("optimizer/adam_updates", Parameters.Init.ZEROS, Parameters.Kind.SLOT);
        for (Parameters.Parameter parameter : dense) {
          parameters.get(
              parameter.name() + "/adam_m",
              Parameters.Init.ZEROS,
              Parameters.Kind.SLOT,
              parameter.shape());
          parameters.get(
              parameter.name() + "/adam_v",
              Parameters.Init.ZEROS,
              Parameters.Kind.SLOT,
              parameter.shape());
        }
      }
      case "adagrad" -> {
        for (Parameters.Parameter parameter : dense) {
          parameters.get(
              parameter.name() + "/adagrad",
              Parameters.Init.ACCUMULATOR,
              Parameters.Kind.SLOT,
              parameter.shape());
        }
      }
      default -> {}
    }
  }

  /**
   * Gradients scaled so that their global norm is at most {@code training.clip_norm}; unchanged
   * when it is 0.
   */
  List<Operand<TFloat32>> clip(List<Operand<TFloat32>> gradients) {
    if (training.clipNorm() <= 0 || gradients.isEmpty()) {
      return gradients;
    }
    // One vector of every gradient, then one square and one sum: a square, a sum and an add per
    // weight were about 500 small ops per step, each costing the executor a few microseconds.
    List<Operand<TFloat32>> flat = new ArrayList<>();
    for (Operand<TFloat32> gradient : gradients) {
      flat.add(tf.reshape(gradient, tf.constant(new int[] {-1})));
    }
    Operand<TFloat32> all = flat.size() == 1 ? flat.get(0) : tf.concat(flat, tf.constant(0));
    Operand<TFloat32> norm = tf.math.sqrt(tf.sum(tf.math.square(all), tf.constant(0)));
    Operand<TFloat32> limit = tf.constant((float) training.clipNorm());
    Operand<TFloat32> scale = tf.math.div(limit, tf.math.maximum(norm, limit));
    List<Operand<TFloat32>> clipped = new ArrayList<>();
    for (Operand<TFloat32> gradient : gradients) {
      clipped.add(tf.math.mul(gradient, scale));
    }
    return clipped;
  }

  /**
   * The ops that apply {@code gradients} to {@code weights}, each at {@code learningRate}; run only
   * after {@code before} (every gradient computed), so that no update races a read of a weight.
   */
  List<Op> applyDense(
      List<Variable<TFloat32>> weights,
      List<String> names,
      List<Operand<TFloat32>> gradients,
      Operand<TFloat32> learningRate,
      List<Op> before) {
    Ops after = tf.withControlDependencies(before);
    List<Op> updates = new ArrayList<>();
    switch (training.optimizer()) {
      case "adam" -> {
        Variable<TFloat32> count =
            parameters.get("optimizer/adam_updates", Parameters.Init.ZEROS, Parameters.Kind.SLOT);
        Operand<TFloat32> t = tf.math.add(count, tf.constant(1f));
        Operand<TFloat32> beta1Power = tf.math.pow(tf.constant(ADAM_BETA1), t);
        Operand<TFloat32> beta2Power = tf.math.pow(tf.constant(ADAM_BETA2), t);
        for (int i = 0; i < weights.size(); i++) {
          long[] shape = parameters.find(names.get(i)).shape();
          Variable<TFloat32> m =
              parameters.get(
                  names.get(i) + "/adam_m", Parameters.Init.ZEROS, Parameters.Kind.SLOT, shape);
          Variable<TFloat32> v =
              parameters.get(
                  names.get(i) + "/adam_v", Parameters.Init.ZEROS, Parameters.Kind.SLOT, shape);
          updates.add(
              after.train.applyAdam(
                  weights.get(i),
                  m,
                  v,
                  beta1Power,
                  beta2Power,
                  learningRate,
                  tf.constant(ADAM_BETA1),
                  tf.constant(ADAM_BETA2),
                  tf.constant(ADAM_EPSILON),
                  gradients.get(i)));
        }
        updates.add(tf.withControlDependencies(updates).assignAdd(count, tf.constant(1f)));
      }
      case "adagrad" -> {
        for (int i = 0; i < weights.size(); i++) {
          long[] shape = parameters.find(names.get(i)).shape();
          Variable<TFloat32> accumulator =
              parameters.get(
                  names.get(i) + "/adagrad",
                  Parameters.Init.ACCUMULATOR,
                  Parameters.Kind.SLOT,
                  shape);
          updates.add(
              after.train.applyAdagradV2(
                  weights.get(i),
                  accumulator,
                  learningRate,
                  tf.constant(ADAGRAD_EPSILON),
                  gradients.get(i)));
        }
      }
      case "sgd" -> {
        for (int i = 0; i < weights.size(); i++) {
          updates.add(
              after.train.applyGradientDescent(weights.get(i), learningRate, gradients.get(i)));
        }
      }
      default ->
          throw new IllegalStateException("optimizer " + training.optimizer() + " not validated");
    }
    return updates;
  }

  /**
   * The sparse Adagrad update of one stacked table: only the rows in {@code uniqueIds} move, by
   * {@code rowGradients} ({@code [unique, width]}, duplicates already summed).
   */
  Op applySparse(
      EmbeddingLookup.Gathered gathered,
      long[] shape,
      Operand<TFloat32> rowGradients,
      Operand<TFloat32> learningRate,
      List<Op> before) {
    Variable<TFloat32> accumulator =
        parameters.get(
            gathered.variableName() + "/adagrad",
            Parameters.Init.ACCUMULATOR,
            Parameters.Kind.SLOT,
            shape);
    return tf.withControlDependencies(before)
        .train
        .sparseApplyAdagrad(
            gathered.table(),
            accumulator,
            learningRate,
            tf.constant(ADAGRAD_EPSILON),
            rowGradients,
            gathered.uniqueIds());
  }
}
