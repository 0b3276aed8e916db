package io.tutti.model;

/**
 * The losses of one training step.
 *
 * @param total the objective that was minimised: the weighted sum over tasks
 * @param perTask per task in config order, the weighted mean binary cross-entropy over the batch's
 *     unmasked pairs of that task; NaN where the batch had none
 * @param pairsPerTask unmasked (sample, task) pairs per task in the batch
 */
public record StepLosses(float total, float[] perTask, int[] pairsPerTask) {}
