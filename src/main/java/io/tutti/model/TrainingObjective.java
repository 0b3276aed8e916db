package io.tutti.model;

import io.tutti.config.ScenarioConfig;
import io.tutti.config.TaskConfig;
import io.tutti.config.TuttiConfig;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The training objective of a pass.
 *
 * <p>Per (sample, task) pair: {@code w = mask * weight * lossWeight[scenario, task]} and {@code bce
 * = max(z, 0) - z y + log(1 + exp(-|z|))}, the binary cross-entropy from the logit {@code z},
 * stable for any {@code z}. The objective is {@code sum(w * bce) / batch}, plus {@code model.l2}
 * times the squares of the dense weight matrices and the network's own regularisation. A pair with
 * mask 0 has {@code w = 0}, so it contributes exactly zero gradient to every parameter. With {@code
 * model.task_mask: false} the mask fed is all ones (absent labels read as negatives), and a task
 * outside a scenario takes the task's default loss weight.
 *
 * @param total the scalar objective
 * @param taskLossSums {@code [tasks]}: the sum of {@code w * bce} per task
 * @param taskWeightSums {@code [tasks]}: the sum of {@code w} per task
 */
record TrainingObjective(
    Operand<TFloat32> total, Operand<TFloat32> taskLossSums, Operand<TFloat32> taskWeightSums) {

  /**
   * Builds the objective of {@code pass}.
   *
   * @param labels {@code [batch, tasks]}
   * @param labelMask {@code [batch, tasks]}
   * @param sampleWeight {@code [batch]}
   */
  static TrainingObjective build(
      Ops tf,
      TuttiConfig config,
      Parameters parameters,
      Network.Pass pass,
      Operand<TInt32> scenario,
      Operand<TFloat32> labels,
      Operand<TFloat32> labelMask,
      Operand<TFloat32> sampleWeight,
      Operand<TInt32> batchSize) {
    Operand<TFloat32> pairWeights =
        tf.math.mul(
            tf.math.mul(labelMask, tf.expandDims(sampleWeight, tf.constant(1))),
            tf.gather(tf.constant(lossWeights(config)), scenario, tf.constant(0)));
    Operand<TFloat32> z = pass.logits();
    Operand<TFloat32> pairLosses =
        tf.math.add(
            tf.math.sub(tf.nn.relu(z), tf.math.mul(z, labels)),
            tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(z)))));
    Operand<TFloat32> taskLossSums = tf.sum(tf.math.mul(pairWeights, pairLosses), tf.constant(0));
    Operand<TFloat32> taskWeightSums = tf.sum(pairWeights, tf.constant(0));

    Operand<TFloat32> total =
        tf.math.div(
            tf.sum(taskLossSums, tf.constant(0)), tf.dtypes.cast(batchSize, TFloat32.class));
    if (pass.regularisation() != null) {
      total = tf.math.add(total, pass.regularisation());
    }
    if (config.model().l2() > 0) {
      for (Parameters.Parameter parameter : parameters.ofKind(Parameters.Kind.DENSE_MATRIX)) {
        Operand<TFloat32> flat = tf.reshape(parameter.variable(), tf.constant(new int[] {-1}));
        Operand<TFloat32> squares = tf.sum(tf.math.square(flat), tf.constant(0));
        total = tf.math.add(total, tf.math.mul(squares, tf.constant((float) config.model().l2())));
      }
    }
    return new TrainingObjective(total, taskLossSums, taskWeightSums);
  }

  /** {@code [scenarios, tasks]}: the scenario's loss weight, else the task's default. */
  private static float[][] lossWeights(TuttiConfig config) {
    int tasks = config.tasks().size();
    float[][] weights = new float[config.scenarios().size()][tasks];
    for (int s = 0; s < weights.length; s++) {
      ScenarioConfig scenario = config.scenarios().get(s);
      for (int t = 0; t < tasks; t++) {
        TaskConfig task = config.tasks().get(t);
        Double weight = scenario.lossWeights().get(task.id());
        weights[s][t] = (float) (weight != null ? weight : task.lossWeight());
      }
    }
    return weights;
  }
}
