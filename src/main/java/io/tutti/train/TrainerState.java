package io.tutti.train;

import io.tutti.model.ModelMetadata.CellMetrics;
import io.tutti.model.ModelMetadata.EpochSummary;
import java.util.List;
import java.util.Map;

/**
 * Where a run stands, saved beside the model's variables in every checkpoint: enough to continue a
 * killed run so that it ends exactly as an uninterrupted one.
 *
 * <p>The data stream is a pure function of (seed, epoch), so "where" is the epoch and the batches
 * already consumed in it; the running sums of the epoch's losses travel too, so that the epoch's
 * reported loss is the same whether or not the run was interrupted.
 *
 * @param fingerprint the run's identity: the resolved config and the dataset's provenance; a
 *     checkpoint of another run is refused
 * @param epoch epochs finished, from 0; the epoch under way is {@code epoch + 1} (from 1)
 * @param batchesInEpoch batches of the epoch under way already trained on
 * @param step optimisation steps taken in the whole run
 * @param samplesInEpoch training samples of the epoch under way consumed
 * @param lossSums per task, the sum over the epoch's steps of the step's loss times its pairs
 * @param lossPairs per task, the pairs behind {@code lossSums}
 * @param epochSeconds seconds spent in the epoch under way before the checkpoint
 * @param trainSeconds seconds spent training in the whole run before the checkpoint
 * @param bestScore the best early-stopping score so far, null before the first validation
 * @param bestEpoch the epoch (from 1) of that score, 0 before the first validation
 * @param bestValidation that epoch's validation metrics
 * @param epochsWithoutGain epochs since the best one
 * @param stoppedEarly whether early stopping ended the run
 * @param history one summary per finished epoch
 */
public record TrainerState(
    String fingerprint,
    int epoch,
    long batchesInEpoch,
    long step,
    long samplesInEpoch,
    double[] lossSums,
    long[] lossPairs,
    double epochSeconds,
    double trainSeconds,
    Double bestScore,
    int bestEpoch,
    Map<String, Map<String, CellMetrics>> bestValidation,
    int epochsWithoutGain,
    boolean stoppedEarly,
    List<EpochSummary> history) {

  /** The state of a run that has not taken a step. */
  static TrainerState start(String fingerprint, int tasks) {
    return new TrainerState(
        fingerprint,
        0,
        0,
        0,
        0,
        new double[tasks],
        new long[tasks],
        0,
        0,
        null,
        0,
        Map.of(),
        0,
        false,
        List.of());
  }
}
