package io.tutti.train;

import io.tutti.config.TuttiConfig;
import io.tutti.model.TrainableModel;

/**
 * Builds a fresh model for a configuration, its variables initialised from {@code training.seed}:
 * {@code io.tutti.model.Models::create} in the product. The trainer asks for a model through this
 * interface so that one trainer fits the unified model, a baseline, or one model per scenario
 * (whose configs are restricted to that scenario).
 */
@FunctionalInterface
public interface ModelFactory {

  /** A new model for {@code config}; the caller closes it. */
  TrainableModel create(TuttiConfig config);
}
