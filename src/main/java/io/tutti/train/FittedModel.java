package io.tutti.train;

import io.tutti.model.TrainableModel;

/**
 * A model after {@link Trainer#fit}, holding the best epoch's weights, with the run's final state
 * (history, best epoch, validation metrics) and its checkpoints. Closing it closes the model.
 *
 * @param model the fitted model
 * @param state the run's final state
 * @param checkpoints the run's checkpoints, removed once the model directory is written
 */
public record FittedModel(TrainableModel model, TrainerState state, Checkpoints checkpoints)
    implements AutoCloseable {

  @Override
  public void close() {
    model.close();
  }
}
