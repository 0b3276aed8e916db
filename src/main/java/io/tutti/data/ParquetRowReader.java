package io.tutti.data;

import io.tutti.common.TuttiException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads Parquet through DuckDB's {@code read_parquet}, in an in-memory DuckDB that streams the file
 * row by row; list columns become Java lists.
 */
final class ParquetRowReader implements RowReader {
  private final Connection connection;
  private final Statement statement;
  private final ResultSet rows;
  private final List<String> columns;
  private final Object[] values;
  private long row;

  ParquetRowReader(Path file) throws IOException {
    try {
      Class.forName("org.duckdb.DuckDBDriver");
      connection = DriverManager.getConnection("jdbc:duckdb:");
      statement = connection.createStatement();
      String literal = file.toAbsolutePath().toString().replace("'", "''");
      rows = statement.executeQuery("SELECT * FROM read_parquet('" + literal + "')");
      ResultSetMetaData meta = rows.getMetaData();
      List<String> names = new ArrayList<>();
      for (int c = 1; c <= meta.getColumnCount(); c++) {
        names.add(meta.getColumnLabel(c));
      }
      columns = List.copyOf(names);
      values = new Object[columns.size()];
    } catch (SQLException | ClassNotFoundException e) {
      throw new TuttiException(
          "Could not read Parquet file " + file + ": " + e.getMessage().strip(), e);
    }
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public boolean next() throws IOException {
    try {
      if (!rows.next()) {
        return false;
      }
      row++;
      for (int c = 0; c < values.length; c++) {
        values[c] = toValue(rows.getObject(c + 1));
      }
      return true;
    } catch (SQLException e) {
      throw new IOException("Parquet row " + (row + 1) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Object value(int column) {
    return values[column];
  }

  @Override
  public long row() {
    return row;
  }

  @Override
  public void close() throws IOException {
    try {
      rows.close();
      statement.close();
      connection.close();
    } catch (SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static Object toValue(Object value) throws SQLException {
    if (value instanceof Array array) {
      Object[] elements = (Object[]) array.getArray();
      List<Object> list = new ArrayList<>(elements.length);
      for (Object element : elements) {
        list.add(toValue(element));
      }
      return list;
    }
    if (value instanceof Object[] elements) {
      return toValue(Arrays.asList(elements));
    }
    return value;
  }

  private static Object toValue(List<Object> elements) throws SQLException {
    List<Object> list = new ArrayList<>(elements.size());
    for (Object element : elements) {
      list.add(toValue(element));
    }
    return list;
  }
}
