package io.tutti.model;

import io.tutti.config.FeatureConfig;
import io.tutti.config.FeatureType;
import io.tutti.config.TuttiConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The public features of a sample as one vector: each categorical feature's embedding, each
 * multi-valued feature's mean embedding over its values, and the numeric values, side by side,
 * {@code [batch, width]}. Built in two phases around {@link EmbeddingLookup#resolve}.
 */
final class PublicFeatures {
  private final Layers layers;
  private final GraphInputs inputs;
  private final List<FeatureConfig> numeric;
  private final Map<FeatureConfig, EmbeddingLookup.Request> requests = new LinkedHashMap<>();

  /** Phase 1: asks for the embeddings of every public embedded feature. */
  PublicFeatures(Layers layers, TuttiConfig config, GraphInputs inputs, EmbeddingLookup lookup) {
    this.layers = layers;
    this.inputs = inputs;
    Ops tf = layers.tf;
    List<FeatureConfig> categorical = config.publicFeatures(FeatureType.CATEGORICAL);
    for (int c = 0; c < categorical.size(); c++) {
      Operand<TInt32> column =
          tf.slice(
              inputs.ints("categorical"),
              tf.constant(new int[] {0, c}),
              tf.constant(new int[] {-1, 1}));
      requests.put(categorical.get(c), lookup.request(categorical.get(c), column, 1));
    }
    for (FeatureConfig feature : config.publicFeatures(FeatureType.MULTI_CATEGORICAL)) {
      Operand<TInt32> ids = inputs.ints("multi_" + feature.name());
      requests.put(feature, lookup.request(feature, ids, feature.maxValues()));
    }
    numeric = config.publicFeatures(FeatureType.NUMERIC);
  }

  /**
   * One feature's embedding, {@code [batch, width]}: a multi-valued feature's mean over its values
   * (0 as padding); after the lookup is resolved.
   */
  Operand<TFloat32> embedding(FeatureConfig feature) {
    EmbeddingLookup.Request request = requests.get(feature);
    if (request == null) {
      throw new IllegalStateException("no public embedding for " + feature.name());
    }
    return request.pooled(layers);
  }

  /** The width of {@code feature}'s embedding. */
  long width(FeatureConfig feature) {
    return requests.get(feature).width;
  }

  /** Phase 2: the public feature vector, {@code [batch, width()]}. */
  Operand<TFloat32> vector() {
    List<Operand<TFloat32>> parts = new ArrayList<>();
    for (FeatureConfig feature : requests.keySet()) {
      parts.add(embedding(feature));
    }
    if (!numeric.isEmpty()) {
      parts.add(inputs.floats("numeric"));
    }
    if (parts.isEmpty()) {
      return null;
    }
    return parts.size() == 1 ? parts.get(0) : layers.tf.concat(parts, layers.tf.constant(1));
  }

  /** The width of {@link #vector()}; 0 when the config has no public feature. */
  long width() {
    long width = numeric.size();
    for (EmbeddingLookup.Request request : requests.values()) {
      width += request.width;
    }
    return width;
  }
}
