package io.tutti.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tutti.common.AtomicFiles;
import io.tutti.common.TuttiException;
import io.tutti.config.ConfigLoader;
import io.tutti.config.TuttiConfig;
import io.tutti.data.FeatureEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trained model on disk, everything prediction and serving need in one directory:
 *
 * <pre>
 *   MODEL_DIR/
 *     tutti-model.json     format version, provenance, validation metrics, training history
 *     config.yaml          the resolved config, every default spelled out, paths absolute
 *     encoder.json         the feature encoder fitted on the training split
 *     saved_model/         the TensorFlow SavedModel that scores every scenario, or
 *     saved_models/ID/     one SavedModel per scenario id (model type separate)
 * </pre>
 *
 * <p>The directory is written whole or not at all ({@link #write}: a temporary sibling, then a
 * rename). {@link #read} checks the format version and refuses any other with a message naming the
 * version seen and the one accepted; {@link #load} also opens the scorer.
 */
public final class ModelDirectory implements AutoCloseable {
  /** The model directory format this release writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /** The metadata file; its presence is what makes a directory a model directory. */
  public static final String METADATA_FILE = "tutti-model.json";

  /** The resolved config. */
  public static final String CONFIG_FILE = "config.yaml";

  /** The fitted feature encoder. */
  public static final String ENCODER_FILE = "encoder.json";

  /** The SavedModel of a single model. */
  public static final String SAVED_MODEL = "saved_model";

  /** The folder of per-scenario SavedModels. */
  public static final String PARTS = "saved_models";

  private static final String FORMAT = "tutti-model";
  private static final Logger LOG = LoggerFactory.getLogger(ModelDirectory.class);
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path directory;
  private final TuttiConfig config;
  private final FeatureEncoder encoder;
  private final ModelMetadata metadata;
  private final Scorer scorer;

  private ModelDirectory(
      Path directory,
      TuttiConfig config,
      FeatureEncoder encoder,
      ModelMetadata metadata,
      Scorer scorer) {
    this.directory = directory;
    this.config = config;
    this.encoder = encoder;
    this.metadata = metadata;
    this.scorer = scorer;
  }

  /**
   * Writes a model directory at {@code target}, atomically; an existing one there is replaced only
   * once the new one is complete.
   *
   * @param savedModels writes the SavedModel(s) into the temporary directory it is given, at {@link
   *     #savedModelPath} or, per scenario, at {@link #partPath}
   */
  public static void write(
      Path target,
      TuttiConfig config,
      FeatureEncoder encoder,
      ModelMetadata metadata,
      Consumer<Path> savedModels) {
    AtomicFiles.writeDirectory(
        target,
        temporary -> {
          savedModels.accept(temporary);
          Files.writeString(temporary.resolve(CONFIG_FILE), ConfigLoader.toYaml(portable(config)));
          encoder.save(temporary.resolve(ENCODER_FILE));
          Files.writeString(temporary.resolve(METADATA_FILE), metadataJson(metadata));
        });
    LOG.info("Saved model to {}", target);
  }

  /**
   * Reads a model directory's config, encoder and metadata, without opening the model: cheap, and
   * no TensorFlow. {@link #scorer()} is unavailable on the result.
   */
  public static ModelDirectory read(Path directory) {
    Path metadataFile = directory.resolve(METADATA_FILE);
    if (!Files.isRegularFile(metadataFile)) {
      throw new TuttiException(
          directory
              + " is not a Tutti model directory: it has no "
              + METADATA_FILE
              + " (train one with tutti train --out DIR).");
    }
    ModelMetadata metadata = readMetadata(metadataFile);
    TuttiConfig config = ConfigLoader.load(directory.resolve(CONFIG_FILE));
    FeatureEncoder encoder = FeatureEncoder.load(directory.resolve(ENCODER_FILE), config);
    return new ModelDirectory(directory, config, encoder, metadata, null);
  }

  /**
   * Reads a model directory and opens its model for scoring: the SavedModel, or for model type
   * separate one SavedModel per scenario behind a {@link SeparateScorer}. Close the result to free
   * the model.
   */
  public static ModelDirectory load(Path directory) {
    ModelDirectory read = read(directory);
    TuttiConfig config = read.config;
    Scorer scorer;
    if (read.metadata.parts().isEmpty()) {
      scorer = Models.loadSavedModel(savedModelPath(directory), config);
    } else {
      List<ScenarioSlice> slices = new ArrayList<>();
      List<Scorer> specialists = new ArrayList<>();
      try {
        for (int s = 0; s < config.scenarios().size(); s++) {
          ScenarioSlice slice = new ScenarioSlice(config, s);
          Path part = partPath(directory, slice.scenarioId());
          if (!Files.isDirectory(part)) {
            throw new TuttiException(
                "Model directory "
                    + directory
                    + " has no model for scenario '"
                    + slice.scenarioId()
                    + "' (expected "
                    + part
                    + "); its parts are "
                    + read.metadata.parts()
                    + ".");
          }
          specialists.add(Models.loadSavedModel(part, slice.config()));
          slices.add(slice);
        }
      } catch (RuntimeException e) {
        specialists.forEach(Scorer::close);
        throw e;
      }
      scorer = new SeparateScorer(config, slices, specialists);
    }
    LOG.info(
        "Loaded {} model from {} (trained {}, best epoch {})",
        read.metadata.modelType(),
        directory,
        read.metadata.created(),
        read.metadata.history().bestEpoch());
    return new ModelDirectory(directory, config, read.encoder, read.metadata, scorer);
  }

  /** Where a single model's SavedModel sits in a model directory. */
  public static Path savedModelPath(Path directory) {
    return directory.resolve(SAVED_MODEL);
  }

  /** Where the SavedModel of one scenario's own model sits (model type separate). */
  public static Path partPath(Path directory, String scenarioId) {
    return directory.resolve(PARTS).resolve(scenarioId);
  }

  /**
   * The git commit Tutti was built from, as recorded in the jar by the build ({@code
   * git.properties}), or {@code unknown} for a build outside a git checkout.
   */
  public static String tuttiCommit() {
    try (InputStream in = ModelDirectory.class.getResourceAsStream("/git.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      String commit = properties.getProperty("git.commit.id", "").trim();
      return commit.isEmpty() ? "unknown" : commit;
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The running Tutti release, from the jar manifest, or {@code development build}. */
  public static String tuttiVersion() {
    String version = ModelDirectory.class.getPackage().getImplementationVersion();
    return version == null ? "development build" : version;
  }

  /** The directory. */
  public Path directory() {
    return directory;
  }

  /** The resolved config the model was trained with. */
  public TuttiConfig config() {
    return config;
  }

  /** The feature encoder fitted on the training split: encode new samples with it. */
  public FeatureEncoder encoder() {
    return encoder;
  }

  /** Provenance, validation metrics and training history. */
  public ModelMetadata metadata() {
    return metadata;
  }

  /**
   * The model's scorer: probabilities of every task for batches encoded by {@link #encoder()}.
   *
   * @throws IllegalStateException on a directory opened by {@link #read}, which opens no model
   */
  public Scorer scorer() {
    if (scorer == null) {
      throw new IllegalStateException(
          "model directory " + directory + " was read without its model; open it with load");
    }
    return scorer;
  }

  /** Closes the scorer, if one was opened. */
  @Override
  public void close() {
    if (scorer != null) {
      scorer.close();
    }
  }

  static String metadataJson(ModelMetadata metadata) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.setAll((ObjectNode) JSON.valueToTree(metadata));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      // Records of plain values always serialise; a failure here is a bug, not bad input.
      throw new IllegalStateException("Could not write the model metadata as JSON", e);
    }
  }

  private static ModelMetadata readMetadata(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new TuttiException(
          "Could not read model metadata " + file + ": " + e.getClass().getSimpleName() + ".", e);
    }
    JsonNode version = root.path("format_version");
    if (!FORMAT.equals(root.path("format").asText()) || !version.isInt()) {
      throw new TuttiException(
          file
              + " is not Tutti model metadata: it lacks format '"
              + FORMAT
              + "' and an integer format_version.");
    }
    if (version.asInt() != FORMAT_VERSION) {
      throw new TuttiException(
          "Model directory "
              + file.getParent()
              + " has format version "
              + version.asInt()
              + "; this release reads version "
              + FORMAT_VERSION
              + (version.asInt() > FORMAT_VERSION
                  ? " (it was written by a newer Tutti)."
                  : " (train the model again with this release)."));
    }
    try {
      return JSON.treeToValue(root, ModelMetadata.class);
    } catch (JsonProcessingException e) {
      throw new TuttiException(
          "Model metadata "
              + file
              + " does not match format version "
              + FORMAT_VERSION
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }

  /**
   * The config without its source file, so that its paths are written absolute and still name the
   * training data wherever the model directory is moved.
   */
  private static TuttiConfig portable(TuttiConfig config) {
    return new TuttiConfig(
        null,
        config.formatVersion(),
        config.name(),
        config.data(),
        config.tasks(),
        config.scenarios(),
        config.features(),
        config.sequences(),
        config.model(),
        config.training());
  }
}
