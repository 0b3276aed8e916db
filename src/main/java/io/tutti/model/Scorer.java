package io.tutti.model;

import io.tutti.config.TuttiConfig;
import io.tutti.data.Batch;

/**
 * Scores batches: the probability of every task for every sample. Thread-safe: many request threads
 * may call {@link #predict} on one scorer at once.
 */
public interface Scorer extends AutoCloseable {

  /** The resolved configuration the model was built from. */
  TuttiConfig config();

  /**
   * Writes the probabilities of the first {@code batch.size} samples into {@code out}, {@code
   * [batch, tasks]} row-major, tasks in config order. Every task gets a probability; one that the
   * sample's scenario lacks is meaningless and left to the caller to ignore.
   *
   * @param out at least {@code batch.size * tasks} long
   */
  void predict(Batch batch, float[] out);

  @Override
  void close();
}
