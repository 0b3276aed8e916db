package io.tutti.serve;

import io.tutti.common.AtomicFiles;
import io.tutti.common.CsvToParquet;
import io.tutti.common.TuttiException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The batch ranker's output: one row per (user, rank) with the user id, the rank from 1, the item
 * id, the combined score and the probability of each of the scenario's tasks ({@code p_TASK}).
 *
 * <p>Chunks are written as CSV part files, each atomically; the final file is assembled from them
 * at the end: CSV by concatenation, Parquet through DuckDB (typed columns: text ids, integer rank,
 * double score, float probabilities).
 */
final class RankOutput {
  private RankOutput() {}

  /** The output's columns. */
  static List<String> header(String userColumn, String itemColumn, List<String> tasks) {
    List<String> columns = new java.util.ArrayList<>(List.of(userColumn, "rank", itemColumn));
    columns.add("score");
    tasks.forEach(t -> columns.add("p_" + t));
    return columns;
  }

  /** The format of an output path by its extension: csv or parquet. */
  static String format(Path out) {
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return "csv";
    }
    if (name.endsWith(".parquet") || name.endsWith(".pq")) {
      return "parquet";
    }
    throw new TuttiException(
        "Output " + out + " has no known extension; accepted: .csv, .parquet or .pq.");
  }

  /** Appends one CSV field, quoted when it holds a comma, a quote or a line break. */
  static void field(Writer writer, String value) throws IOException {
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      writer.write(value);
      return;
    }
    writer.write('"');
    writer.write(value.replace("\"", "\"\""));
    writer.write('"');
  }

  /** Assembles the parts, in order, into {@code out}, atomically. */
  static void assemble(List<Path> parts, List<String> header, Path out) {
    String format = format(out);
    AtomicFiles.writeFile(
        out,
        temporary -> {
          if (format.equals("csv")) {
            concatenate(parts, temporary);
          } else {
            toParquet(parts, header, temporary);
          }
        });
  }

  private static void concatenate(List<Path> parts, Path target) throws IOException {
    try (BufferedWriter writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
      for (int p = 0; p < parts.size(); p++) {
        try (BufferedReader reader =
            Files.newBufferedReader(parts.get(p), StandardCharsets.UTF_8)) {
          String header = reader.readLine();
          if (p == 0 && header != null) {
            writer.write(header);
            writer.newLine();
          }
          reader.transferTo(writer);
        }
      }
    }
  }

  private static void toParquet(List<Path> parts, List<String> header, Path target)
      throws IOException {
    Map<String, String> types = new LinkedHashMap<>();
    for (int c = 0; c < header.size(); c++) {
      String type =
          switch (c) {
            case 0, 2 -> "VARCHAR";
            case 1 -> "INTEGER";
            case 3 -> "DOUBLE";
            default -> "FLOAT";
          };
      types.put(header.get(c), type);
    }
    CsvToParquet.convert(parts, types, target);
  }
}
