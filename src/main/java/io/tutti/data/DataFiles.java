package io.tutti.data;

import io.tutti.common.TuttiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the raw data files of a path and opens them: one file, or every data file under a
 * directory, sorted by relative path, hidden files and directories skipped.
 */
final class DataFiles {
  private static final Logger LOG = LoggerFactory.getLogger(DataFiles.class);

  /** The accepted values of {@code data.format}. */
  static final List<String> FORMATS = List.of("auto", "csv", "tsv", "jsonl", "parquet");

  /**
   * One raw file.
   *
   * @param path its absolute path
   * @param relative its path under the data directory (its file name for a single file)
   * @param format csv, tsv, jsonl or parquet
   * @param size bytes
   * @param modified last modification, epoch milliseconds
   */
  record DataFile(Path path, String relative, String format, long size, long modified) {}

  private DataFiles() {}

  /**
   * The data files of {@code path}. With format {@code auto} a file's extension decides (.csv,
   * .tsv/.tab, .jsonl/.ndjson/.json, .parquet/.pq) and files with other extensions are skipped,
   * each named in the log; with a fixed format every file is read.
   *
   * @param what "samples" or "behaviour log", for messages
   */
  static List<DataFile> list(Path path, String format, String what) {
    if (!FORMATS.contains(format)) {
      throw new TuttiException(
          "Data format '"
              + format
              + "' of the "
              + what
              + " is not known; accepted: "
              + FORMATS
              + ".");
    }
    if (!Files.exists(path)) {
      throw new TuttiException("The " + what + " path " + path + " does not exist.");
    }
    try {
      List<DataFile> files = new ArrayList<>();
      if (Files.isRegularFile(path)) {
        String fileFormat = formatOf(path, format);
        if (fileFormat == null) {
          throw new TuttiException(
              "Cannot tell the format of "
                  + path
                  + " from its extension; accepted: .csv, .tsv, .tab, .jsonl, .ndjson, .json,"
                  + " .parquet, .pq, or set data.format.");
        }
        files.add(describe(path, path.getFileName().toString(), fileFormat));
        return files;
      }
      Path root = path.toAbsolutePath();
      List<Path> candidates;
      try (Stream<Path> walk = Files.walk(root)) {
        candidates =
            walk.filter(Files::isRegularFile)
                .filter(p -> !isHidden(root.relativize(p)))
                .sorted(Comparator.comparing(p -> root.relativize(p).toString()))
                .toList();
      }
      for (Path file : candidates) {
        String fileFormat = formatOf(file, format);
        String relative = root.relativize(file).toString();
        if (fileFormat == null) {
          LOG.info("Skipping {} in the {}: not a data file by its extension", relative, what);
          continue;
        }
        files.add(describe(file, relative, fileFormat));
      }
      if (files.isEmpty()) {
        throw new TuttiException(
            "The "
                + what
                + " directory "
                + path
                + " holds no data file (.csv, .tsv, .jsonl,"
                + " .parquet).");
      }
      return files;
    } catch (IOException e) {
      throw new TuttiException("Could not list the " + what + " in " + path + ": " + e, e);
    }
  }

  /** Opens a reader on one file. */
  static RowReader open(DataFile file) throws IOException {
    return switch (file.format()) {
      case "csv" -> new CsvRowReader(file.path(), ',');
      case "tsv" -> new CsvRowReader(file.path(), '\t');
      case "jsonl" -> new JsonLinesRowReader(file.path());
      case "parquet" -> new ParquetRowReader(file.path());
      default -> throw new IllegalStateException("format " + file.format());
    };
  }

  private static DataFile describe(Path file, String relative, String format) throws IOException {
    return new DataFile(
        file.toAbsolutePath(),
        relative,
        format,
        Files.size(file),
        Files.getLastModifiedTime(file).toMillis());
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".") || name.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  private static String formatOf(Path file, String format) {
    if (!format.equals("auto")) {
      return format;
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return "csv";
    }
    if (name.endsWith(".tsv") || name.endsWith(".tab")) {
      return "tsv";
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return "jsonl";
    }
    if (name.endsWith(".parquet") || name.endsWith(".pq")) {
      return "parquet";
    }
    return null;
  }
}
