package io.tutti.eval.report;

import java.util.Locale;

/**
 * How the report prints numbers: fixed precision per kind of metric, so that a column lines up and
 * two models differ visibly only where they do. An undefined value prints as {@link #MISSING}.
 */
final class Format {
  /** What an undefined metric (NaN) prints as: plain ASCII, so fixed-width tables stay aligned. */
  static final String MISSING = "-";

  private Format() {}

  /** An AUC, GAUC or logloss: four decimals, enough to see a 0.001 lift. */
  static String metric(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : MISSING;
  }

  /** A difference of metrics, always signed: {@code +0.0123}. */
  static String delta(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%+.4f", value) : MISSING;
  }

  /** An interval of metrics: {@code [0.7012, 0.7234]}. */
  static String interval(double low, double high) {
    if (!Double.isFinite(low) || !Double.isFinite(high)) {
      return MISSING;
    }
    return "[" + metric(low) + ", " + metric(high) + "]";
  }

  /** An interval of differences, each bound signed: {@code [+0.0080, +0.0140]}. */
  static String deltaInterval(double low, double high) {
    if (!Double.isFinite(low) || !Double.isFinite(high)) {
      return MISSING;
    }
    return "[" + delta(low) + ", " + delta(high) + "]";
  }

  /** A COPC: three decimals, 1.000 is calibrated. */
  static String copc(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : MISSING;
  }

  /** A rate (a share of shown items): four decimals. */
  static String rate(double value) {
    return metric(value);
  }

  /** A relative change as a signed percentage with one decimal: {@code +5.1 %}. */
  static String percent(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%+.1f %%", value * 100) : MISSING;
  }

  /** An interval of relative changes: {@code [+2.0 %, +8.1 %]}. */
  static String percentInterval(double low, double high) {
    if (!Double.isFinite(low) || !Double.isFinite(high)) {
      return MISSING;
    }
    return "[" + percent(low) + ", " + percent(high) + "]";
  }

  /** A count with thousands separators: {@code 60,000}. */
  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** A duration in seconds: one decimal below ten minutes, else minutes. */
  static String seconds(double value) {
    if (!Double.isFinite(value)) {
      return MISSING;
    }
    if (value < 600) {
      return String.format(Locale.ROOT, "%.1f s", value);
    }
    return String.format(Locale.ROOT, "%.1f min", value / 60);
  }
}
