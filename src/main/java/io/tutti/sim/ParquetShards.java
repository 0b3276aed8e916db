package io.tutti.sim;

import io.tutti.common.CsvToParquet;
import io.tutti.common.TuttiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts one shard's CSV file to Parquet ({@link CsvToParquet}: every column's type stated, so
 * that a shard where a column happens to be empty has the same schema as the others, and bytes that
 * do not depend on the machine).
 */
final class ParquetShards {
  private ParquetShards() {}

  /** The DuckDB types of the sample columns. */
  static Map<String, String> sampleTypes(boolean podcast) {
    Map<String, String> types = new LinkedHashMap<>();
    for (String column : UserSimulation.HEADER) {
      types.put(column, sampleType(column));
    }
    if (podcast) {
      types.put(UserSimulation.PODCAST_COLUMN, "DOUBLE");
    }
    return types;
  }

  /** The DuckDB types of the play log's columns. */
  static Map<String, String> playTypes() {
    Map<String, String> types = new LinkedHashMap<>();
    types.put("user_id", "VARCHAR");
    types.put("item_id", "VARCHAR");
    types.put("ts", "BIGINT");
    return types;
  }

  /** Writes {@code csv} as {@code parquet}, then deletes {@code csv}. */
  static void convert(Path csv, Path parquet, Map<String, String> types) throws IOException {
    try {
      CsvToParquet.convert(List.of(csv), types, parquet);
    } catch (IOException e) {
      throw new TuttiException("Could not convert " + csv + " to Parquet: " + e.getMessage(), e);
    }
    Files.delete(csv);
  }

  private static String sampleType(String column) {
    if (List.of("ts").contains(column)) {
      return "BIGINT";
    }
    if (column.startsWith("oracle_") || column.endsWith("_cover")) {
      return "DOUBLE";
    }
    if (Surface.ALL_TASKS.contains(column)) {
      return "TINYINT";
    }
    return switch (column) {
      case "release_year", "hour", "weekday", "daily_position", "session_skips", "playlist_size" ->
          "INTEGER";
      default -> "VARCHAR";
    };
  }
}
