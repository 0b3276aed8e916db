package io.tutti.common;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Converts CSV files that Tutti wrote into one Parquet file with DuckDB: how the simulator, {@code
 * tutti predict} and {@code tutti rank-batch} write Parquet.
 *
 * <p>Every column's type is stated rather than detected, so that a file where a column happens to
 * be empty or numeric-looking has the same schema as every other; DuckDB runs on one thread, so
 * that the bytes written do not depend on the machine. Compression is zstd.
 */
public final class CsvToParquet {
  private CsvToParquet() {}

  /**
   * Writes the rows of {@code csvFiles}, in order, as the Parquet file {@code parquet}.
   *
   * @param csvFiles comma-separated, each with the same header row; values quoted with {@code "}
   *     where they need it
   * @param columnTypes column name to DuckDB type (VARCHAR, BIGINT, DOUBLE, ...), in the files'
   *     column order
   */
  public static void convert(List<Path> csvFiles, Map<String, String> columnTypes, Path parquet)
      throws IOException {
    String files =
        csvFiles.stream()
            .map(file -> literal(file.toAbsolutePath().toString()))
            .collect(Collectors.joining(", ", "[", "]"));
    String columns =
        columnTypes.entrySet().stream()
            .map(column -> literal(column.getKey()) + ": " + literal(column.getValue()))
            .collect(Collectors.joining(", ", "{", "}"));
    String copy =
        "COPY (SELECT * FROM read_csv("
            + files
            + ", header = true, auto_detect = false, delim = ',', columns = "
            + columns
            + ")) TO "
            + literal(parquet.toAbsolutePath().toString())
            + " (FORMAT parquet, COMPRESSION zstd)";
    try {
      Class.forName("org.duckdb.DuckDBDriver");
      try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
          Statement statement = connection.createStatement()) {
        statement.execute("SET threads = 1");
        statement.execute(copy);
      }
    } catch (SQLException | ClassNotFoundException e) {
      throw new IOException(
          "DuckDB could not write " + parquet + " as Parquet: " + e.getMessage().strip(), e);
    }
  }

  /** A SQL string literal: paths and column names may hold quotes. */
  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
