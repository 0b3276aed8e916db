package io.tutti.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The placeholders of a model graph, one per input of {@link ModelSignature}, named as the
 * signature's inputs, so that a feed of {@link ModelSignature#toTensors} fills them by name.
 */
final class GraphInputs {
  private final Map<String, Placeholder<TInt32>> ints = new LinkedHashMap<>();
  private final Map<String, Placeholder<TFloat32>> floats = new LinkedHashMap<>();

  GraphInputs(Ops tf, ModelSignature signature) {
    for (ModelSignature.Input input : signature.inputs()) {
      Ops named = tf.withName(input.name());
      if (input.integer()) {
        ints.put(input.name(), named.placeholder(TInt32.class, Placeholder.shape(input.shape())));
      } else {
        floats.put(
            input.name(), named.placeholder(TFloat32.class, Placeholder.shape(input.shape())));
      }
    }
  }

  /** Whether the signature has that input. */
  boolean has(String name) {
    return ints.containsKey(name) || floats.containsKey(name);
  }

  /** An int32 input. */
  Operand<TInt32> ints(String name) {
    return require(ints, name);
  }

  /** A float32 input. */
  Operand<TFloat32> floats(String name) {
    return require(floats, name);
  }

  /** Every placeholder by input name. */
  Map<String, Operand<?>> all() {
    Map<String, Operand<?>> all = new LinkedHashMap<>(ints);
    all.putAll(floats);
    return all;
  }

  private static <T> T require(Map<String, T> map, String name) {
    T value = map.get(name);
    if (value == null) {
      throw new IllegalStateException("the graph has no input " + name);
    }
    return value;
  }
}
