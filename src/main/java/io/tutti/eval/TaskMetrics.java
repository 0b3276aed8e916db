package io.tutti.eval;

import io.tutti.metrics.BinaryMetrics;
import io.tutti.metrics.Bootstrap;
import io.tutti.metrics.Gauc;
import io.tutti.metrics.Interval;
import io.tutti.metrics.RankedScores;

/**
 * Every metric of one scenario x task cell (or of one activity level of it). NaN marks a metric
 * that is undefined on the cell, e.g. AUC without positives.
 *
 * @param auc AUC, ties counting one half
 * @param aucLow lower bound of the 95 % bootstrap interval of AUC
 * @param aucHigh upper bound of that interval
 * @param gauc GAUC: per-user AUC weighted by impressions, single-class users left out
 * @param gaucUsers users that GAUC counted
 * @param logloss mean binary cross-entropy
 * @param copc sum of labels over sum of predictions
 * @param samples pairs with a label
 * @param positives positive labels
 * @param oracleAuc the AUC of the simulator's true probabilities, NaN on real data
 */
public record TaskMetrics(
    double auc,
    double aucLow,
    double aucHigh,
    double gauc,
    int gaucUsers,
    double logloss,
    double copc,
    long samples,
    long positives,
    double oracleAuc) {

  /** Bootstrap replicates behind every interval. */
  public static final int REPLICATES = 200;

  /** Computes every metric of a cell; the bootstrap is seeded so a report is reproducible. */
  public static TaskMetrics of(TaskScores cell, long seed) {
    int n = cell.size();
    RankedScores ranked = RankedScores.of(cell.scores(), cell.labels(), n);
    Interval interval = Bootstrap.aucInterval(ranked, REPLICATES, 0.95, seed);
    Gauc.Result gauc = Gauc.compute(cell.scores(), cell.labels(), cell.users(), n);
    double oracleAuc =
        cell.hasOracle() ? BinaryMetrics.auc(cell.oracle(), cell.labels(), n) : Double.NaN;
    return new TaskMetrics(
        ranked.auc(),
        interval.low(),
        interval.high(),
        gauc.value(),
        gauc.users(),
        BinaryMetrics.logloss(cell.scores(), cell.labels(), n),
        BinaryMetrics.copc(cell.scores(), cell.labels(), n),
        n,
        BinaryMetrics.positives(cell.labels(), n),
        oracleAuc);
  }

  /** How far the model's AUC stays below the oracle's; NaN without an oracle. */
  public double oracleGap() {
    return oracleAuc - auc;
  }
}
