package io.tutti.eval;

/**
 * How one model does against the baseline on one scenario x task cell, on the same test samples.
 *
 * @param aucDelta model AUC minus baseline AUC, mean over seeds
 * @param low lower bound of the paired 95 % bootstrap interval of the delta
 * @param high upper bound of that interval
 * @param gaucDelta model GAUC minus baseline GAUC
 * @param loglossDelta model logloss minus baseline logloss (negative is better)
 * @param verdict better or worse beyond noise, or within it
 */
public record CellComparison(
    double aucDelta,
    double low,
    double high,
    double gaucDelta,
    double loglossDelta,
    Verdict verdict) {

  /** Whether a model's difference to the baseline is beyond the noise of the test set. */
  public enum Verdict {
    /** The whole interval lies above zero. */
    BETTER,
    /** The interval holds zero (or could not be computed). */
    WITHIN_NOISE,
    /** The whole interval lies below zero: a seesaw loss the report flags. */
    WORSE;

    /** The verdict of an interval of a delta. */
    public static Verdict of(double low, double high) {
      if (low > 0) {
        return BETTER;
      }
      if (high < 0) {
        return WORSE;
      }
      return WITHIN_NOISE;
    }
  }
}
