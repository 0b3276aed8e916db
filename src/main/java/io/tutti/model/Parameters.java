package io.tutti.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Every variable of a model graph: trainable weights, embedding tables and optimizer state, by a
 * unique name. Variables are {@code VariableV2} (made with {@code tf.variable}): the sparse apply
 * ops need them, and unlike resource variables they export into a SavedModel.
 *
 * <p>Initial values are computed in Java from the training seed and the variable's name, then fed
 * through one assign op per variable; the same assign ops restore checkpoints. A weight's initial
 * value therefore does not depend on the order in which the graph was built.
 */
final class Parameters {

  /** How a variable starts. */
  enum Init {
    /** Uniform in +-sqrt(6 / (fanIn + fanOut)) over the last two dimensions. */
    GLOROT,
    /** Normal with standard deviation 0.05 (embeddings). */
    SMALL_NORMAL,
    ZEROS,
    ONES,
    /** 0.1 everywhere: the Adagrad accumulator's usual start. */
    ACCUMULATOR
  }

  /** What a variable is for. */
  enum Kind {
    /** A dense weight updated by the dense optimizer. */
    DENSE,
    /** A dense weight matrix: also under {@code model.l2}. */
    DENSE_MATRIX,
    /** An embedding table updated row by row. */
    TABLE,
    /** Optimizer state. */
    SLOT
  }

  /** One variable with its assign op. */
  record Parameter(
      String name,
      Variable<TFloat32> variable,
      long[] shape,
      Init init,
      Kind kind,
      Placeholder<TFloat32> value,
      Assign<TFloat32> assign) {

    long size() {
      long size = 1;
      for (long d : shape) {
        size *= d;
      }
      return size;
    }

    boolean trainable() {
      return kind != Kind.SLOT;
    }
  }

  private final Ops tf;
  private final Map<String, Parameter> byName = new LinkedHashMap<>();

  Parameters(Ops tf) {
    this.tf = tf;
  }

  /**
   * The variable named {@code name}, made on first use; a second call with the same name returns
   * the same variable (how the training and the inference pass share weights).
   */
  Variable<TFloat32> get(String name, Init init, Kind kind, long... shape) {
    Parameter existing = byName.get(name);
    if (existing != null) {
      if (!Arrays.equals(existing.shape(), shape)) {
        throw new IllegalStateException(
            "variable "
                + name
                + " asked with shape "
                + Arrays.toString(shape)
                + " but has "
                + Arrays.toString(existing.shape()));
      }
      return existing.variable();
    }
    Ops scope = named(tf, name);
    Variable<TFloat32> variable =
        scope.variable(Shape.of(shape), TFloat32.class, Variable.sharedName(name));
    Placeholder<TFloat32> value =
        named(tf, name + "/value").placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
    Assign<TFloat32> assign = named(tf, name + "/assign").assign(variable, value);
    byName.put(name, new Parameter(name, variable, shape.clone(), init, kind, value, assign));
    return variable;
  }

  /**
   * {@code tf} naming its next op after {@code path}, slashes written as dots: an op's name may
   * hold no slash, and a sub-scope per part would be made unique afresh on every call (TensorFlow
   * Java numbers a repeated sub-scope {@code sen_1}, {@code sen_2} ..., searching from 1 each time,
   * which made building a model take minutes).
   */
  static Ops named(Ops tf, String path) {
    return tf.withName(path.replace('/', '.'));
  }

  /** A dense weight matrix {@code [in, out]}, Glorot-initialised, under L2. */
  Variable<TFloat32> matrix(String name, long in, long out) {
    return get(name, Init.GLOROT, Kind.DENSE_MATRIX, in, out);
  }

  /** A dense bias or vector, zero at the start. */
  Variable<TFloat32> bias(String name, long... shape) {
    return get(name, Init.ZEROS, Kind.DENSE, shape);
  }

  /** Every variable, in creation order. */
  List<Parameter> all() {
    return new ArrayList<>(byName.values());
  }

  /** Variables of one kind, in creation order. */
  List<Parameter> ofKind(Kind kind) {
    return byName.values().stream().filter(p -> p.kind() == kind).toList();
  }

  /** The variable of that name, or null. */
  Parameter find(String name) {
    return byName.get(name);
  }

  /** The initial value of {@code parameter} under {@code seed}: a pure function of both. */
  static float[] initialValue(Parameter parameter, long seed) {
    float[] values = new float[Math.toIntExact(parameter.size())];
    long[] shape = parameter.shape();
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ hash(parameter));
    switch (parameter.init()) {
      case GLOROT -> {
        long fanIn = shape.length >= 2 ? shape[shape.length - 2] : shape[0];
        long fanOut = shape[shape.length - 1];
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) random.nextDouble(-limit, limit);
        }
      }
      case SMALL_NORMAL -> {
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (0.05 * gaussian(random));
        }
      }
      case ZEROS -> {}
      case ONES -> Arrays.fill(values, 1f);
      case ACCUMULATOR -> Arrays.fill(values, 0.1f);
      default -> throw new IllegalStateException("no initialiser for " + parameter.init());
    }
    return values;
  }

  private static long hash(Parameter parameter) {
    long h = 1125899906842597L;
    for (char c : parameter.name().toCharArray()) {
      h = 31 * h + c;
    }
    return h;
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }
}
