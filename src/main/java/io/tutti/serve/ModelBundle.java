package io.tutti.serve;

import io.tutti.config.TuttiConfig;
import io.tutti.data.FeatureEncoder;
import io.tutti.model.Scorer;
import java.util.Objects;

/**
 * What serving needs of one trained model: its configuration, the feature encoder fitted with it
 * (so that a request is encoded exactly as the training samples were), the scorer and the version
 * that answers carry.
 *
 * @param config the resolved configuration the model was trained under
 * @param encoder the encoder saved beside the model
 * @param scorer scores encoded batches; owned by the bundle, closed with it
 * @param version shown in every answer and in {@code GET /v1/model}
 */
public record ModelBundle(
    TuttiConfig config, FeatureEncoder encoder, Scorer scorer, String version) {

  public ModelBundle {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(scorer, "scorer");
    Objects.requireNonNull(version, "version");
  }
}
