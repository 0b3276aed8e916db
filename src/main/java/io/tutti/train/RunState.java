package io.tutti.train;

import io.tutti.config.TuttiConfig;
import io.tutti.model.ModelMetadata.CellMetrics;
import io.tutti.model.ModelMetadata.EpochSummary;
import io.tutti.model.StepLosses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable state of a run under way, the trainer's working copy of a {@link TrainerState}:
 * counters, the epoch's running loss sums, the best epoch and the history. {@link #snapshot}
 * freezes it for a checkpoint.
 */
final class RunState {
  final String fingerprint;
  int epoch;
  long batchesInEpoch;
  long step;
  long samplesInEpoch;
  final double[] lossSums;
  final long[] lossPairs;
  Double bestScore;
  int bestEpoch;
  Map<String, Map<String, CellMetrics>> bestValidation;
  int epochsWithoutGain;
  boolean stoppedEarly;
  final List<EpochSummary> history;

  private final double trainSecondsBefore;
  private final long runStart = System.nanoTime();
  private double epochSecondsBefore;
  private long epochStart;

  RunState(TrainerState state) {
    fingerprint = state.fingerprint();
    epoch = state.epoch();
    batchesInEpoch = state.batchesInEpoch();
    step = state.step();
    samplesInEpoch = state.samplesInEpoch();
    lossSums = state.lossSums().clone();
    lossPairs = state.lossPairs().clone();
    bestScore = state.bestScore();
    bestEpoch = state.bestEpoch();
    bestValidation = state.bestValidation();
    epochsWithoutGain = state.epochsWithoutGain();
    stoppedEarly = state.stoppedEarly();
    history = new ArrayList<>(state.history());
    trainSecondsBefore = state.trainSeconds();
    epochSecondsBefore = state.epochSeconds();
  }

  void startClock() {
    epochStart = System.nanoTime();
  }

  void add(StepLosses losses, int samples) {
    for (int t = 0; t < lossSums.length; t++) {
      float loss = losses.perTask()[t];
      int pairs = losses.pairsPerTask()[t];
      if (pairs > 0 && !Float.isNaN(loss)) {
        lossSums[t] += (double) loss * pairs;
        lossPairs[t] += pairs;
      }
    }
    step++;
    batchesInEpoch++;
    samplesInEpoch += samples;
  }

  double[] meanLoss() {
    double[] mean = new double[lossSums.length];
    for (int t = 0; t < mean.length; t++) {
      mean[t] = lossPairs[t] == 0 ? Double.NaN : lossSums[t] / lossPairs[t];
    }
    return mean;
  }

  Map<String, Double> lossByTask(TuttiConfig config) {
    double[] mean = meanLoss();
    Map<String, Double> byTask = new LinkedHashMap<>();
    for (int t = 0; t < mean.length; t++) {
      byTask.put(config.tasks().get(t).id(), Validation.defined(mean[t]));
    }
    return byTask;
  }

  double epochSeconds() {
    return epochSecondsBefore + (System.nanoTime() - epochStart) / 1e9;
  }

  void nextEpoch() {
    epoch++;
    batchesInEpoch = 0;
    samplesInEpoch = 0;
    Arrays.fill(lossSums, 0);
    Arrays.fill(lossPairs, 0);
    epochSecondsBefore = 0;
    epochStart = System.nanoTime();
  }

  TrainerState snapshot() {
    return new TrainerState(
        fingerprint,
        epoch,
        batchesInEpoch,
        step,
        samplesInEpoch,
        lossSums.clone(),
        lossPairs.clone(),
        epochSeconds(),
        trainSecondsBefore + (System.nanoTime() - runStart) / 1e9,
        bestScore,
        bestEpoch,
        bestValidation,
        epochsWithoutGain,
        stoppedEarly,
        List.copyOf(history));
  }
}
