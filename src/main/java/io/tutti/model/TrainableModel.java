package io.tutti.model;

import java.nio.file.Path;

/**
 * A model that is being fitted: one optimisation step at a time, checkpoints that restore it
 * exactly, and export to a SavedModel for serving. Not thread-safe for training.
 */
public interface TrainableModel extends Scorer {

  /**
   * Takes one optimisation step on the batch: dense weights by the configured optimizer, embedding
   * rows by a sparse update of the rows the batch looked up. The result is a pure function of the
   * model's state, the batch and {@code settings}, so a restored checkpoint replays exactly.
   */
  StepLosses train(io.tutti.data.Batch batch, StepSettings settings);

  /**
   * Writes every variable, optimizer state included, into {@code directory}, which must not exist
   * yet; the caller makes the write atomic (a temporary name, then a rename).
   */
  void saveCheckpoint(Path directory);

  /** Restores every variable from a directory written by {@link #saveCheckpoint}. */
  void restoreCheckpoint(Path directory);

  /**
   * Exports a TensorFlow SavedModel with the serving signature of {@link ModelSignature} into
   * {@code directory}, which must not exist yet, and checks it by loading it back.
   */
  void exportSavedModel(Path directory);

  /** Trainable parameters, embedding rows included. */
  long parameterCount();
}
