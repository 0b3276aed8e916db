package io.tutti.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.common.TuttiException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads JSON Lines: one JSON object per line, blank lines skipped. The columns are the keys of the
 * first object; a later object without one of them has a missing value there.
 */
final class JsonLinesRowReader implements RowReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BufferedReader input;
  private final List<String> columns;
  private final Object[] values;
  private String pendingLine;
  private long row;
  private long line;

  JsonLinesRowReader(Path file) throws IOException {
    input = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    String first = nextLine();
    if (first == null) {
      input.close();
      throw new TuttiException("Data file " + file + " is empty: it has no JSON object.");
    }
    JsonNode node;
    try {
      node = JSON.readTree(first);
    } catch (JsonProcessingException e) {
      input.close();
      throw new TuttiException(
          "Data file "
              + file
              + ", line "
              + line
              + ": not a JSON object ("
              + e.getOriginalMessage()
              + ").");
    }
    if (!node.isObject()) {
      input.close();
      throw new TuttiException(
          "Data file "
              + file
              + ", line "
              + line
              + ": not a JSON object but "
              + node.getNodeType()
              + ".");
    }
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    columns = List.copyOf(names);
    values = new Object[columns.size()];
    pendingLine = first;
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public boolean next() throws IOException {
    String text = pendingLine != null ? pendingLine : nextLine();
    pendingLine = null;
    if (text == null) {
      return false;
    }
    row++;
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new BadValueException(
          null, null, "is not a JSON object (line " + line + ": " + e.getOriginalMessage() + ")");
    }
    if (!node.isObject()) {
      throw new BadValueException(
          null, null, "is not a JSON object but " + node.getNodeType() + " (line " + line + ")");
    }
    for (int c = 0; c < columns.size(); c++) {
      values[c] = toValue(node.get(columns.get(c)));
    }
    return true;
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
    input.close();
  }

  private String nextLine() throws IOException {
    String text;
    do {
      text = input.readLine();
      line++;
    } while (text != null && text.isBlank());
    return text;
  }

  private static Object toValue(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.decimalValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        list.add(toValue(it.next()));
      }
      return list;
    }
    // A nested object has no Tutti meaning; its JSON text keeps it visible in error messages.
    return node.toString();
  }
}
