package io.tutti.model;

import io.tutti.config.ModelConfig;
import io.tutti.config.TuttiConfig;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The known multi-scenario, multi-task models the unified model is compared with, each on the same
 * inputs and embeddings as the unified model (the public features, the interest module, each
 * scenario's private tokens averaged, no SEN) and a scenario one-hot, with another over part:
 *
 * <pre>
 *   x = [public features, interest, own private tokens, scenario one-hot]   [batch, in]
 *
 *   shared_bottom:  h = mlp(x); logit t = tower_t(h)
 *   mmoe:           logit t = tower_t(sum_e softmax(gate_t(x))[e] expert_e(x))
 *   ple:            pleLevels CGC levels; level k: task t mixes its own taskExperts and the
 *                   shared experts by its gate, the shared output mixes all of them; the
 *                   first level reads x, the next ones the previous level's outputs;
 *                   logit t = tower_t(task t's last output)
 *   star:           partitioned normalisation x' = LN(x) * (1 + g_s) + b_s, then layers of
 *                   h = relu(h (W ⊙ W_s) + b + b_s) for the sample's scenario s (W_s starts at
 *                   1), logits = h V + aux([x, one-hot]) with aux a small auxiliary network
 * </pre>
 *
 * <p>Widths: {@code public_units} for the shared bottom and STAR's layers, {@code expert_units} for
 * experts, {@code tower_units} for task towers, {@code experts} shared experts, {@code
 * task_experts} per task and {@code ple_levels} levels for PLE. Logits are {@code [batch, tasks]}.
 */
final class BaselineNetwork implements Network {
  private final TuttiConfig config;
  private final int longCandidates;

  BaselineNetwork(TuttiConfig config, int longCandidates) {
    this.config = config;
    this.longCandidates = longCandidates;
  }

  @Override
  public Pass build(Layers layers, GraphInputs inputs, EmbeddingTables tables) {
    Ops tf = layers.tf;
    ModelConfig model = config.model();
    int tasks = config.tasks().size();

    // The unified model's inputs, its private tokens averaged: only the over part differs.
    TuttiConfig averaged = config.withModel(withoutSen(model));
    EmbeddingLookup lookup = new EmbeddingLookup(layers, tables);
    PublicFeatures publicFeatures = new PublicFeatures(layers, averaged, inputs, lookup);
    InterestModule interest =
        new InterestModule(layers, averaged, inputs, lookup, publicFeatures, longCandidates);
    PrivateDomain privateDomain = new PrivateDomain(layers, averaged, inputs, lookup);
    lookup.resolve();

    Operand<TFloat32> scenarioOneHot = UnifiedNetwork.scenarioOneHot(tf, inputs, config);
    List<Operand<TFloat32>> parts = new ArrayList<>();
    parts.add(UnifiedNetwork.publicInput(tf, publicFeatures, interest));
    long width = publicFeatures.width() + interest.width();
    if (privateDomain.present()) {
      // The common argument is read by a SEN only; without one the tokens are averaged.
      parts.add(privateDomain.output(parts.get(0), width, scenarioOneHot));
      width += privateDomain.width();
    }
    parts.add(scenarioOneHot);
    width += config.scenarios().size();
    Operand<TFloat32> x = tf.concat(parts, tf.constant(1));

    Operand<TFloat32> taskLogits =
        switch (model.type()) {
          case "shared_bottom" -> sharedBottom(layers, x, width, tasks);
          case "mmoe" ->
              new MultiGateMixture(
                      layers,
                      "mmoe",
                      model.experts(),
                      model.expertUnits(),
                      model.towerUnits(),
                      model.dropout())
                  .logits(x, width, tasks);
          case "ple" -> ple(layers, x, width, tasks);
          case "star" -> star(layers, x, width, scenarioOneHot, tasks);
          default ->
              throw new IllegalArgumentException(
                  "BaselineNetwork builds shared_bottom, mmoe, ple and star; not " + model.type());
        };
    return new Pass(taskLogits, privateDomain.regularisation(scenarioOneHot), lookup.gathered());
  }

  /** One shared MLP, then a tower per task. */
  private Operand<TFloat32> sharedBottom(Layers layers, Operand<TFloat32> x, long in, int tasks) {
    ModelConfig model = config.model();
    Operand<TFloat32> bottom = layers.mlp("bottom", x, in, model.publicUnits(), model.dropout());
    long width = last(model.publicUnits());
    MultiGateMixture towers =
        new MultiGateMixture(
            layers, "shared_bottom", 0, model.expertUnits(), model.towerUnits(), model.dropout());
    List<Operand<TFloat32>> logits = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      logits.add(towers.tower(bottom, width, t));
    }
    return concat(layers.tf, logits);
  }

  /** Progressive layered extraction: {@code ple_levels} CGC levels, then a tower per task. */
  private Operand<TFloat32> ple(Layers layers, Operand<TFloat32> x, long in, int tasks) {
    ModelConfig model = config.model();
    Ops tf = layers.tf;
    long units = last(model.expertUnits());
    List<Operand<TFloat32>> taskInputs = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      taskInputs.add(x);
    }
    Operand<TFloat32> sharedInput = x;
    long width = in;
    for (int level = 0; level < model.pleLevels(); level++) {
      String name = "ple/level" + level;
      boolean lastLevel = level == model.pleLevels() - 1;
      List<Operand<TFloat32>> shared = new ArrayList<>();
      for (int e = 0; e < model.experts(); e++) {
        shared.add(
            layers.mlp(
                name + "/shared" + e, sharedInput, width, model.expertUnits(), model.dropout()));
      }
      List<Operand<TFloat32>> allExperts = new ArrayList<>(shared);
      List<Operand<TFloat32>> nextTaskInputs = new ArrayList<>();
      for (int t = 0; t < tasks; t++) {
        List<Operand<TFloat32>> own = new ArrayList<>();
        for (int e = 0; e < model.taskExperts(); e++) {
          own.add(
              layers.mlp(
                  name + "/task" + t + "/expert" + e,
                  taskInputs.get(t),
                  width,
                  model.expertUnits(),
                  model.dropout()));
        }
        allExperts.addAll(own);
        List<Operand<TFloat32>> visible = new ArrayList<>(own);
        visible.addAll(shared);
        nextTaskInputs.add(mix(layers, name + "/gate" + t, taskInputs.get(t), width, visible));
      }
      if (!lastLevel) {
        sharedInput = mix(layers, name + "/shared_gate", sharedInput, width, allExperts);
      }
      taskInputs = nextTaskInputs;
      width = units;
    }
    MultiGateMixture towers =
        new MultiGateMixture(
            layers, "ple", 0, model.expertUnits(), model.towerUnits(), model.dropout());
    List<Operand<TFloat32>> logits = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      logits.add(towers.tower(taskInputs.get(t), units, t));
    }
    return concat(tf, logits);
  }

  /** The experts' outputs mixed by a softmax gate on {@code input}: {@code [batch, units]}. */
  private static Operand<TFloat32> mix(
      Layers layers,
      String name,
      Operand<TFloat32> input,
      long in,
      List<Operand<TFloat32>> experts) {
    Ops tf = layers.tf;
    Operand<TFloat32> gate = tf.nn.softmax(layers.dense(name, input, in, experts.size()));
    Operand<TFloat32> stacked = tf.stack(experts, org.tensorflow.op.core.Stack.axis(1L));
    return tf.sum(tf.math.mul(stacked, tf.expandDims(gate, tf.constant(-1))), tf.constant(1));
  }

  /**
   * STAR: partitioned normalisation, a star-topology MLP whose weights are the shared ones times
   * the sample's scenario's, and an auxiliary network on the scenario added to the logits.
   */
  private Operand<TFloat32> star(
      Layers layers, Operand<TFloat32> x, long in, Operand<TFloat32> oneHot, int tasks) {
    ModelConfig model = config.model();
    Ops tf = layers.tf;
    int scenarios = config.scenarios().size();

    // Partitioned normalisation: one normaliser, a gain and bias per scenario on top.
    Operand<TFloat32> normalised = layers.layerNorm("star/pn", x, in);
    Operand<TFloat32> gain =
        tf.linalg.matMul(oneHot, layers.parameters.bias("star/pn/scenario_gain", scenarios, in));
    Operand<TFloat32> bias =
        tf.linalg.matMul(oneHot, layers.parameters.bias("star/pn/scenario_bias", scenarios, in));
    Operand<TFloat32> h =
        tf.math.add(tf.math.mul(normalised, tf.math.add(gain, tf.constant(1f))), bias);

    // Each layer: the shared weight times the scenario's, evaluated per scenario and selected.
    long width = in;
    List<Integer> units = model.publicUnits();
    for (int l = 0; l < units.size(); l++) {
      String name = "star/layer" + l;
      long out = units.get(l);
      Operand<TFloat32> shared = layers.parameters.matrix(name + "/w", width, out);
      Operand<TFloat32> sharedBias = layers.parameters.bias(name + "/b", out);
      Operand<TFloat32> selected = null;
      for (int s = 0; s < scenarios; s++) {
        Operand<TFloat32> own =
            layers.parameters.get(
                name + "/w_s" + s, Parameters.Init.ONES, Parameters.Kind.DENSE, width, out);
        Operand<TFloat32> ownBias = layers.parameters.bias(name + "/b_s" + s, out);
        Operand<TFloat32> y =
            tf.math.add(
                tf.linalg.matMul(h, tf.math.mul(shared, own)), tf.math.add(sharedBias, ownBias));
        Operand<TFloat32> mine =
            tf.slice(oneHot, tf.constant(new int[] {0, s}), tf.constant(new int[] {-1, 1}));
        Operand<TFloat32> kept = tf.math.mul(y, mine);
        selected = selected == null ? kept : tf.math.add(selected, kept);
      }
      h = layers.dropout(tf.nn.relu(selected), model.dropout(), out);
      width = out;
    }
    Operand<TFloat32> main = layers.dense("star/logits", h, width, tasks);

    // The auxiliary network sees the scenario directly, so scenario differences need not
    // pass through the shared layers.
    Operand<TFloat32> auxInput = tf.concat(List.of(x, oneHot), tf.constant(1));
    Operand<TFloat32> aux =
        layers.mlp("star/aux", auxInput, in + scenarios, model.towerUnits(), model.dropout());
    Operand<TFloat32> auxLogits =
        layers.dense("star/aux/logits", aux, last(model.towerUnits()), tasks);
    return tf.math.add(main, auxLogits);
  }

  private static ModelConfig withoutSen(ModelConfig m) {
    return new ModelConfig(
        m.type(),
        m.embeddingDim(),
        m.interest(),
        m.longTopK(),
        m.attentionHeads(),
        m.publicUnits(),
        false,
        m.senUnits(),
        m.privateFeatures(),
        m.taskMask(),
        m.experts(),
        m.taskExperts(),
        m.pleLevels(),
        m.expertUnits(),
        m.towerUnits(),
        m.dropout(),
        m.overfitDropout(),
        m.overfitL2(),
        m.l2());
  }

  private static Operand<TFloat32> concat(Ops tf, List<Operand<TFloat32>> logits) {
    return logits.size() == 1 ? logits.get(0) : tf.concat(logits, tf.constant(1));
  }

  private static long last(List<Integer> units) {
    return units.get(units.size() - 1);
  }
}
