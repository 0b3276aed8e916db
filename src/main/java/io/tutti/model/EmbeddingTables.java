package io.tutti.model;

import io.tutti.config.FeatureConfig;
import io.tutti.config.TuttiConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where every embedding table lives: the tables of one width are stacked into one variable, each at
 * a row offset, so that a step makes one gather and one sparse update per width instead of one per
 * feature.
 *
 * <p>A feature's table has {@link FeatureConfig#tableRows()} rows, row 0 for a missing or unknown
 * value; a feature that shares a table ({@code share_embedding}) reads its owner's rows. The
 * stacked variable of width {@code d} is {@code embedding/width_d}, {@code [sum of rows, d]}.
 */
final class EmbeddingTables {

  /** One stacked variable: every table of one width. */
  record Group(String variableName, int width, long rows) {}

  private final Map<String, Integer> offsetByTable = new LinkedHashMap<>();
  private final Map<String, Integer> widthByTable = new LinkedHashMap<>();
  private final Map<Integer, Long> rowsByWidth = new TreeMap<>();

  /** The tables of every embedded feature of {@code config}; private ones only if used. */
  EmbeddingTables(TuttiConfig config) {
    List<FeatureConfig> features = new ArrayList<>(config.features().all());
    if (config.model().privateFeatures()) {
      config.scenarios().forEach(s -> features.addAll(s.privateFeatures()));
    }
    for (FeatureConfig feature : features) {
      if (!feature.isEmbedded() || offsetByTable.containsKey(feature.tableName())) {
        continue;
      }
      FeatureConfig owner = config.feature(feature.tableName()).orElse(feature);
      int width = owner.embeddingDim();
      long offset = rowsByWidth.getOrDefault(width, 0L);
      if (offset + owner.tableRows() > Integer.MAX_VALUE) {
        throw new io.tutti.common.TuttiException(
            "The embedding tables of width "
                + width
                + " need more than 2^31 rows with feature '"
                + owner.name()
                + "'; accepted: fewer buckets or vocabulary values.");
      }
      offsetByTable.put(feature.tableName(), (int) offset);
      widthByTable.put(feature.tableName(), width);
      rowsByWidth.put(width, offset + owner.tableRows());
    }
  }

  /** The first row of {@code feature}'s table in its stacked variable. */
  int offset(FeatureConfig feature) {
    Integer offset = offsetByTable.get(feature.tableName());
    if (offset == null) {
      throw new IllegalStateException("no embedding table for feature " + feature.name());
    }
    return offset;
  }

  /** The width of {@code feature}'s embedding. */
  int width(FeatureConfig feature) {
    offset(feature);
    return widthByTable.get(feature.tableName());
  }

  /** The stacked variables, by increasing width. */
  List<Group> groups() {
    List<Group> groups = new ArrayList<>();
    rowsByWidth.forEach((width, rows) -> groups.add(new Group(variableName(width), width, rows)));
    return groups;
  }

  /** Every embedding row, over all widths. */
  long parameterCount() {
    long count = 0;
    for (Map.Entry<Integer, Long> entry : rowsByWidth.entrySet()) {
      count += entry.getKey() * entry.getValue();
    }
    return count;
  }

  static String variableName(int width) {
    return "embedding/width_" + width;
  }
}
