package io.tutti.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tutti.common.AtomicFiles;
import io.tutti.common.TuttiException;
import io.tutti.config.FeatureConfig;
import io.tutti.config.FeatureType;
import io.tutti.config.Normalization;
import io.tutti.config.ScenarioConfig;
import io.tutti.config.SequenceConfig;
import io.tutti.config.TaskConfig;
import io.tutti.config.TuttiConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns raw values into model input exactly as the compiled dataset does: the hashing, the
 * vocabularies and the normalisation statistics of one configuration and one training split.
 *
 * <p>The compiler encodes every sample through this class, and the scoring server encodes its
 * requests through the same instance saved beside the model ({@link #save}, {@link #load}): that is
 * what keeps training and serving consistent.
 *
 * <p>Categorical values: a vocabulary maps its i-th value to i + 1; otherwise the value's canonical
 * text is hashed ({@link #key}) into {@code buckets} and 1 added. Index 0 means missing or out of
 * vocabulary. A feature that shares another's embedding uses that feature's table, and a sequence
 * uses the table of its {@code feature}. Numeric values are transformed ({@code log_standard}:
 * {@code log1p(max(x, 0))}), then normalised with training statistics; a missing value becomes 0,
 * the training mean under {@code standard}.
 */
public final class FeatureEncoder {
  /** The stored label of a task with no label on a sample, or not one of its scenario's tasks. */
  public static final byte LABEL_ABSENT = -1;

  /** Version of the saved JSON form; {@link #load} refuses any other. */
  public static final int FORMAT_VERSION = 1;

  private static final String FORMAT = "tutti-feature-encoder";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TuttiConfig config;
  private final BatchLayout layout;
  private final String configDigest;
  private final Map<String, NumericStatistics> statistics;
  private final Map<String, Map<String, Integer>> vocabularies = new HashMap<>();
  private final Map<String, Integer> scenarioByValue = new HashMap<>();
  // Looked up once per behaviour event: a search of the config each time dominated a compile.
  private final Map<String, FeatureConfig> featuresByName = new HashMap<>();

  private FeatureEncoder(TuttiConfig config, Map<String, NumericStatistics> statistics) {
    this.config = config;
    this.layout = new BatchLayout(config);
    this.configDigest = ConfigDigest.of(config);
    this.statistics = Map.copyOf(statistics);
    for (FeatureConfig feature : config.allFeatures()) {
      featuresByName.put(feature.name(), feature);
      if (!feature.vocabulary().isEmpty()) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < feature.vocabulary().size(); i++) {
          index.putIfAbsent(feature.vocabulary().get(i), i + 1);
        }
        vocabularies.put(feature.name(), index);
      }
    }
    for (int s = 0; s < config.scenarios().size(); s++) {
      scenarioByValue.put(config.scenarios().get(s).sourceValue(), s);
    }
  }

  /** An encoder without statistics: numeric values pass through unnormalised until fitted. */
  static FeatureEncoder unfitted(TuttiConfig config) {
    return new FeatureEncoder(config, Map.of());
  }

  /** This encoder with the training split's statistics of every numeric feature, by name. */
  FeatureEncoder withStatistics(Map<String, NumericStatistics> fitted) {
    return new FeatureEncoder(config, fitted);
  }

  /** The configuration this encoder follows. */
  public TuttiConfig config() {
    return config;
  }

  /** The statistics of every numeric feature, by feature name. */
  public Map<String, NumericStatistics> statistics() {
    return statistics;
  }

  /**
   * The stable 64-bit key of a text: FNV-1a over its UTF-8 bytes, then a 64-bit finaliser that
   * spreads nearby texts apart. The same in every run and every JVM.
   */
  public static long key(String text) {
    long hash = 0xcbf29ce484222325L;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    hash *= 0xc4ceb9fe1a85ec53L;
    hash ^= hash >>> 33;
    return hash;
  }

  /** The key of a raw id (user or item): {@link #key} of its canonical text, 0 when missing. */
  public static long idKey(Object raw) {
    String text = RawValues.text(raw);
    return text == null ? 0L : key(text);
  }

  /** The table index of one categorical value of {@code feature}: 1 and up, 0 when missing. */
  public int categorical(FeatureConfig feature, Object raw) {
    String text = RawValues.text(raw);
    if (text == null) {
      return 0;
    }
    FeatureConfig table = tableOf(feature);
    Map<String, Integer> vocabulary = vocabularies.get(table.name());
    if (vocabulary != null) {
      return vocabulary.getOrDefault(text, 0);
    }
    return (int) Long.remainderUnsigned(key(text), table.buckets()) + 1;
  }

  /** The table index of one event of a sequence, in the table of the sequence's feature. */
  public int sequenceValue(SequenceConfig sequence, Object raw) {
    return categorical(sequenceFeature(sequence), raw);
  }

  /**
   * Fills {@code to[offset, offset + maxValues)} with the indices of a multi-valued value, the
   * first {@code maxValues} non-empty ones, then 0 as padding.
   */
  public void multiCategorical(FeatureConfig feature, Object raw, int[] to, int offset) {
    int kept = 0;
    for (Object element : RawValues.elements(raw, feature.separator())) {
      if (kept == feature.maxValues()) {
        break;
      }
      int index = categorical(feature, element);
      if (index != 0 || RawValues.text(element) != null) {
        to[offset + kept++] = index;
      }
    }
    Arrays.fill(to, offset + kept, offset + feature.maxValues(), 0);
  }

  /** A numeric value after its transform, before normalisation; NaN when missing. */
  public float transformed(FeatureConfig feature, Object raw) {
    double value = RawValues.number(feature.column(), raw);
    if (feature.normalization() == Normalization.LOG_STANDARD && !Double.isNaN(value)) {
      value = Math.log1p(Math.max(value, 0));
    }
    return (float) value;
  }

  /** The normaliser of a numeric feature under this encoder's statistics. */
  Normalizer normalizer(FeatureConfig feature) {
    NumericStatistics fitted = statistics.getOrDefault(feature.name(), NumericStatistics.IDENTITY);
    return Normalizer.of(feature.normalization(), fitted);
  }

  /** A transformed numeric value after normalisation; a missing value becomes 0. */
  public float normalized(FeatureConfig feature, float transformed) {
    return normalizer(feature).apply(transformed);
  }

  /** The scenario index of a raw scenario value, or an error listing the known values. */
  public int scenarioIndex(Object raw) {
    String text = RawValues.text(raw);
    Integer index = text == null ? null : scenarioByValue.get(text);
    if (index == null) {
      throw new BadValueException(
          config.data().scenarioColumn(),
          text,
          "is not a known scenario value; known: "
              + config.scenarios().stream()
                  .map(s -> s.sourceValue() + " (" + s.id() + ")")
                  .collect(Collectors.joining(", ")));
    }
    return index;
  }

  /** A batch with room for {@code capacity} samples in this configuration's layout. */
  public Batch newBatch(int capacity) {
    return layout.allocate(capacity);
  }

  /**
   * Encodes one raw sample into row {@code row} of {@code batch} (which must have room for it): the
   * serving path. {@code columns} maps raw column names to values as a reader would give them
   * (text, numbers, booleans, lists); {@code sequences} maps a sequence id to its raw item ids, the
   * most recent first. Labels and oracle values are read when their columns are present, so that an
   * evaluator can encode logged samples too; the activity level is read from {@code
   * data.activity.column} when configured, else left at 0 for the caller to set.
   *
   * @throws TuttiException naming the column, value and what is accepted
   */
  public void encode(
      Map<String, ?> columns, Map<String, ? extends List<?>> sequences, Batch batch, int row) {
    try {
      encodeRow(columns, sequences, batch, row);
    } catch (BadValueException e) {
      throw new TuttiException("Cannot encode the sample: " + e.describe() + ".");
    }
  }

  private void encodeRow(
      Map<String, ?> columns, Map<String, ? extends List<?>> sequences, Batch batch, int row) {
    var data = config.data();
    int scenario = scenarioIndex(required(columns, data.scenarioColumn()));
    batch.scenario[row] = scenario;
    batch.userKey[row] = idKey(columns.get(data.userColumn()));
    batch.itemKey[row] = idKey(columns.get(data.itemColumn()));
    Object time = data.timestampColumn() == null ? null : columns.get(data.timestampColumn());
    batch.timestamp[row] = time == null ? 0L : RawValues.epochSeconds(data.timestampColumn(), time);
    batch.weight[row] = 1f;
    batch.sampleIndex[row] = row;
    batch.activity[row] =
        data.activity().column() == null
            ? 0
            : ActivityLevels.clip(
                RawValues.number(data.activity().column(), columns.get(data.activity().column())));

    fill(
        layout.publicCategorical,
        layout.publicNumeric,
        layout.publicMulti,
        columns,
        row,
        batch.categorical,
        batch.numeric,
        batch.multiCategorical);
    for (int s = 0; s < layout.scenarios; s++) {
      boolean own = s == scenario;
      fillPrivate(s, own ? columns : Map.of(), row, batch);
    }

    for (int t = 0; t < layout.tasks; t++) {
      TaskConfig task = config.tasks().get(t);
      ScenarioConfig own = config.scenarios().get(scenario);
      byte label =
          own.hasTask(task.id())
              ? RawValues.label(
                  task.labelColumn(), columns.get(task.labelColumn()), task.positiveThreshold())
              : LABEL_ABSENT;
      batch.labels[row * layout.tasks + t] = label == 1 ? 1f : 0f;
      batch.labelMask[row * layout.tasks + t] = label == LABEL_ABSENT ? 0f : 1f;
      String oracleColumn = data.oracleColumns().get(task.id());
      Object oracle = oracleColumn == null ? null : columns.get(oracleColumn);
      batch.oracle[row * layout.tasks + t] =
          oracle == null ? Float.NaN : (float) RawValues.number(oracleColumn, oracle);
    }

    for (int q = 0; q < layout.sequenceLengths.length; q++) {
      SequenceConfig sequence = config.sequences().get(q);
      int maxLength = layout.sequenceLengths[q];
      List<?> events = sequences.get(sequence.id());
      if (events == null) {
        events = List.of();
      }
      int length = Math.min(maxLength, events.size());
      int[] to = batch.sequences[q];
      for (int i = 0; i < length; i++) {
        to[row * maxLength + i] = sequenceValue(sequence, events.get(i));
      }
      Arrays.fill(to, row * maxLength + length, (row + 1) * maxLength, 0);
      batch.sequenceLengths[q][row] = length;
    }
  }

  private void fillPrivate(int s, Map<String, ?> columns, int row, Batch batch) {
    int[][] multi = batch.privateMultiCategorical[s];
    fill(
        layout.privateCategorical.get(s),
        layout.privateNumeric.get(s),
        layout.privateMulti.get(s),
        columns,
        row,
        batch.privateCategorical[s],
        batch.privateNumeric[s],
        multi);
  }

  private void fill(
      List<FeatureConfig> categorical,
      List<FeatureConfig> numeric,
      List<FeatureConfig> multi,
      Map<String, ?> columns,
      int row,
      int[] categoricalOut,
      float[] numericOut,
      int[][] multiOut) {
    for (int f = 0; f < categorical.size(); f++) {
      FeatureConfig feature = categorical.get(f);
      categoricalOut[row * categorical.size() + f] =
          categorical(feature, columns.get(feature.column()));
    }
    for (int f = 0; f < numeric.size(); f++) {
      FeatureConfig feature = numeric.get(f);
      numericOut[row * numeric.size() + f] =
          normalized(feature, transformed(feature, columns.get(feature.column())));
    }
    for (int f = 0; f < multi.size(); f++) {
      FeatureConfig feature = multi.get(f);
      multiCategorical(
          feature, columns.get(feature.column()), multiOut[f], row * feature.maxValues());
    }
  }

  private static Object required(Map<String, ?> columns, String column) {
    Object value = columns.get(column);
    if (value == null) {
      throw new BadValueException(
          column, null, "is required; the sample has the columns " + columns.keySet());
    }
    return value;
  }

  /** The feature whose table a sequence indexes. */
  FeatureConfig sequenceFeature(SequenceConfig sequence) {
    FeatureConfig feature = featuresByName.get(sequence.feature());
    if (feature == null) {
      throw new TuttiException(
          "Sequence '" + sequence.id() + "' names unknown feature '" + sequence.feature() + "'.");
    }
    return feature;
  }

  private FeatureConfig tableOf(FeatureConfig feature) {
    if (feature.shareEmbedding() == null) {
      return feature;
    }
    return featuresByName.getOrDefault(feature.shareEmbedding(), feature);
  }

  /** The JSON form: format, version, config digest and the numeric statistics. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("format_version", FORMAT_VERSION);
    root.put("config_digest", configDigest);
    root.put("hash", "fnv1a64-fmix64 mod buckets + 1");
    ObjectNode numeric = root.putObject("numeric");
    Map<String, NumericStatistics> ordered = new LinkedHashMap<>();
    config.allFeatures().stream()
        .filter(f -> f.type() == FeatureType.NUMERIC && statistics.containsKey(f.name()))
        .forEach(f -> ordered.put(f.name(), statistics.get(f.name())));
    ordered.forEach((name, s) -> numeric.set(name, JSON.valueToTree(s)));
    return root.toPrettyString();
  }

  /** Saves the JSON form to {@code file}, atomically. */
  public void save(Path file) {
    AtomicFiles.writeString(file, toJson());
  }

  /**
   * Loads an encoder saved by {@link #save} for {@code config}; refuses another format version or
   * an encoder fitted under a configuration with other data, tasks, scenarios or features.
   */
  public static FeatureEncoder load(Path file, TuttiConfig config) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new TuttiException("Could not read feature encoder " + file + ": " + e.getMessage(), e);
    }
    return fromJson(text, file.toString(), config);
  }

  /** Reads the JSON form; {@code source} names it in errors. */
  public static FeatureEncoder fromJson(String text, String source, TuttiConfig config) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException e) {
      throw new TuttiException("Feature encoder " + source + " is not JSON: " + e.getMessage(), e);
    }
    if (!FORMAT.equals(root.path("format").asText())
        || root.path("format_version").asInt(-1) != FORMAT_VERSION) {
      throw new TuttiException(
          "Feature encoder "
              + source
              + " has format '"
              + root.path("format").asText()
              + "' version "
              + root.path("format_version").asText()
              + "; this release reads "
              + FORMAT
              + " version "
              + FORMAT_VERSION
              + ".");
    }
    String digest = ConfigDigest.of(config);
    if (!digest.equals(root.path("config_digest").asText())) {
      throw new TuttiException(
          "Feature encoder "
              + source
              + " was fitted under another configuration of data, tasks, scenarios or features"
              + " (digest "
              + root.path("config_digest").asText()
              + ", this config "
              + digest
              + ").");
    }
    Map<String, NumericStatistics> fitted = new HashMap<>();
    root.path("numeric")
        .fields()
        .forEachRemaining(
            e -> fitted.put(e.getKey(), JSON.convertValue(e.getValue(), NumericStatistics.class)));
    return new FeatureEncoder(config, fitted);
  }

  /** The layout of batches under this configuration. */
  BatchLayout layout() {
    return layout;
  }

  String configDigest() {
    return configDigest;
  }
}
