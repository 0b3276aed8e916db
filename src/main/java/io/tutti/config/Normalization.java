package io.tutti.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a numeric feature is normalised; the statistics come from the training split at compile time
 * and are saved with the dataset and the model.
 */
public enum Normalization {
  /** The raw value. */
  NONE,
  /** {@code (x - mean) / std}. */
  STANDARD,
  /** {@code (log1p(max(x, 0)) - mean) / std}: for counts and durations with long tails. */
  LOG_STANDARD,
  /** {@code (x - min) / (max - min)}, clipped to [0, 1]. */
  MIN_MAX;

  /** The spelling used in {@code tutti.yaml}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  static Normalization parse(String text) {
    for (Normalization normalization : values()) {
      if (normalization.yamlName().equals(text)) {
        return normalization;
      }
    }
    throw new IllegalArgumentException(
        "'"
            + text
            + "' is not a normalization; accepted: "
            + Arrays.stream(values())
                .map(Normalization::yamlName)
                .collect(Collectors.joining(", ")));
  }
}
