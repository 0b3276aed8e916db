package io.tutti.model;

import io.tutti.common.TuttiException;
import io.tutti.config.FeatureConfig;
import io.tutti.config.FeatureType;
import io.tutti.config.ScenarioConfig;
import io.tutti.config.SequenceConfig;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The serving signature of every Tutti model: its name, its named inputs and its output, and the
 * one conversion from a {@link Batch} to the input tensors. Training, prediction and serving all
 * feed the graph through {@link #toTensors}, so what the model sees at serving time is by
 * construction what it saw in training.
 *
 * <p>The inputs, each {@code [batch, ...]}, present only when the configuration has them:
 *
 * <pre>
 *   scenario                       int32   [batch]             scenario index
 *   categorical                    int32   [batch, C]          public categorical ids
 *   numeric                        float   [batch, N]          public numeric values
 *   multi_NAME                     int32   [batch, maxValues]  one public multi-valued feature
 *   private_SCENARIO_categorical   int32   [batch, Cs]         a scenario's private features,
 *   private_SCENARIO_numeric       float   [batch, Ns]           only when
 *   private_multi_NAME             int32   [batch, maxValues]    model.private_features is on
 *   sequence_short, sequence_mid   int32   [batch, maxLength]  most recent first
 *   sequence_short_length, ..._mid int32   [batch]             events present
 *   long_items                     int32   [batch, M]          long history, most played first
 *   long_counts                    float   [batch, M]          its play counts, 0 as padding
 * </pre>
 *
 * <p>The long sequence is not fed as it is: {@link LongHistory} compresses each sample's events to
 * its {@code M} most played distinct items with their play counts (M is {@link #longCandidates}),
 * once per sample and independent of the candidate, here in Java. A user's replays are the
 * long-term signal, and the compression bounds the attention's cost whatever the history's length.
 *
 * <p>The output {@value #OUTPUT} is {@code [batch, tasks]}, float, tasks in config order.
 */
public final class ModelSignature {
  /** The key of the serving signature in an exported SavedModel. */
  public static final String KEY = "serving_default";

  /** The SavedModel tag the model is exported and loaded with. */
  public static final String TAG = "serve";

  /** The name of the output: the probability of every task, {@code [batch, tasks]}. */
  public static final String OUTPUT = "probabilities";

  /** The scenario index input, {@code [batch]}. */
  public static final String SCENARIO = "scenario";

  /** Long-history candidates kept when {@code model.long_top_k} is above 0, at least. */
  static final int MIN_LONG_CANDIDATES = 256;

  /** Rows of 200 events one parallel task compresses; fewer rows for longer histories. */
  private static final int LONG_ROWS_PER_TASK = 256;

  /**
   * One named input.
   *
   * @param name the signature's input name, also the graph placeholder's name
   * @param integer int32 when true, float32 otherwise
   * @param width the size of the second dimension; 0 for a {@code [batch]} input
   */
  public record Input(String name, boolean integer, int width) {
    /** The placeholder's shape, the batch dimension unknown. */
    public Shape shape() {
      return width == 0 ? Shape.of(-1) : Shape.of(-1, width);
    }
  }

  private final TuttiConfig config;
  private final List<Input> inputs = new ArrayList<>();
  private final List<FeatureConfig> publicCategorical;
  private final List<FeatureConfig> publicNumeric;
  private final List<FeatureConfig> publicMulti;
  private final boolean privateFeatures;
  private final Optional<SequenceConfig> longSequence;
  private final int longCandidates;

  /** The signature of models built from {@code config}. */
  public ModelSignature(TuttiConfig config) {
    this.config = config;
    publicCategorical = config.publicFeatures(FeatureType.CATEGORICAL);
    publicNumeric = config.publicFeatures(FeatureType.NUMERIC);
    publicMulti = config.publicFeatures(FeatureType.MULTI_CATEGORICAL);
    privateFeatures = config.model().privateFeatures();
    longSequence = config.sequence("long");
    longCandidates = longSequence.map(s -> longCandidates(s, config.model().longTopK())).orElse(0);

    inputs.add(new Input(SCENARIO, true, 0));
    addIfWide(new Input("categorical", true, publicCategorical.size()));
    addIfWide(new Input("numeric", false, publicNumeric.size()));
    for (FeatureConfig feature : publicMulti) {
      inputs.add(new Input("multi_" + feature.name(), true, feature.maxValues()));
    }
    if (privateFeatures) {
      for (int s = 0; s < config.scenarios().size(); s++) {
        String id = config.scenarios().get(s).id();
        addIfWide(
            new Input(
                privateCategoricalName(id),
                true,
                config.privateFeatures(s, FeatureType.CATEGORICAL).size()));
        addIfWide(
            new Input(
                privateNumericName(id),
                false,
                config.privateFeatures(s, FeatureType.NUMERIC).size()));
        for (FeatureConfig feature : config.privateFeatures(s, FeatureType.MULTI_CATEGORICAL)) {
          inputs.add(new Input("private_multi_" + feature.name(), true, feature.maxValues()));
        }
      }
    }
    for (SequenceConfig sequence : config.sequences()) {
      if (sequence.id().equals("long")) {
        inputs.add(new Input("long_items", true, longCandidates));
        inputs.add(new Input("long_counts", false, longCandidates));
      } else {
        inputs.add(new Input(sequenceName(sequence.id()), true, sequence.maxLength()));
        inputs.add(new Input(sequenceName(sequence.id()) + "_length", true, 0));
      }
    }
  }

  /**
   * How many distinct long-history items reach the model, {@code M}: every distinct item up to the
   * sequence's length when {@code longTopK} is 0 (attention over all), else {@code max(4 *
   * longTopK, 256)} capped by the length, so that the graph's top-k has room to choose.
   */
  static int longCandidates(SequenceConfig sequence, int longTopK) {
    if (longTopK == 0) {
      return sequence.maxLength();
    }
    return Math.min(sequence.maxLength(), Math.max(4 * longTopK, MIN_LONG_CANDIDATES));
  }

  /** Every input, in a fixed order: scenario, public, private, sequences. */
  public List<Input> inputs() {
    return List.copyOf(inputs);
  }

  /** The tasks of the output, in config order. */
  public int tasks() {
    return config.tasks().size();
  }

  /** Distinct long-history items per sample, {@code M}; 0 without a long sequence. */
  public int longCandidates() {
    return longCandidates;
  }

  /** The configuration the signature was made for. */
  public TuttiConfig config() {
    return config;
  }

  static String privateCategoricalName(String scenarioId) {
    return "private_" + scenarioId + "_categorical";
  }

  static String privateNumericName(String scenarioId) {
    return "private_" + scenarioId + "_numeric";
  }

  static String sequenceName(String role) {
    return "sequence_" + role;
  }

  /**
   * Converts the first {@code batch.size} rows of {@code batch} into one tensor per input, named as
   * in {@link #inputs()}. The caller closes the result. A scenario index outside the config's
   * scenarios is an error naming the row.
   */
  public Feed toTensors(Batch batch) {
    int rows = batch.size;
    if (rows <= 0) {
      throw new TuttiException("A batch to score has " + rows + " rows; accepted: at least 1.");
    }
    int scenarios = config.scenarios().size();
    for (int r = 0; r < rows; r++) {
      if (batch.scenario[r] < 0 || batch.scenario[r] >= scenarios) {
        throw new TuttiException(
            "Row "
                + r
                + " of the batch has scenario index "
                + batch.scenario[r]
                + "; accepted: 0 to "
                + (scenarios - 1)
                + ".");
      }
    }
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    try {
      tensors.put(SCENARIO, ints(batch.scenario, rows, 0));
      putInts(tensors, "categorical", batch.categorical, rows, publicCategorical.size());
      putFloats(tensors, "numeric", batch.numeric, rows, publicNumeric.size());
      for (int f = 0; f < publicMulti.size(); f++) {
        FeatureConfig feature = publicMulti.get(f);
        tensors.put(
            "multi_" + feature.name(), ints(batch.multiCategorical[f], rows, feature.maxValues()));
      }
      if (privateFeatures) {
        putPrivate(tensors, batch, rows);
      }
      for (int q = 0; q < config.sequences().size(); q++) {
        SequenceConfig sequence = config.sequences().get(q);
        if (sequence.id().equals("long")) {
          putLong(tensors, batch, q, sequence, rows);
        } else {
          String name = sequenceName(sequence.id());
          tensors.put(name, ints(batch.sequences[q], rows, sequence.maxLength()));
          tensors.put(name + "_length", ints(batch.sequenceLengths[q], rows, 0));
        }
      }
      return new Feed(tensors);
    } catch (RuntimeException e) {
      tensors.values().forEach(Tensor::close);
      throw e;
    }
  }

  /**
   * A small batch of made-up inputs that every config accepts: row {@code r} of scenario {@code r
   * mod scenarios}, ids 0 (missing), empty sequences and varied numeric values. Used to check that
   * an exported model scores as the live one.
   */
  Feed probe(int rows) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Input input : inputs) {
      int width = Math.max(1, input.width());
      if (input.name().equals(SCENARIO)) {
        int[] scenario = new int[rows];
        for (int r = 0; r < rows; r++) {
          scenario[r] = r % config.scenarios().size();
        }
        tensors.put(SCENARIO, ints(scenario, rows, 0));
      } else if (input.integer()) {
        tensors.put(input.name(), ints(new int[rows * width], rows, input.width()));
      } else {
        float[] values = new float[rows * width];
        if (!input.name().equals("long_counts")) {
          for (int i = 0; i < values.length; i++) {
            values[i] = 0.25f * (i % 7) - 0.5f;
          }
        }
        tensors.put(input.name(), floats(values, rows, input.width()));
      }
    }
    return new Feed(tensors);
  }

  private void putPrivate(Map<String, Tensor> tensors, Batch batch, int rows) {
    for (int s = 0; s < config.scenarios().size(); s++) {
      ScenarioConfig scenario = config.scenarios().get(s);
      int categorical = config.privateFeatures(s, FeatureType.CATEGORICAL).size();
      int numeric = config.privateFeatures(s, FeatureType.NUMERIC).size();
      putInts(
          tensors,
          privateCategoricalName(scenario.id()),
          batch.privateCategorical[s],
          rows,
          categorical);
      putFloats(tensors, privateNumericName(scenario.id()), batch.privateNumeric[s], rows, numeric);
      List<FeatureConfig> multi = config.privateFeatures(s, FeatureType.MULTI_CATEGORICAL);
      for (int f = 0; f < multi.size(); f++) {
        tensors.put(
            "private_multi_" + multi.get(f).name(),
            ints(batch.privateMultiCategorical[s][f], rows, multi.get(f).maxValues()));
      }
    }
  }

  private void putLong(
      Map<String, Tensor> tensors, Batch batch, int q, SequenceConfig sequence, int rows) {
    int[] items = new int[rows * longCandidates];
    float[] counts = new float[rows * longCandidates];
    // Rows are independent: chunks of rows compress in parallel, each with its own buffers.
    int chunk = Math.max(1, LONG_ROWS_PER_TASK * 200 / Math.max(200, sequence.maxLength()));
    int chunks = (rows + chunk - 1) / chunk;
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            c -> {
              LongHistory history = new LongHistory(sequence.maxLength());
              for (int r = c * chunk; r < Math.min(rows, (c + 1) * chunk); r++) {
                int length = Math.min(batch.sequenceLengths[q][r], sequence.maxLength());
                history.compress(
                    batch.sequences[q],
                    r * sequence.maxLength(),
                    length,
                    longCandidates,
                    items,
                    counts,
                    r * longCandidates);
              }
            });
    tensors.put("long_items", ints(items, rows, longCandidates));
    tensors.put("long_counts", floats(counts, rows, longCandidates));
  }

  private static void putInts(
      Map<String, Tensor> tensors, String name, int[] values, int rows, int width) {
    if (width > 0) {
      tensors.put(name, ints(values, rows, width));
    }
  }

  private static void putFloats(
      Map<String, Tensor> tensors, String name, float[] values, int rows, int width) {
    if (width > 0) {
      tensors.put(name, floats(values, rows, width));
    }
  }

  private void addIfWide(Input input) {
    if (input.width() > 0) {
      inputs.add(input);
    }
  }

  private static TInt32 ints(int[] values, int rows, int width) {
    Shape shape = width == 0 ? Shape.of(rows) : Shape.of(rows, width);
    long size = shape.size();
    return TInt32.tensorOf(shape, DataBuffers.of(values, true, false).narrow(size));
  }

  private static TFloat32 floats(float[] values, int rows, int width) {
    Shape shape = width == 0 ? Shape.of(rows) : Shape.of(rows, width);
    long size = shape.size();
    return TFloat32.tensorOf(shape, DataBuffers.of(values, true, false).narrow(size));
  }

  /** The input tensors of one batch, by input name; closing it closes every tensor. */
  public static final class Feed implements AutoCloseable {
    private final Map<String, Tensor> tensors;

    Feed(Map<String, Tensor> tensors) {
      this.tensors = tensors;
    }

    /** The tensors by input name, in {@link ModelSignature#inputs()} order. */
    public Map<String, Tensor> tensors() {
      return tensors;
    }

    /** Rows in the batch. */
    public int rows() {
      return (int) tensors.get(SCENARIO).shape().get(0);
    }

    @Override
    public void close() {
      tensors.values().forEach(Tensor::close);
    }
  }
}
