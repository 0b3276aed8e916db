package io.tutti.model;

import io.tutti.common.TuttiException;
import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.proto.ConfigProto;

/**
 * Scores batches with a SavedModel written by {@link TrainableModel#exportSavedModel}: one session
 * shared by every calling thread. Thread-safe.
 */
final class SavedModelScorer implements Scorer {
  private static final Logger LOG = LoggerFactory.getLogger(SavedModelScorer.class);

  private final TuttiConfig config;
  private final ModelSignature signature;
  private final SavedModelBundle bundle;
  private final SessionFunction function;

  private SavedModelScorer(
      TuttiConfig config,
      ModelSignature signature,
      SavedModelBundle bundle,
      SessionFunction function) {
    this.config = config;
    this.signature = signature;
    this.bundle = bundle;
    this.function = function;
  }

  /**
   * Loads {@code directory} and checks that its serving signature has exactly the inputs that
   * {@code config} gives; a mismatch names the inputs missing and extra.
   */
  static SavedModelScorer load(Path directory, TuttiConfig config) {
    ModelSignature signature = new ModelSignature(config);
    ConfigProto sessionConfig =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(config.training().threads())
            .setInterOpParallelismThreads(1)
            .build();
    SavedModelBundle bundle = SavedModels.load(directory, sessionConfig);
    try {
      SessionFunction function =
          bundle.signatures().stream().anyMatch(s -> s.key().equals(ModelSignature.KEY))
              ? bundle.function(ModelSignature.KEY)
              : null;
      if (function == null) {
        throw new TuttiException(
            "The SavedModel "
                + directory
                + " has no signature '"
                + ModelSignature.KEY
                + "'; accepted: a model exported by Tutti.");
      }
      Set<String> expected = new TreeSet<>();
      signature.inputs().forEach(input -> expected.add(input.name()));
      Set<String> actual = new TreeSet<>(function.signature().inputNames());
      if (!expected.equals(actual)) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        throw new TuttiException(
            "The SavedModel "
                + directory
                + " does not fit the config: inputs missing "
                + missing
                + ", inputs extra "
                + extra
                + "; accepted: a model exported with this config.");
      }
      LOG.info("Loaded SavedModel {}", directory);
      return new SavedModelScorer(config, signature, bundle, function);
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  @Override
  public TuttiConfig config() {
    return config;
  }

  @Override
  public void predict(Batch batch, float[] out) {
    try (ModelSignature.Feed feed = signature.toTensors(batch)) {
      predict(feed, out);
    }
  }

  /** Scores a feed made by {@link ModelSignature}. */
  void predict(ModelSignature.Feed feed, float[] out) {
    int size = feed.rows() * signature.tasks();
    if (out.length < size) {
      throw new IllegalArgumentException(
          "output array holds " + out.length + " floats, the batch needs " + size);
    }
    try (Result result = function.call(feed.tensors())) {
      SavedModels.copy(result, size, out);
    }
  }

  @Override
  public void close() {
    bundle.close();
  }
}
