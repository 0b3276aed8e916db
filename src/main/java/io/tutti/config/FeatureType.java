package io.tutti.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a feature's raw value becomes model input. */
public enum FeatureType {
  /** One value per row, hashed into buckets or looked up in a vocabulary; one embedding. */
  CATEGORICAL,
  /** One number per row, normalised; fed to the dense layers as it is. */
  NUMERIC,
  /** Several values per row (a list, or text split by a separator), mean-pooled embeddings. */
  MULTI_CATEGORICAL;

  /** The spelling used in {@code tutti.yaml}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  static FeatureType parse(String text) {
    for (FeatureType type : values()) {
      if (type.yamlName().equals(text)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "'"
            + text
            + "' is not a feature type; accepted: "
            + Arrays.stream(values()).map(FeatureType::yamlName).collect(Collectors.joining(", ")));
  }
}
