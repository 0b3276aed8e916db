package io.tutti.model;

import io.tutti.config.FeatureConfig;
import io.tutti.config.FeatureType;
import io.tutti.config.ModelConfig;
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
 * The private domain: each scenario's private features as tokens, and each scenario's expert
 * network (SEN) over them, {@code [batch, sen_units]} per sample, the sample's own scenario's.
 *
 * <p>A token has width {@code W = model.sen_units}: a categorical feature's embedding times a
 * learnt {@code [d, W]} matrix, a multi-valued one's mean embedding likewise, a numeric one's value
 * times a learnt vector plus a bias. A token of an {@code overfit_prone} feature is dropped whole
 * at {@code model.overfit_dropout} while training, and its embedding rows carry L2 at {@code
 * model.overfit_l2}.
 *
 * <p>Every SEN runs on the whole batch and each row keeps only its own scenario's output (a one-hot
 * product): a row of another scenario is multiplied by exactly 0, so it sends exactly zero gradient
 * into a SEN that is not its own. Private features never reach the public network.
 *
 * <p>With {@code model.sen: false} (the ablation) a sample's private tokens are averaged instead,
 * with no expert network: the features stay, the per-scenario network goes.
 */
final class PrivateDomain {
  private final Layers layers;
  private final TuttiConfig config;
  private final ModelConfig model;
  private final GraphInputs inputs;
  private final List<Map<FeatureConfig, EmbeddingLookup.Request>> requests = new ArrayList<>();

  /** Phase 1: asks for every private embedded feature's rows. */
  PrivateDomain(Layers layers, TuttiConfig config, GraphInputs inputs, EmbeddingLookup lookup) {
    this.layers = layers;
    this.config = config;
    this.model = config.model();
    this.inputs = inputs;
    requests.addAll(request(layers, config, inputs, lookup));
  }

  /**
   * Phase 1 for any model: asks for every scenario's private categorical and multi-valued features'
   * rows, per scenario in config order; none when {@code model.private_features} is off.
   */
  static List<Map<FeatureConfig, EmbeddingLookup.Request>> request(
      Layers layers, TuttiConfig config, GraphInputs inputs, EmbeddingLookup lookup) {
    Ops tf = layers.tf;
    List<Map<FeatureConfig, EmbeddingLookup.Request>> all = new ArrayList<>();
    for (int s = 0; s < config.scenarios().size(); s++) {
      Map<FeatureConfig, EmbeddingLookup.Request> own = new LinkedHashMap<>();
      all.add(own);
      if (!config.model().privateFeatures()) {
        continue;
      }
      String id = config.scenarios().get(s).id();
      List<FeatureConfig> categorical = config.privateFeatures(s, FeatureType.CATEGORICAL);
      for (int c = 0; c < categorical.size(); c++) {
        Operand<TInt32> column =
            tf.slice(
                inputs.ints(ModelSignature.privateCategoricalName(id)),
                tf.constant(new int[] {0, c}),
                tf.constant(new int[] {-1, 1}));
        own.put(categorical.get(c), lookup.request(categorical.get(c), column, 1));
      }
      for (FeatureConfig feature : config.privateFeatures(s, FeatureType.MULTI_CATEGORICAL)) {
        own.put(
            feature,
            lookup.request(
                feature, inputs.ints("private_multi_" + feature.name()), feature.maxValues()));
      }
    }
    return all;
  }

  /** Whether the model has a private part: SEN towers, or private tokens to average. */
  boolean present() {
    return model.sen() || hasPrivateTokens();
  }

  private boolean hasPrivateTokens() {
    if (!model.privateFeatures()) {
      return false;
    }
    for (int s = 0; s < config.scenarios().size(); s++) {
      if (!config.scenarios().get(s).privateFeatures().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** The width of {@link #output}. */
  long width() {
    return model.senUnits();
  }

  /**
   * Phase 2: each sample's own scenario's SEN output, {@code [batch, sen_units]}.
   *
   * @param common the public representation, {@code [batch, commonWidth]}: a SEN's first token,
   *     which attends to the scenario's private tokens
   * @param scenarioOneHot {@code [batch, scenarios]}
   */
  Operand<TFloat32> output(
      Operand<TFloat32> common, long commonWidth, Operand<TFloat32> scenarioOneHot) {
    Ops tf = layers.tf;
    long width = model.senUnits();
    Operand<TFloat32> selected = null;
    for (int s = 0; s < config.scenarios().size(); s++) {
      String name = "sen/" + config.scenarios().get(s).id();
      List<Operand<TFloat32>> tokens = new ArrayList<>();
      if (model.sen()) {
        tokens.add(layers.dense(name + "/common_token", common, commonWidth, width));
      }
      tokens.addAll(privateTokens(s, name));
      if (tokens.isEmpty()) {
        continue;
      }
      Operand<TFloat32> stacked = tf.stack(tokens, org.tensorflow.op.core.Stack.axis(1L));
      Operand<TFloat32> own;
      if (model.sen()) {
        ScenarioExpertNetwork network =
            new ScenarioExpertNetwork(layers, name, model.attentionHeads(), model.dropout());
        own = network.apply(stacked, tokens.size(), width);
      } else {
        own = tf.math.mean(stacked, tf.constant(1));
      }
      Operand<TFloat32> mine =
          tf.slice(scenarioOneHot, tf.constant(new int[] {0, s}), tf.constant(new int[] {-1, 1}));
      Operand<TFloat32> kept = tf.math.mul(own, mine);
      selected = selected == null ? kept : tf.math.add(selected, kept);
    }
    if (selected == null) {
      return tf.fill(
          tf.stack(List.of(layers.batchSize(), tf.constant((int) width))), tf.constant(0f));
    }
    return selected;
  }

  private List<Operand<TFloat32>> privateTokens(int s, String name) {
    Ops tf = layers.tf;
    List<Operand<TFloat32>> tokens = new ArrayList<>();
    if (!model.privateFeatures()) {
      return tokens;
    }
    long width = model.senUnits();
    for (Map.Entry<FeatureConfig, EmbeddingLookup.Request> entry : requests.get(s).entrySet()) {
      FeatureConfig feature = entry.getKey();
      EmbeddingLookup.Request request = entry.getValue();
      Operand<TFloat32> embedding = request.pooled(layers);
      Operand<TFloat32> token =
          layers.dense(name + "/" + feature.name(), embedding, request.width, width);
      tokens.add(overfitDropout(feature, token));
    }
    String id = config.scenarios().get(s).id();
    List<FeatureConfig> numeric = config.privateFeatures(s, FeatureType.NUMERIC);
    for (int n = 0; n < numeric.size(); n++) {
      FeatureConfig feature = numeric.get(n);
      Operand<TFloat32> value =
          tf.slice(
              inputs.floats(ModelSignature.privateNumericName(id)),
              tf.constant(new int[] {0, n}),
              tf.constant(new int[] {-1, 1}));
      Operand<TFloat32> token =
          tf.math.add(
              tf.math.mul(
                  value,
                  layers.parameters.get(
                      name + "/" + feature.name() + "/w",
                      Parameters.Init.GLOROT,
                      Parameters.Kind.DENSE_MATRIX,
                      1,
                      width)),
              layers.parameters.bias(name + "/" + feature.name() + "/b", width));
      tokens.add(overfitDropout(feature, token));
    }
    return tokens;
  }

  private Operand<TFloat32> overfitDropout(FeatureConfig feature, Operand<TFloat32> token) {
    return feature.overfitProne() ? layers.dropout(token, model.overfitDropout(), 1) : token;
  }

  /**
   * The L2 penalty on the embedding rows of overfit-prone private features that the batch looked up
   * for samples of their own scenario, {@code overfit_l2 * sum of squares / batch}: a scalar, or
   * null when there is none.
   */
  Operand<TFloat32> regularisation(Operand<TFloat32> scenarioOneHot) {
    if (model.overfitL2() <= 0) {
      return null;
    }
    Ops tf = layers.tf;
    Operand<TFloat32> total = null;
    for (int s = 0; s < requests.size(); s++) {
      for (Map.Entry<FeatureConfig, EmbeddingLookup.Request> entry : requests.get(s).entrySet()) {
        if (!entry.getKey().overfitProne()) {
          continue;
        }
        Operand<TFloat32> perRow =
            tf.sum(tf.math.square(entry.getValue().embeddings()), tf.constant(new int[] {1, 2}));
        Operand<TFloat32> mine =
            tf.reshape(
                tf.slice(
                    scenarioOneHot, tf.constant(new int[] {0, s}), tf.constant(new int[] {-1, 1})),
                tf.constant(new int[] {-1}));
        Operand<TFloat32> sum = tf.sum(tf.math.mul(perRow, mine), tf.constant(0));
        total = total == null ? sum : tf.math.add(total, sum);
      }
    }
    if (total == null) {
      return null;
    }
    return tf.math.mul(
        tf.math.div(total, layers.toFloat(layers.batchSize())),
        tf.constant((float) model.overfitL2()));
  }
}
