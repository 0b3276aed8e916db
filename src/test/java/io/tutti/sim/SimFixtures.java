package io.tutti.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Small simulated worlds and a reader of their CSV files (unquoted, as the simulator writes). */
final class SimFixtures {
  private SimFixtures() {}

  /** Every row of every CSV file under {@code folder}, as column -> value ("" when missing). */
  static List<Map<String, String>> rows(Path folder) {
    List<Map<String, String>> rows = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",", -1);
        for (String line : lines.subList(1, lines.size())) {
          String[] values = line.split(",", -1);
          Map<String, String> row = new HashMap<>();
          for (int c = 0; c < header.length; c++) {
            row.put(header[c], values[c]);
          }
          rows.add(row);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** The moment of a sample row: its time and the private context its columns hold. */
  static Moment moment(Map<String, String> row) {
    return new Moment(
        Long.parseLong(row.get("ts")),
        number(row.get("daily_position")),
        number(row.get("session_skips")),
        row.get("stream_device").isEmpty()
            ? 0
            : Integer.parseInt(row.get("stream_device").substring(1)),
        row.get("playlist_badge").isEmpty() ? 0 : Moment.BADGES.indexOf(row.get("playlist_badge")));
  }

  private static int number(String text) {
    return text.isEmpty() ? 0 : Integer.parseInt(text);
  }

  /** Every file under {@code root}, relative path -> bytes. */
  static Map<String, byte[]> files(Path root) {
    Map<String, byte[]> files = new HashMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString(), Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
