package io.tutti.config;

import java.util.List;

/**
 * How the model is fitted; every default is in {@link #defaults()} and in docs/config.md.
 *
 * @param batchSize samples per step (1024)
 * @param epochs passes over the training split at most (3)
 * @param seed seeds initialisation, shuffling and sampling (7)
 * @param optimizer dense weights: {@code adam}, {@code adagrad} or {@code sgd} (adam)
 * @param learningRate of the dense optimizer (0.001)
 * @param embeddingLearningRate of the sparse Adagrad update of embedding rows (0.05)
 * @param schedule {@code constant}, {@code cosine} or {@code exponential} decay after warm-up
 *     (constant)
 * @param warmupSteps steps of linear warm-up (0)
 * @param clipNorm global gradient norm clip of the dense weights; 0 disables (5.0)
 * @param earlyStoppingPatience epochs without validation gain before stopping (1)
 * @param checkpointEverySteps steps between checkpoints, and one at each epoch's end (2000)
 * @param threads TensorFlow intra-op threads; 0 means every core (0)
 * @param validationMaxSamples validation samples evaluated per epoch at most (200000)
 */
public record TrainingConfig(
    int batchSize,
    int epochs,
    long seed,
    String optimizer,
    double learningRate,
    double embeddingLearningRate,
    String schedule,
    int warmupSteps,
    double clipNorm,
    int earlyStoppingPatience,
    int checkpointEverySteps,
    int threads,
    int validationMaxSamples) {

  /** The accepted dense optimizers. */
  public static final List<String> OPTIMIZERS = List.of("adam", "adagrad", "sgd");

  /** The accepted learning-rate schedules. */
  public static final List<String> SCHEDULES = List.of("constant", "cosine", "exponential");

  /** These settings with another {@code epochs}: how {@code tutti train --epochs} overrides. */
  public TrainingConfig withEpochs(int newEpochs) {
    return new TrainingConfig(
        batchSize,
        newEpochs,
        seed,
        optimizer,
        learningRate,
        embeddingLearningRate,
        schedule,
        warmupSteps,
        clipNorm,
        earlyStoppingPatience,
        checkpointEverySteps,
        threads,
        validationMaxSamples);
  }

  /** These settings with another {@code threads}: how a benchmark fixes the thread count. */
  public TrainingConfig withThreads(int newThreads) {
    return new TrainingConfig(
        batchSize,
        epochs,
        seed,
        optimizer,
        learningRate,
        embeddingLearningRate,
        schedule,
        warmupSteps,
        clipNorm,
        earlyStoppingPatience,
        checkpointEverySteps,
        newThreads,
        validationMaxSamples);
  }

  /** The documented defaults. */
  public static TrainingConfig defaults() {
    return new TrainingConfig(
        1024, 3, 7L, "adam", 0.001, 0.05, "constant", 0, 5.0, 1, 2000, 0, 200_000);
  }
}
