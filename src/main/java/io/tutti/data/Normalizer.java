package io.tutti.data;

import io.tutti.config.Normalization;

/**
 * One numeric feature's normalisation as {@code clip(x * scale + shift)}: a single multiply-add per
 * value when batches are filled, whatever the normalisation.
 *
 * @param scale the factor
 * @param shift the offset
 * @param clip whether the result is clipped to [0, 1] (min-max)
 */
record Normalizer(float scale, float shift, boolean clip) {

  static Normalizer of(Normalization normalization, NumericStatistics statistics) {
    return switch (normalization) {
      case NONE -> new Normalizer(1f, 0f, false);
      case STANDARD, LOG_STANDARD -> {
        // A constant feature (std 0) is only centred: dividing by 0 would give infinities.
        double std = statistics.std() > 0 ? statistics.std() : 1;
        yield new Normalizer((float) (1 / std), (float) (-statistics.mean() / std), false);
      }
      case MIN_MAX -> {
        double range = statistics.max() - statistics.min();
        if (range <= 0) {
          yield new Normalizer(0f, 0f, true);
        }
        yield new Normalizer((float) (1 / range), (float) (-statistics.min() / range), true);
      }
    };
  }

  /** The normalised value; a missing (NaN) value becomes 0. */
  float apply(float transformed) {
    if (Float.isNaN(transformed)) {
      return 0f;
    }
    float value = transformed * scale + shift;
    return clip ? Math.max(0f, Math.min(1f, value)) : value;
  }
}
