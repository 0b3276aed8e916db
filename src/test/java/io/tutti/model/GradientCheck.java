package io.tutti.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A central finite-difference check of one layer's gradient, with respect to its input and to every
 * weight it makes: the layer's output is reduced to {@code sum(output * R)} with a fixed random
 * {@code R}, and each checked coordinate is moved by +-{@link #EPSILON}.
 */
final class GradientCheck implements AutoCloseable {
  static final float EPSILON = 1e-2f;

  final Graph graph = new Graph();
  final Ops tf = Ops.create(graph);
  final Parameters parameters = new Parameters(tf);
  final Layers layers;
  private final Placeholder<TFloat32> input;
  private final long[] inputShape;
  private final float[] inputValue;
  private final SplittableRandom random;
  private Operand<TFloat32> loss;
  private Operand<TFloat32> output;
  private Session session;

  GradientCheck(long seed, long... inputShape) {
    this.random = new SplittableRandom(seed);
    this.inputShape = inputShape;
    input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(inputShape)));
    inputValue = randoms((int) Shape.of(inputShape).size(), 1.0);
    layers =
        new Layers(
            tf,
            parameters,
            false,
            tf.constant((int) inputShape[0]),
            tf.constant(new long[] {1, 2}));
  }

  /** The input placeholder the layer reads. */
  Operand<TFloat32> input() {
    return input;
  }

  /** Builds the layer on the input; {@code outputShape} is its static output shape. */
  void build(Function<Operand<TFloat32>, Operand<TFloat32>> layer, long... outputShape) {
    output = layer.apply(input);
    float[] weights = randoms((int) Shape.of(outputShape).size(), 1.0);
    Operand<TFloat32> r = tf.constant(Shape.of(outputShape), DataBuffers.of(weights, true, false));
    loss = tf.sum(tf.reshape(tf.math.mul(output, r), tf.constant(new int[] {-1})), tf.constant(0));
    session = new Session(graph);
    for (Parameters.Parameter parameter : parameters.all()) {
      float[] values = Parameters.initialValue(parameter, 11);
      if (parameter.init() == Parameters.Init.ZEROS || parameter.init() == Parameters.Init.ONES) {
        // Biases and gains away from 0 and 1, so that every path is exercised.
        float[] noise = randoms(values.length, 0.3);
        for (int i = 0; i < values.length; i++) {
          values[i] += noise[i];
        }
      }
      assign(parameter, values);
    }
  }

  /** The layer's output on the input. */
  float[] output(int size) {
    float[] values = new float[size];
    try (TFloat32 x = inputTensor(inputValue);
        Result result = session.runner().feed(input, x).fetch(output).run()) {
      ((TFloat32) result.get(0)).asRawTensor().data().asFloats().read(values);
    }
    return values;
  }

  /** Overwrites some of the input's values. */
  void setInput(int index, float value) {
    inputValue[index] = value;
  }

  /** The analytic gradient of the loss with respect to the input. */
  float[] inputGradient() {
    Output<?>[] gradient = graph.addGradients(loss.asOutput(), new Output<?>[] {input.asOutput()});
    return fetch(gradient[0], inputValue.length);
  }

  /**
   * The largest error between the analytic and the numerical gradient, relative to {@code 1 +
   * |analytic|}, over the input and up to {@code perTensor} coordinates of every weight.
   */
  double maxError(int perTensor) {
    List<Output<?>> targets = new ArrayList<>();
    targets.add(input.asOutput());
    List<Parameters.Parameter> all = parameters.all();
    for (Parameters.Parameter parameter : all) {
      targets.add(parameter.variable().asOutput());
    }
    Output<?>[] gradients = graph.addGradients(loss.asOutput(), targets.toArray(new Output<?>[0]));
    double worst = 0;
    float[] analytic = fetch(gradients[0], inputValue.length);
    for (int n = 0; n < Math.min(perTensor, inputValue.length); n++) {
      int i = random.nextInt(inputValue.length);
      float kept = inputValue[i];
      inputValue[i] = kept + EPSILON;
      double plus = lossValue();
      inputValue[i] = kept - EPSILON;
      double minus = lossValue();
      inputValue[i] = kept;
      worst = Math.max(worst, error(analytic[i], (plus - minus) / (2 * EPSILON)));
    }
    for (int p = 0; p < all.size(); p++) {
      Parameters.Parameter parameter = all.get(p);
      float[] values = read(parameter);
      float[] weightGradient = fetch(gradients[p + 1], values.length);
      for (int n = 0; n < Math.min(perTensor, values.length); n++) {
        int i = random.nextInt(values.length);
        float kept = values[i];
        values[i] = kept + EPSILON;
        assign(parameter, values);
        double plus = lossValue();
        values[i] = kept - EPSILON;
        assign(parameter, values);
        double minus = lossValue();
        values[i] = kept;
        assign(parameter, values);
        worst = Math.max(worst, error(weightGradient[i], (plus - minus) / (2 * EPSILON)));
      }
    }
    return worst;
  }

  private static double error(double analytic, double numeric) {
    return Math.abs(analytic - numeric) / (1 + Math.abs(analytic));
  }

  private double lossValue() {
    try (TFloat32 x = inputTensor(inputValue);
        Result result = session.runner().feed(input, x).fetch(loss).run()) {
      return ((TFloat32) result.get(0)).getFloat();
    }
  }

  private float[] fetch(Output<?> tensor, int size) {
    float[] values = new float[size];
    try (TFloat32 x = inputTensor(inputValue);
        Result result = session.runner().feed(input, x).fetch(tensor).run()) {
      ((TFloat32) result.get(0)).asRawTensor().data().asFloats().read(values);
    }
    return values;
  }

  private float[] read(Parameters.Parameter parameter) {
    float[] values = new float[(int) parameter.size()];
    try (Result result = session.runner().fetch(parameter.variable()).run()) {
      ((TFloat32) result.get(0)).asRawTensor().data().asFloats().read(values);
    }
    return values;
  }

  private void assign(Parameters.Parameter parameter, float[] values) {
    try (TFloat32 value =
        TFloat32.tensorOf(Shape.of(parameter.shape()), DataBuffers.of(values, true, false))) {
      session.runner().feed(parameter.value(), value).addTarget(parameter.assign()).run();
    }
  }

  private TFloat32 inputTensor(float[] values) {
    return TFloat32.tensorOf(Shape.of(inputShape), DataBuffers.of(values, true, false));
  }

  private float[] randoms(int size, double scale) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = (float) (scale * random.nextGaussian());
    }
    return values;
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    graph.close();
  }
}
