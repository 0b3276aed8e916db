package io.tutti.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tutti.common.TuttiException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Handles bad rows: fails on the first one naming file, row, column, value and expectation, or,
 * under {@code --skip-bad-rows}, counts it and writes it to the rejects file (JSON Lines), so that
 * nothing is dropped silently.
 */
final class RejectLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final boolean skipBadRows;
  private BufferedWriter writer;
  private long count;

  RejectLog(Path file, boolean skipBadRows) {
    this.file = file;
    this.skipBadRows = skipBadRows;
  }

  /**
   * Records a bad row: throws the user-facing error, or, when skipping, writes the reject.
   *
   * @param what "sample" or "behaviour", written with the reject
   */
  void reject(String what, DataFiles.DataFile source, long row, BadValueException problem)
      throws IOException {
    if (!skipBadRows) {
      throw new TuttiException(
          "Bad row in "
              + source.path()
              + ", row "
              + row
              + ": "
              + problem.describe()
              + "; fix the row or run with --skip-bad-rows to set such rows aside.");
    }
    if (writer == null) {
      writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }
    ObjectNode line = JSON.createObjectNode();
    line.put("kind", what);
    line.put("file", source.relative());
    line.put("row", row);
    line.put("column", problem.column());
    line.put("value", problem.value());
    line.put("reason", problem.expectation());
    writer.write(line.toString());
    writer.newLine();
    count++;
  }

  /** Rows rejected so far. */
  long count() {
    return count;
  }

  /** Whether a rejects file was written. */
  boolean written() {
    return writer != null;
  }

  @Override
  public void close() throws IOException {
    if (writer != null) {
      writer.close();
    }
  }
}
