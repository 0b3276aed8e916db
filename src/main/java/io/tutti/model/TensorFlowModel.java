package io.tutti.model;

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
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A model graph in a TensorFlow session: the training pass, its loss, gradients and updates, the
 * inference pass, and the variables' initialisation, checkpoints and SavedModel export. The
 * architecture comes from a {@link Network}.
 *
 * <p>The objective is {@link TrainingObjective}'s, the update {@link TrainingStep}'s.
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
  private final List<String> gradientNames;
  private final List<Operand<TFloat32>> rawGradients;

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

      TrainingObjective loss =
          TrainingObjective.build(
              tf,
              config,
              parameters,
              trainingPass,
              inputs.ints(ModelSignature.SCENARIO),
              labels,
              labelMask,
              sampleWeight,
              batchSize);
      taskLossSums = loss.taskLossSums();
      taskWeightSums = loss.taskWeightSums();
      Operand<TFloat32> total = loss.total();
      objective = Parameters.named(tf, "train/objective").identity(total);

      TrainingStep step =
          TrainingStep.build(
              tf,
              graph,
              parameters,
              config,
              trainingPass,
              objective,
              List.of(taskLossSums, taskWeightSums),
              learningRate,
              embeddingLearningRate);
      trainStep = step.update();
      gradientNames = step.gradientNames();
      rawGradients = step.gradients();
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

  private static ConfigProto sessionConfig(TuttiConfig config) {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(config.training().threads())
        .setInterOpParallelismThreads(1)
        .build();
  }

  /** Sets every variable to its initial value under {@code training.seed}. */
  private void initialise() {
    long seed = config.training().seed();
    Map<Parameters.Parameter, float[]> values = new java.util.LinkedHashMap<>();
    for (Parameters.Parameter parameter : parameters.all()) {
      values.put(parameter, Parameters.initialValue(parameter, seed));
    }
    assign(values);
  }

  /**
   * Sets variables to values, all in one session run: each distinct set of feeds and targets costs
   * TensorFlow a graph optimisation, so one run per variable would be slow.
   */
  void assign(Map<Parameters.Parameter, float[]> values) {
    List<TFloat32> tensors = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (Map.Entry<Parameters.Parameter, float[]> entry : values.entrySet()) {
        Parameters.Parameter parameter = entry.getKey();
        TFloat32 value =
            TFloat32.tensorOf(
                Shape.of(parameter.shape()), DataBuffers.of(entry.getValue(), true, false));
        tensors.add(value);
        runner.feed(parameter.value(), value).addTarget(parameter.assign());
      }
      runner.run();
    } finally {
      tensors.forEach(Tensor::close);
    }
  }

  /** The current value of every variable, in one session run. */
  Map<Parameters.Parameter, float[]> values() {
    List<Parameters.Parameter> all = parameters.all();
    Session.Runner runner = session.runner();
    all.forEach(p -> runner.fetch(p.variable()));
    Map<Parameters.Parameter, float[]> values = new java.util.LinkedHashMap<>();
    try (Result result = runner.run()) {
      for (int i = 0; i < all.size(); i++) {
        float[] array = new float[Math.toIntExact(all.get(i).size())];
        ((TFloat32) result.get(i)).asRawTensor().data().asFloats().read(array);
        values.put(all.get(i), array);
      }
    }
    return values;
  }

  @Override
  public TuttiConfig config() {
    return config;
  }

  @Override
  public StepLosses train(Batch batch, StepSettings settings) {
    return run(batch, settings, null, null);
  }

  /**
   * Runs one training step like {@link #train} with {@code options} (e.g. a full trace) and returns
   * the run's metadata, holding the per-op step statistics. For profiling benchmarks.
   */
  RunMetadata traceStep(Batch batch, StepSettings settings, RunOptions options) {
    RunMetadata[] metadata = new RunMetadata[1];
    run(
        batch,
        settings,
        null,
        runner -> {
          runner.setOptions(options);
          return metadata;
        });
    return metadata[0];
  }

  /**
   * The gradient of the training objective with respect to every trainable variable, by name, as
   * the step {@code step} would compute it (same dropout masks), before clipping; nothing is
   * updated. An embedding table's gradient is dense here, zero outside the rows the batch looked
   * up. For tests and diagnostics: it copies every table.
   */
  Map<String, float[]> gradients(Batch batch, long step) {
    Map<String, float[]> result = new java.util.LinkedHashMap<>();
    run(batch, new StepSettings(step, 0f, 0f), result, null);
    return result;
  }

  private StepLosses run(
      Batch batch,
      StepSettings settings,
      Map<String, float[]> gradientsOut,
      java.util.function.Function<Session.Runner, RunMetadata[]> trace) {
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
          .fetch(taskWeightSums);
      if (gradientsOut == null) {
        runner.addTarget(trainStep);
      } else {
        rawGradients.forEach(runner::fetch);
        trainingPass.gathered().forEach(g -> runner.fetch(g.uniqueIds()));
      }
      RunMetadata[] traced = trace == null ? null : trace.apply(runner);
      try (Result result = traced == null ? runner.run() : runner.runAndFetchMetadata()) {
        if (traced != null) {
          traced[0] = result.getMetadata().orElseThrow();
        }
        if (gradientsOut != null) {
          collectGradients(result, gradientsOut);
        }
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

  private void collectGradients(Result result, Map<String, float[]> out) {
    int denseCount = rawGradients.size() - trainingPass.gathered().size();
    for (int i = 0; i < rawGradients.size(); i++) {
      Parameters.Parameter parameter = parameters.find(gradientNames.get(i));
      float[] values = new float[Math.toIntExact(parameter.size())];
      TFloat32 gradient = (TFloat32) result.get(3 + i);
      if (i < denseCount) {
        gradient.asRawTensor().data().asFloats().read(values);
      } else {
        // Scatter the unique rows' gradients back into a table-shaped array.
        TInt32 ids = (TInt32) result.get(3 + rawGradients.size() + i - denseCount);
        int width = (int) parameter.shape()[1];
        int unique = (int) ids.shape().get(0);
        float[] rows = new float[unique * width];
        gradient.asRawTensor().data().asFloats().read(rows);
        for (int u = 0; u < unique; u++) {
          int row = ids.getInt(u);
          for (int d = 0; d < width; d++) {
            values[row * width + d] += rows[u * width + d];
          }
        }
      }
      out.put(parameter.name(), values);
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
    Checkpoints.save(directory, this);
    LOG.debug("Saved checkpoint {}", directory);
  }

  @Override
  public void restoreCheckpoint(Path directory) {
    Checkpoints.restore(directory, parameters, this);
    LOG.debug("Restored checkpoint {}", directory);
  }

  @Override
  public void exportSavedModel(Path directory) {
    SavedModels.export(directory, this);
    LOG.info("Exported SavedModel {} and checked it by loading it back", directory);
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
}
