package io.tutti.model;

import io.tutti.config.TuttiConfig;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The update of one training step: the objective's gradients with respect to every dense weight and
 * to the embedding rows the pass gathered (never a whole table), then the dense and sparse updates
 * of {@link DenseOptimizer}.
 *
 * <p>Every update runs after every gradient has been computed (one no-op waits for all of them, and
 * each update depends on it), so no update races a read of a weight, and a step is a pure function
 * of the variables, the batch and the step's settings.
 *
 * @param update the op to run
 * @param gradientNames the variable each of {@code gradients} belongs to
 * @param gradients before clipping: a dense weight's, or a stacked table's gathered rows'
 */
record TrainingStep(Op update, List<String> gradientNames, List<Operand<TFloat32>> gradients) {

  /**
   * Adds the gradients of {@code objective} and the updates to the graph.
   *
   * @param waitFor tensors computed from the forward pass that a caller fetches with the step: no
   *     update starts before they are computed either
   */
  static TrainingStep build(
      Ops tf,
      Graph graph,
      Parameters parameters,
      TuttiConfig config,
      Network.Pass trainingPass,
      Operand<TFloat32> objective,
      List<Operand<TFloat32>> waitFor,
      Operand<TFloat32> learningRate,
      Operand<TFloat32> embeddingLearningRate) {
    List<String> gradientNames = new ArrayList<>();
    List<Operand<TFloat32>> rawGradients = new ArrayList<>();
    List<Parameters.Parameter> dense = new ArrayList<>();
    for (Parameters.Parameter parameter : parameters.all()) {
      if (parameter.kind() == Parameters.Kind.DENSE
          || parameter.kind() == Parameters.Kind.DENSE_MATRIX) {
        dense.add(parameter);
      }
    }
    List<EmbeddingLookup.Gathered> gathered = trainingPass.gathered();
    Output<?>[] targets = new Output<?>[dense.size() + gathered.size()];
    for (int i = 0; i < dense.size(); i++) {
      targets[i] = dense.get(i).variable().asOutput();
    }
    for (int g = 0; g < gathered.size(); g++) {
      targets[dense.size() + g] = gathered.get(g).rows().asOutput();
    }
    new DenseOptimizer(tf, parameters, config.training())
        .makeSlots(dense, parameters.ofKind(Parameters.Kind.TABLE));
    Output<?>[] gradients = graph.addGradients(objective.asOutput(), targets);

    List<Operand<TFloat32>> denseGradients = new ArrayList<>();
    List<Op> computed = new ArrayList<>();
    for (int i = 0; i < targets.length; i++) {
      Operand<TFloat32> gradient = gradientOrZeros(tf, gradients[i], targets[i]);
      rawGradients.add(gradient);
      gradientNames.add(
          i < dense.size() ? dense.get(i).name() : gathered.get(i - dense.size()).variableName());
      if (i < dense.size()) {
        denseGradients.add(gradient);
      }
      computed.add(gradient::op);
    }
    // The clipped gradients are functions of the raw ones alone, so waiting for the raw ones is
    // enough; a control dependency on the producing op itself saves an Identity per gradient
    // (each op costs the executor a few microseconds; a step runs about 4,000).
    List<Operand<TFloat32>> clipped =
        new DenseOptimizer(tf, parameters, config.training()).clip(denseGradients);
    for (Operand<TFloat32> tensor : waitFor) {
      computed.add(tensor::op);
    }

    // One op that waits for every gradient: each update depends on it alone.
    List<Op> ready =
        List.of(
            Parameters.named(tf, "train/gradients_ready").withControlDependencies(computed).noOp());
    DenseOptimizer optimizer = new DenseOptimizer(tf, parameters, config.training());
    List<Variable<TFloat32>> weights = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Parameters.Parameter parameter : dense) {
      weights.add(parameter.variable());
      names.add(parameter.name());
    }
    List<Op> updates =
        new ArrayList<>(optimizer.applyDense(weights, names, clipped, learningRate, ready));
    for (int g = 0; g < gathered.size(); g++) {
      EmbeddingLookup.Gathered rows = gathered.get(g);
      Operand<TFloat32> rowGradients =
          gradientOrZeros(tf, gradients[dense.size() + g], targets[dense.size() + g]);
      updates.add(
          optimizer.applySparse(
              rows,
              parameters.find(rows.variableName()).shape(),
              rowGradients,
              embeddingLearningRate,
              ready));
    }
    Op update = Parameters.named(tf, "train/step").withControlDependencies(updates).noOp();
    return new TrainingStep(update, List.copyOf(gradientNames), List.copyOf(rawGradients));
  }

  private static Operand<TFloat32> gradientOrZeros(Ops tf, Output<?> gradient, Output<?> target) {
    // A target the objective does not reach comes back null or with index -1: zero gradient.
    if (gradient == null || gradient.index() < 0) {
      return tf.zerosLike(target.expect(TFloat32.class));
    }
    return gradient.expect(TFloat32.class);
  }
}
