package io.tutti.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tutti.common.TuttiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small configs written as YAML text, and assertions on the errors they produce. */
final class ConfigFixtures {
  /** The smallest data section: the three required columns. */
  static final String DATA =
      """
      format_version: 1
      data: {user_column: user_id, item_column: item_id, scenario_column: scenario}
      """;

  /** One task, one scenario: with {@link #DATA}, the smallest valid config. */
  static final String PLAY_DAILY =
      """
      tasks: [{id: play}]
      scenarios: [{id: daily, tasks: [play]}]
      """;

  private ConfigFixtures() {}

  /** Writes {@code yaml} as {@code dir/tutti.yaml} and returns the file. */
  static Path write(Path dir, String yaml) {
    Path file = dir.resolve("tutti.yaml");
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Loads {@code yaml} written in {@code dir}. */
  static TuttiConfig load(Path dir, String yaml) {
    return ConfigLoader.load(write(dir, yaml));
  }

  /** The message of the error that loading {@code yaml} must raise. */
  static String errors(Path dir, String yaml) {
    Path file = write(dir, yaml);
    TuttiException error = assertThrows(TuttiException.class, () -> ConfigLoader.load(file));
    return error.getMessage();
  }

  /**
   * Asserts that {@code message} has a line for {@code path} that names the file, the value seen
   * and every accepted fragment; returns that line.
   */
  static String assertReported(String message, String path, String seen, String... accepted) {
    List<String> lines = message.lines().toList();
    for (String line : lines.subList(1, lines.size())) {
      // Every line starts with the file, then the key path.
      if (!line.matches(".*tutti\\.yaml: " + java.util.regex.Pattern.quote(path) + ": .*")) {
        continue;
      }
      if (seen != null) {
        assertTrue(line.contains("seen " + seen), "names the value seen " + seen + ": " + line);
      }
      int acceptedAt = line.indexOf("; accepted: ");
      assertTrue(acceptedAt > 0, "says what is accepted: " + line);
      for (String fragment : accepted) {
        assertTrue(
            line.substring(acceptedAt).contains(fragment), "accepts " + fragment + ": " + line);
      }
      return line;
    }
    return fail("no error at " + path + " in:\n" + message);
  }

  /** The number of errors the first line of {@code message} announces. */
  static int errorCount(String message) {
    String first = message.lines().findFirst().orElseThrow();
    String[] words = first.split(" ");
    return Integer.parseInt(words[words.length - 2]);
  }
}
