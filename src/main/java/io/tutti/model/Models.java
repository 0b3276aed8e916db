package io.tutti.model;

import io.tutti.common.TuttiException;
import io.tutti.config.ModelConfig;
import io.tutti.config.TuttiConfig;
import java.nio.file.Path;

/** Builds models from a configuration and loads exported ones: the entry points of the package. */
public final class Models {
  private Models() {}

  /**
   * Builds the graph of {@code config.model().type()}: {@code unified} ({@link UnifiedNetwork})
   * with every switch of {@code config.model()}, or a baseline ({@link BaselineNetwork}; {@code
   * separate} builds a shared-bottom network, which the trainer fits on one scenario's samples),
   * its variables initialised from {@code config.training().seed()}: the same config gives the same
   * initial model. The session uses {@code training.threads} intra-op threads (0: every core) and
   * one inter-op thread.
   *
   * @throws TuttiException for a type this release cannot build, naming the ones it can
   */
  public static TrainableModel create(TuttiConfig config) {
    ModelSignature signature = new ModelSignature(config);
    Network network =
        switch (config.model().type()) {
          case "unified" -> new UnifiedNetwork(config, signature.longCandidates());
          case "shared_bottom", "separate", "mmoe", "ple", "star" ->
              new BaselineNetwork(config, signature.longCandidates());
          default ->
              throw new TuttiException(
                  "model.type '"
                      + config.model().type()
                      + "' cannot be built by Models.create;"
                      + " accepted: one of "
                      + ModelConfig.TYPES
                      + ".");
        };
    return new TensorFlowModel(config, network);
  }

  /**
   * Loads a SavedModel written by {@link TrainableModel#exportSavedModel} as a thread-safe scorer;
   * {@code config} must be the config the model was built from (its inputs are checked against the
   * SavedModel's signature).
   */
  public static Scorer loadSavedModel(Path savedModelDir, TuttiConfig config) {
    return SavedModelScorer.load(savedModelDir, config);
  }
}
