package io.tutti.model;

/**
 * What one training step needs besides the batch.
 *
 * @param step the global step, from 0: seeds the step's dropout masks, so that a resumed run draws
 *     the same masks as an uninterrupted one
 * @param learningRate of the dense optimizer at this step (after the schedule)
 * @param embeddingLearningRate of the sparse update of embedding rows at this step
 */
public record StepSettings(long step, float learningRate, float embeddingLearningRate) {}
