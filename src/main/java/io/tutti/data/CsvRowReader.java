package io.tutti.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.tutti.common.TuttiException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads CSV or TSV with a header row (Jackson CSV): quoted fields, UTF-8, empty lines skipped; an
 * empty field is a missing value.
 */
final class CsvRowReader implements RowReader {
  private final Reader input;
  private final MappingIterator<String[]> rows;
  private final List<String> columns;
  private String[] current;
  private long row;

  CsvRowReader(Path file, char separator) throws IOException {
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
    if (separator == '\t') {
      // TSV files rarely quote: a stray quote must stay text, not open a field.
      schema = schema.withoutQuoteChar();
    }
    input = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    rows = mapper.readerFor(String[].class).with(schema).readValues(input);
    if (!rows.hasNext()) {
      input.close();
      throw new TuttiException("Data file " + file + " is empty: it has no header row.");
    }
    String[] header = rows.next();
    if (header.length > 0 && header[0].startsWith("\uFEFF")) {
      header[0] = header[0].substring(1);
    }
    columns = Arrays.stream(header).map(String::trim).toList();
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public boolean next() throws IOException {
    if (!rows.hasNext()) {
      return false;
    }
    row++;
    current = rows.next();
    if (current.length != columns.size()) {
      String[] seen = current;
      current = null;
      throw new BadValueException(
          null,
          null,
          "has "
              + seen.length
              + " fields where the header has "
              + columns.size()
              + " (line "
              + (row + 1)
              + ")");
    }
    return true;
  }

  @Override
  public Object value(int column) {
    String text = current[column];
    return text.isEmpty() ? null : text;
  }

  @Override
  public long row() {
    return row;
  }

  @Override
  public void close() throws IOException {
    rows.close();
    input.close();
  }
}
