package io.tutti.data;

import io.tutti.common.TuttiException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw rows of data files for code outside this package (request replay, the batch ranker): the same
 * readers and the same reading of values as the dataset compiler, one row at a time.
 *
 * <p>A path is one file or a directory of data files (see {@code data.format}); values are text for
 * CSV and TSV, and strings, numbers, booleans and lists for JSON Lines and Parquet, null when
 * missing. A malformed row stops the read with an error naming the file and the row.
 */
public final class RawRows {

  /** The current row of a read: valid only inside {@link Visitor#visit}. */
  public interface Row {
    /** The file the row comes from. */
    Path file();

    /** The row's number in its file, from 1, the header not counted. */
    long row();

    /** The file's columns. */
    List<String> columns();

    /** The raw value of a column, or null when missing or when the file has no such column. */
    Object value(String column);

    /** The canonical text of a column's value (what hashing and matching use), null if missing. */
    String text(String column);

    /**
     * The value of a time column in epoch seconds (integers, or ISO-8601 text read as UTC).
     *
     * @throws TuttiException naming the file, the row, the column and the value
     */
    long epochSeconds(String column);

    /** A copy of the row: column name to raw value, in column order. */
    Map<String, Object> toMap();
  }

  /** Receives each row in file order. */
  @FunctionalInterface
  public interface Visitor {
    void visit(Row row) throws IOException;
  }

  private RawRows() {}

  /**
   * Reads every row of the data files of {@code path} in order.
   *
   * @param format auto, csv, tsv, jsonl or parquet, as {@code data.format}
   * @param what what the files are ("samples", "users file"), for messages
   * @return the rows read
   */
  public static long read(Path path, String format, String what, Visitor visitor) {
    long rows = 0;
    for (DataFiles.DataFile file : DataFiles.list(path, format, what)) {
      try (RowReader reader = DataFiles.open(file)) {
        FileRow row = new FileRow(file.path(), reader);
        while (true) {
          try {
            if (!reader.next()) {
              break;
            }
          } catch (BadValueException e) {
            throw row.error(e);
          }
          rows++;
          visitor.visit(row);
        }
      } catch (IOException e) {
        throw new TuttiException("Could not read " + what + " file " + file.path() + ": " + e, e);
      }
    }
    return rows;
  }

  /** The columns of the first data file of {@code path}. */
  public static List<String> columns(Path path, String format, String what) {
    DataFiles.DataFile first = DataFiles.list(path, format, what).get(0);
    try (RowReader reader = DataFiles.open(first)) {
      return List.copyOf(reader.columns());
    } catch (IOException e) {
      throw new TuttiException("Could not read " + what + " file " + first.path() + ": " + e, e);
    }
  }

  private static final class FileRow implements Row {
    private final Path file;
    private final RowReader reader;
    private final Map<String, Integer> index = new HashMap<>();

    FileRow(Path file, RowReader reader) {
      this.file = file;
      this.reader = reader;
      for (int c = 0; c < reader.columns().size(); c++) {
        index.putIfAbsent(reader.columns().get(c), c);
      }
    }

    @Override
    public Path file() {
      return file;
    }

    @Override
    public long row() {
      return reader.row();
    }

    @Override
    public List<String> columns() {
      return reader.columns();
    }

    @Override
    public Object value(String column) {
      Integer at = index.get(column);
      return at == null ? null : reader.value(at);
    }

    @Override
    public String text(String column) {
      return RawValues.text(value(column));
    }

    @Override
    public long epochSeconds(String column) {
      try {
        return RawValues.epochSeconds(column, value(column));
      } catch (BadValueException e) {
        throw error(e);
      }
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> copy = new LinkedHashMap<>();
      List<String> columns = reader.columns();
      for (int c = 0; c < columns.size(); c++) {
        copy.putIfAbsent(columns.get(c), reader.value(c));
      }
      return copy;
    }

    TuttiException error(BadValueException e) {
      return new TuttiException(
          "Bad row in " + file + ", row " + reader.row() + ": " + e.describe() + ".");
    }
  }
}
