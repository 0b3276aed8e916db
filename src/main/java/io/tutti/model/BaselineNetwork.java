package io.tutti.model;

import io.tutti.config.FeatureConfig;
import io.tutti.config.FeatureType;
import io.tutti.config.ModelConfig;
import io.tutti.config.TuttiConfig;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The known multi-scenario models Tutti compares against, on exactly the unified model's inputs and
 * embeddings (the same {@link EmbeddingTables}, {@link PublicFeatures} and {@link InterestModule}),
 * each with its own over part. Their input is one vector per sample:
 *
 * <pre>
 *   x = [public features, interest, private features, scenario one-hot]     [batch, in]
 * </pre>
 *
 * where the private features are every scenario's embeddings and numerics side by side, zero
 * outside the sample's own scenario. Then, by {@code model.type}:
 *
 * <ul>
 *   <li>{@code shared_bottom} (also {@code separate}, which the trainer fits once per scenario):
 *       one MLP ({@code public_units}) shared by every task, then a tower per task.
 *   <li>{@code mmoe}: {@code experts} shared experts mixed per task by softmax gates, then a tower
 *       per task (the unified model's over part, with no SEN and no public network).
 *   <li>{@code ple}: {@code ple_levels} CGC levels, each with {@code experts} shared experts and
 *       {@code task_experts} experts per task; a task's gate mixes its own and the shared experts,
 *       the shared gate mixes all of them for the next level; then a tower per task.
 *   <li>{@code star}: fully connected layers ({@code public_units}) whose weights are the shared
 *       weights times the scenario's own (element-wise), biases the sum, each after a partitioned
 *       normalisation (a layer norm with per-scenario gain and bias), then a tower per task; an
 *       auxiliary network on the scenario one-hot adds a logit per task.
 * </ul>
 *
 * <p>STAR's paper normalises with batch statistics per scenario and moving averages at serving
 * time; here the statistics are per sample (a layer norm), for the reason given on {@link
 * ScenarioExpertNetwork}: nothing depends on the batch's mix of scenarios, in training or serving.
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

    UnifiedNetwork.PublicParts declared =
        UnifiedNetwork.declarePublic(layers, config, inputs, tables, longCandidates);
    EmbeddingLookup lookup = declared.lookup();
    PublicFeatures publicFeatures = declared.features();
    InterestModule interest = declared.interest();
    List<java.util.Map<FeatureConfig, EmbeddingLookup.Request>> privateRequests =
        PrivateDomain.request(layers, config, inputs, lookup);
    lookup.resolve();

    Operand<TFloat32> scenarioOneHot = UnifiedNetwork.scenarioOneHot(tf, inputs, config);
    List<Operand<TFloat32>> parts = new ArrayList<>();
    parts.add(UnifiedNetwork.publicInput(tf, publicFeatures, interest));
    long width = publicFeatures.width() + interest.width();
    for (int s = 0; s < privateRequests.size(); s++) {
      Operand<TFloat32> own =
          tf.slice(scenarioOneHot, tf.constant(new int[] {0, s}), tf.constant(new int[] {-1, 1}));
      for (EmbeddingLookup.Request request : privateRequests.get(s).values()) {
        Operand<TFloat32> embedding = request.pooled(layers);
        parts.add(tf.math.mul(embedding, own));
        width += request.width;
      }
      int numeric = config.privateFeatures(s, FeatureType.NUMERIC).size();
      if (model.privateFeatures() && numeric > 0) {
        parts.add(inputs.floats(ModelSignature.privateNumericName(config.scenarios().get(s).id())));
        width += numeric;
      }
    }
    parts.add(scenarioOneHot);
    width += config.scenarios().size();
    Operand<TFloat32> x = tf.concat(parts, tf.constant(1));

    int tasks = config.tasks().size();
    Operand<TFloat32> taskLogits =
        switch (model.type()) {
          case "mmoe" ->
              new MultiGateMixture(
                      layers,
                      "mmoe",
                      model.experts(),
                      model.expertUnits(),
                      model.towerUnits(),
                      model.dropout())
                  .logits(x, width, tasks);
          case "ple" -> progressiveLayers(layers, x, width, tasks);
          case "star" -> star(layers, x, width, scenarioOneHot, tasks);
          default -> sharedBottom(layers, x, width, tasks);
        };
    return new Pass(taskLogits, null, lookup.gathered());
  }

  private Operand<TFloat32> sharedBottom(
      Layers layers, Operand<TFloat32> x, long width, int tasks) {
    ModelConfig model = config.model();
    Operand<TFloat32> bottom = layers.mlp("bottom", x, width, model.publicUnits(), model.dropout());
    long bottomWidth = model.publicUnits().get(model.publicUnits().size() - 1);
    return towers(layers, "shared_bottom", List.of(bottom), bottomWidth, tasks);
  }

  private Operand<TFloat32> towers(
      Layers layers, String name, List<Operand<TFloat32>> perTask, long width, int tasks) {
    ModelConfig model = config.model();
    MultiGateMixture heads =
        new MultiGateMixture(
            layers, name, 1, model.expertUnits(), model.towerUnits(), model.dropout());
    List<Operand<TFloat32>> logits = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      logits.add(heads.tower(perTask.get(perTask.size() == 1 ? 0 : t), width, t));
    }
    return logits.size() == 1 ? logits.get(0) : layers.tf.concat(logits, layers.tf.constant(1));
  }

  /** PLE: CGC levels of task and shared experts, then a tower per task. */
  private Operand<TFloat32> progressiveLayers(
      Layers layers, Operand<TFloat32> x, long width, int tasks) {
    Ops tf = layers.tf;
    ModelConfig model = config.model();
    long units = model.expertUnits().get(model.expertUnits().size() - 1);
    List<Operand<TFloat32>> taskInputs = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      taskInputs.add(x);
    }
    Operand<TFloat32> sharedInput = x;
    long inWidth = width;
    for (int level = 0; level < model.pleLevels(); level++) {
      String name = "ple/level" + level;
      List<Operand<TFloat32>> shared = new ArrayList<>();
      for (int e = 0; e < model.experts(); e++) {
        shared.add(
            layers.mlp(
                name + "/shared" + e, sharedInput, inWidth, model.expertUnits(), model.dropout()));
      }
      List<Operand<TFloat32>> everyExpert = new ArrayList<>(shared);
      List<Operand<TFloat32>> nextTaskInputs = new ArrayList<>();
      for (int t = 0; t < tasks; t++) {
        List<Operand<TFloat32>> own = new ArrayList<>();
        for (int e = 0; e < model.taskExperts(); e++) {
          own.add(
              layers.mlp(
                  name + "/task" + t + "/expert" + e,
                  taskInputs.get(t),
                  inWidth,
                  model.expertUnits(),
                  model.dropout()));
        }
        everyExpert.addAll(own);
        List<Operand<TFloat32>> visible = new ArrayList<>(own);
        visible.addAll(shared);
        nextTaskInputs.add(
            mix(layers, name + "/task" + t + "/gate", taskInputs.get(t), inWidth, visible));
      }
      // The last level's shared experts feed only the task gates: no shared gate after it.
      if (level + 1 < model.pleLevels()) {
        sharedInput = mix(layers, name + "/shared_gate", sharedInput, inWidth, everyExpert);
      }
      taskInputs = nextTaskInputs;
      inWidth = units;
    }
    return towers(layers, "ple", taskInputs, units, tasks);
  }

  /** A softmax gate on {@code input} over {@code experts}: their weighted sum. */
  private static Operand<TFloat32> mix(
      Layers layers,
      String name,
      Operand<TFloat32> input,
      long width,
      List<Operand<TFloat32>> experts) {
    Ops tf = layers.tf;
    Operand<TFloat32> gate = tf.nn.softmax(layers.dense(name, input, width, experts.size()));
    Operand<TFloat32> stacked = tf.stack(experts, org.tensorflow.op.core.Stack.axis(1L));
    return tf.sum(tf.math.mul(stacked, tf.expandDims(gate, tf.constant(-1))), tf.constant(1));
  }

  /** STAR: star-topology layers with partitioned normalisation, plus an auxiliary network. */
  private Operand<TFloat32> star(
      Layers layers, Operand<TFloat32> x, long width, Operand<TFloat32> scenarioOneHot, int tasks) {
    Ops tf = layers.tf;
    ModelConfig model = config.model();
    int scenarios = config.scenarios().size();
    Operand<TFloat32> h = x;
    long in = width;
    for (int level = 0; level < model.publicUnits().size(); level++) {
      long out = model.publicUnits().get(level);
      String name = "star/layer" + level;
      h = partitionedNorm(layers, name + "/norm", h, in, scenarioOneHot, scenarios);
      Operand<TFloat32> sharedWeight = layers.parameters.matrix(name + "/shared/w", in, out);
      Operand<TFloat32> sharedBias = layers.parameters.bias(name + "/shared/b", out);
      Operand<TFloat32> selected = null;
      for (int s = 0; s < scenarios; s++) {
        String own = name + "/" + config.scenarios().get(s).id();
        Operand<TFloat32> weight =
            layers.parameters.get(own + "/w", Parameters.Init.ONES, Parameters.Kind.DENSE, in, out);
        Operand<TFloat32> bias = layers.parameters.bias(own + "/b", out);
        Operand<TFloat32> result =
            tf.math.add(
                tf.linalg.matMul(h, tf.math.mul(sharedWeight, weight)),
                tf.math.add(sharedBias, bias));
        Operand<TFloat32> mine =
            tf.slice(scenarioOneHot, tf.constant(new int[] {0, s}), tf.constant(new int[] {-1, 1}));
        Operand<TFloat32> kept = tf.math.mul(result, mine);
        selected = selected == null ? kept : tf.math.add(selected, kept);
      }
      h = layers.dropout(tf.nn.relu(selected), model.dropout(), out);
      in = out;
    }
    Operand<TFloat32> main = towers(layers, "star", List.of(h), in, tasks);
    // The auxiliary network sees the scenario alone: each scenario's prior per task.
    Operand<TFloat32> auxiliary =
        layers.dense(
            "star/auxiliary/logit",
            layers.mlp("star/auxiliary", scenarioOneHot, scenarios, List.of(8), 0.0),
            8,
            tasks);
    return tf.math.add(main, auxiliary);
  }

  private static Operand<TFloat32> partitionedNorm(
      Layers layers,
      String name,
      Operand<TFloat32> x,
      long width,
      Operand<TFloat32> scenarioOneHot,
      int scenarios) {
    Ops tf = layers.tf;
    Operand<TFloat32> normalised = layers.layerNorm(name + "/shared", x, width);
    // Per-scenario gain and bias, [scenarios, width], picked by the one-hot.
    Operand<TFloat32> gains =
        layers.parameters.get(
            name + "/gains", Parameters.Init.ONES, Parameters.Kind.DENSE, scenarios, width);
    Operand<TFloat32> biases = layers.parameters.bias(name + "/biases", scenarios, width);
    return tf.math.add(
        tf.math.mul(normalised, tf.linalg.matMul(scenarioOneHot, gains)),
        tf.linalg.matMul(scenarioOneHot, biases));
  }
}
