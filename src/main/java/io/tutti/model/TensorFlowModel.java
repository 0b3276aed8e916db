package io.tutti.model;

import io.tutti.common.TuttiException;
import io.tutti.config.ScenarioConfig;
import io.tutti.config.TaskConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A model graph in a TensorFlow session: the training pass, its loss, gradients and updates, the
 * inference pass, and the variables' initialisation, checkpoints and SavedModel export. The
 * architecture comes from a {@link Network}.
 *
 * <p>The loss, per (sample, task) pair: {@code w = mask * weight * lossWeight[scenario, task]},
 * {@code bce = max(z, 0) - z y + log(1 + exp(-|z|))} (binary cross-entropy from the logit {@code
 * z}, stable for any {@code z}), and the objective {@code sum(w * bce) / batch}, plus {@code
 * model.l2} times the squares of the dense weight matrices and the network's own regularisation. A
 * pair with mask 0 has {@code w = 0}, so it contributes exactly zero gradient to every parameter.
 * With {@code model.task_mask: false} the mask fed is all ones (absent labels read as negatives),
 * and a task outside a scenario takes the task's default loss weight.
 *
 * <p>Every update runs after every gradient has been computed (control dependencies), so a step is
 * a pure function of the variables, the batch and the step's settings.
 */
final class TensorFlowModel implements TrainableModel {
  private static final Logger LOG = LoggerFactory.getLogger(TensorFlowModel.class);

  private final TuttiConfig config;
  private final ModelSignature signature;
  private final Graph graph;
  private final Ops tf;
  private final Parameters parameters;
  private final GraphInputs inputs;
  private final Session session;
  private final int tasks;

  private final Placeholder<TFloat32> labels;
  private final Placeholder<TFloat32> labelMask;
  private final Placeholder<TFloat32> sampleWeight;
  private final Placeholder<TFloat32> learningRate;
  private final Placeholder<TFloat32> embeddingLearningRate;
  private final Placeholder<TInt64> dropoutSeed;
  private final Operand<TFloat32> objective;
  private final Operand<TFloat32> taskLossSums;
  private final Operand<TFloat32> taskWeightSums;
  private final Op trainStep;
  private final Operand<TFloat32> probabilities;
  private final Network.Pass trainingPass;

  TensorFlowModel(TuttiConfig config, Network network) {
    this.config = config;
    this.signature = new ModelSignature(config);
    this.tasks = config.tasks().size();
    graph = new Graph();
    try {
      tf = Ops.create(graph);
      parameters = new Parameters(tf);
      inputs = new GraphInputs(tf, signature);
      EmbeddingTables tables = new EmbeddingTables(config);

      labels = trainInput("train/labels", Shape.of(-1, tasks));
      labelMask = trainInput("train/label_mask", Shape.of(-1, tasks));
      sampleWeight = trainInput("train/weight", Shape.of(-1));
      learningRate = trainInput("train/learning_rate", Shape.scalar());
      embeddingLearningRate = trainInput("train/embedding_learning_rate", Shape.scalar());
      dropoutSeed =
          Parameters.named(tf, "train/dropout_seed")
              .placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
      Operand<TInt32> batchSize =
          tf.reshape(tf.shape(inputs.ints(ModelSignature.SCENARIO)), tf.constant(new int[0]));

      // Two passes over shared weights: with dropout for training, without for inference.
      trainingPass =
          network.build(
              new Layers(tf.withSubScope("training"), parameters, true, batchSize, dropoutSeed),
              inputs,
              tables);
      Network.Pass inferencePass =
          network.build(
              new Layers(tf.withSubScope("inference"), parameters, false, batchSize, dropoutSeed),
              inputs,
              tables);
      probabilities = tf.withName(ModelSignature.OUTPUT).math.sigmoid(inferencePass.logits());

      Operand<TFloat32> pairWeights = pairWeights();
      Operand<TFloat32> pairLosses = binaryCrossEntropy(trainingPass.logits(), labels);
      Operand<TFloat32> weighted = tf.math.mul(pairWeights, pairLosses);
      taskLossSums = tf.sum(weighted, tf.constant(0));
      taskWeightSums = tf.sum(pairWeights, tf.constant(0));
      Operand<TFloat32> batchRows = tf.dtypes.cast(batchSize, TFloat32.class);
      Operand<TFloat32> total = tf.math.div(tf.sum(taskLossSums, tf.constant(0)), batchRows);
      total = addRegularisation(total);
      objective = Parameters.named(tf, "train/objective").identity(total);

      trainStep = buildUpdates();
      session = new Session(graph, sessionConfig(config));
      initialise();
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
    LOG.info(
        "Built model '{}' with {} parameters ({} in embedding tables)",
        config.model().type(),
        parameterCount(),
        tables().parameterCount());
  }

  private EmbeddingTables tables() {
    return new EmbeddingTables(config);
  }

  private Placeholder<TFloat32> trainInput(String name, Shape shape) {
    return Parameters.named(tf, name).placeholder(TFloat32.class, Placeholder.shape(shape));
  }

  /** {@code [batch, tasks]}: mask x sample weight x the scenario's loss weight of the task. */
  private Operand<TFloat32> pairWeights() {
    float[][] lossWeights = new float[config.scenarios().size()][tasks];
    for (int s = 0; s < lossWeights.length; s++) {
      ScenarioConfig scenario = config.scenarios().get(s);
      for (int t = 0; t < tasks; t++) {
        TaskConfig task = config.tasks().get(t);
        Double weight = scenario.lossWeights().get(task.id());
        lossWeights[s][t] = (float) (weight != null ? weight : task.lossWeight());
      }
    }
    Operand<TFloat32> perScenario =
        tf.gather(tf.constant(lossWeights), inputs.ints(ModelSignature.SCENARIO), tf.constant(0));
    return tf.math.mul(
        tf.math.mul(labelMask, tf.expandDims(sampleWeight, tf.constant(1))), perScenario);
  }

  private Operand<TFloat32> binaryCrossEntropy(Operand<TFloat32> z, Operand<TFloat32> y) {
    return tf.math.add(
        tf.math.sub(tf.nn.relu(z), tf.math.mul(z, y)),
        tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(z)))));
  }

  private Operand<TFloat32> addRegularisation(Operand<TFloat32> total) {
    Operand<TFloat32> result = total;
    if (trainingPass.regularisation() != null) {
      result = tf.math.add(result, trainingPass.regularisation());
    }
    if (config.model().l2() > 0) {
      for (Parameters.Parameter parameter : parameters.ofKind(Parameters.Kind.DENSE_MATRIX)) {
        Operand<TFloat32> flat = tf.reshape(parameter.variable(), tf.constant(new int[] {-1}));
        Operand<TFloat32> squares = tf.sum(tf.math.square(flat), tf.constant(0));
        result =
            tf.math.add(result, tf.math.mul(squares, tf.constant((float) config.model().l2())));
      }
    }
    return result;
  }

  /** Gradients, then every update after every gradient: the step op. */
  private Op buildUpdates() {
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
    Output<?>[] gradients = graph.addGradients(objective.asOutput(), targets);

    List<Operand<TFloat32>> denseGradients = new ArrayList<>();
    List<Op> computed = new ArrayList<>();
    for (int i = 0; i < targets.length; i++) {
      Operand<TFloat32> gradient = gradientOrZeros(gradients[i], targets[i]);
      if (i < dense.size()) {
        denseGradients.add(gradient);
      }
      computed.add(tf.identity(gradient));
    }
    List<Operand<TFloat32>> clipped =
        new DenseOptimizer(tf, parameters, config.training()).clip(denseGradients);
    for (Operand<TFloat32> gradient : clipped) {
      computed.add(tf.identity(gradient));
    }
    computed.add(tf.identity(taskLossSums));
    computed.add(tf.identity(taskWeightSums));

    DenseOptimizer optimizer = new DenseOptimizer(tf, parameters, config.training());
    List<Variable<TFloat32>> weights = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Parameters.Parameter parameter : dense) {
      weights.add(parameter.variable());
      names.add(parameter.name());
    }
    List<Op> updates =
        new ArrayList<>(optimizer.applyDense(weights, names, clipped, learningRate, computed));
    for (int g = 0; g < gathered.size(); g++) {
      EmbeddingLookup.Gathered rows = gathered.get(g);
      Operand<TFloat32> rowGradients =
          gradientOrZeros(gradients[dense.size() + g], targets[dense.size() + g]);
      updates.add(
          optimizer.applySparse(
              rows,
              parameters.find(rows.variableName()).shape(),
              rowGradients,
              embeddingLearningRate,
              computed));
    }
    return Parameters.named(tf, "train/step").withControlDependencies(updates).noOp();
  }

  private Operand<TFloat32> gradientOrZeros(Output<?> gradient, Output<?> target) {
    // A target the objective does not reach comes back null or with index -1: zero gradient.
    if (gradient == null || gradient.index() < 0) {
      return tf.zerosLike(target.expect(TFloat32.class));
    }
    return gradient.expect(TFloat32.class);
  }

  private static ConfigProto sessionConfig(TuttiConfig config) {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(config.training().threads())
        .setInterOpParallelismThreads(1)
        .build();
  }

  /** Sets every variable to its initial value under {@code training.seed}. */
  private void initialise() {
    long seed = config.training().seed();
    for (Parameters.Parameter parameter : parameters.all()) {
      float[] values = Parameters.initialValue(parameter, seed);
      assign(parameter, values);
    }
  }

  void assign(Parameters.Parameter parameter, float[] values) {
    try (TFloat32 value =
        TFloat32.tensorOf(Shape.of(parameter.shape()), DataBuffers.of(values, true, false))) {
      session.runner().feed(parameter.value(), value).addTarget(parameter.assign()).run();
    }
  }

  @Override
  public TuttiConfig config() {
    return config;
  }

  @Override
  public StepLosses train(Batch batch, StepSettings settings) {
    int rows = batch.size;
    try (ModelSignature.Feed feed = signature.toTensors(batch);
        TFloat32 labelTensor = matrix(batch.labels, rows);
        TFloat32 maskTensor = matrix(effectiveMask(batch), rows);
        TFloat32 weightTensor =
            TFloat32.tensorOf(
                Shape.of(rows), DataBuffers.of(batch.weight, true, false).narrow(rows));
        TFloat32 rate = TFloat32.scalarOf(settings.learningRate());
        TFloat32 embeddingRate = TFloat32.scalarOf(settings.embeddingLearningRate());
        TInt64 seed = TInt64.vectorOf(config.training().seed(), settings.step())) {
      Session.Runner runner = session.runner();
      feedAll(runner, feed);
      runner
          .feed(labels, labelTensor)
          .feed(labelMask, maskTensor)
          .feed(sampleWeight, weightTensor)
          .feed(learningRate, rate)
          .feed(embeddingLearningRate, embeddingRate)
          .feed(dropoutSeed, seed)
          .fetch(objective)
          .fetch(taskLossSums)
          .fetch(taskWeightSums)
          .addTarget(trainStep);
      try (Result result = runner.run()) {
        float total = ((TFloat32) result.get(0)).getFloat();
        float[] lossSums = floats(result.get(1), tasks);
        float[] weightSums = floats(result.get(2), tasks);
        float[] perTask = new float[tasks];
        int[] pairs = new int[tasks];
        float[] mask = effectiveMask(batch);
        for (int r = 0; r < rows; r++) {
          for (int t = 0; t < tasks; t++) {
            if (mask[r * tasks + t] > 0) {
              pairs[t]++;
            }
          }
        }
        for (int t = 0; t < tasks; t++) {
          perTask[t] = weightSums[t] > 0 ? lossSums[t] / weightSums[t] : Float.NaN;
        }
        return new StepLosses(total, perTask, pairs);
      }
    }
  }

  private float[] effectiveMask(Batch batch) {
    if (config.model().taskMask()) {
      return batch.labelMask;
    }
    float[] ones = new float[batch.size * tasks];
    Arrays.fill(ones, 1f);
    return ones;
  }

  private TFloat32 matrix(float[] values, int rows) {
    return TFloat32.tensorOf(
        Shape.of(rows, tasks), DataBuffers.of(values, true, false).narrow((long) rows * tasks));
  }

  private static float[] floats(Tensor tensor, int size) {
    float[] values = new float[size];
    ((TFloat32) tensor).asRawTensor().data().asFloats().read(values);
    return values;
  }

  private static void feedAll(Session.Runner runner, ModelSignature.Feed feed) {
    for (Map.Entry<String, Tensor> entry : feed.tensors().entrySet()) {
      runner.feed(entry.getKey(), entry.getValue());
    }
  }

  @Override
  public void predict(Batch batch, float[] out) {
    try (ModelSignature.Feed feed = signature.toTensors(batch)) {
      predict(feed, out);
    }
  }

  /** The probabilities of a feed, {@code [rows, tasks]}, into {@code out}. */
  void predict(ModelSignature.Feed feed, float[] out) {
    int size = feed.rows() * tasks;
    if (out.length < size) {
      throw new IllegalArgumentException(
          "output array holds " + out.length + " floats, the batch needs " + size);
    }
    Session.Runner runner = session.runner();
    feedAll(runner, feed);
    try (Result result = runner.fetch(probabilities).run()) {
      ((TFloat32) result.get(0)).asRawTensor().data().asFloats().read(out, 0, size);
    }
  }

  @Override
  public void saveCheckpoint(Path directory) {
    Checkpoints.save(directory, parameters, session, config);
  }

  @Override
  public void restoreCheckpoint(Path directory) {
    Checkpoints.restore(directory, parameters, this);
    LOG.info("Restored checkpoint {}", directory);
  }

  @Override
  public void exportSavedModel(Path directory) {
    SavedModels.export(directory, this);
  }

  @Override
  public long parameterCount() {
    long count = 0;
    for (Parameters.Parameter parameter : parameters.all()) {
      if (parameter.trainable()) {
        count += parameter.size();
      }
    }
    return count;
  }

  Session session() {
    return session;
  }

  Parameters parameters() {
    return parameters;
  }

  GraphInputs inputs() {
    return inputs;
  }

  Operand<TFloat32> probabilities() {
    return probabilities;
  }

  ModelSignature signature() {
    return signature;
  }

  Graph graph() {
    return graph;
  }

  Operand<TFloat32> objective() {
    return objective;
  }

  /** Placeholders of the training inputs, by role, for tests that take gradients. */
  Map<String, Placeholder<?>> trainingInputs() {
    return Map.of(
        "labels", labels,
        "label_mask", labelMask,
        "weight", sampleWeight,
        "learning_rate", learningRate,
        "embedding_learning_rate", embeddingLearningRate,
        "dropout_seed", dropoutSeed);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }

  /** Throws a clear error when a user-facing operation fails inside TensorFlow. */
  static TuttiException failure(String what, Path path, Exception cause) {
    return new TuttiException(what + " " + path + " failed: " + cause.getMessage(), cause);
  }
}
