package io.tutti.data;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Reads one raw data file row by row, whatever its format, with values addressed by column
 * position: text for CSV and TSV; strings, numbers, booleans, lists (and date-times in Parquet)
 * otherwise; null for a missing value.
 */
interface RowReader extends Closeable {

  /** The file's columns: the header of CSV and TSV, the keys of the first JSON object. */
  List<String> columns();

  /**
   * Moves to the next row; false at the end of the file.
   *
   * @throws BadValueException when the row itself is malformed (a wrong field count, a line that is
   *     not a JSON object); the reader stays usable and the next call moves on
   */
  boolean next() throws IOException;

  /** The current row's value in column {@code column}, or null when missing. */
  Object value(int column);

  /** The current row's number: 1 for the first data row, the header not counted. */
  long row();
}
