package io.tutti.config;

import io.tutti.common.TuttiException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The errors found in one config file, collected so that a user sees all of them at once rather
 * than fixing one, loading again and meeting the next.
 *
 * <p>Every line reads {@code FILE: KEY.PATH: what is wrong: seen VALUE; accepted: WHAT.}.
 */
final class Problems {
  private final String file;
  private final List<String> sections;
  private final List<Line> lines = new ArrayList<>();

  /** One error and the rank of its top-level section, by which the lines are ordered. */
  private record Line(int rank, String text) {}

  /**
   * Errors of {@code file}, listed in the order of {@code sections} (top-level keys) whatever order
   * the sections were read in; errors outside any section come first.
   */
  Problems(String file, List<String> sections) {
    this.file = file;
    this.sections = List.copyOf(sections);
  }

  /** The file name every line starts with. */
  String file() {
    return file;
  }

  /** Records one error at {@code path} with the value seen and what is accepted. */
  void add(String path, String problem, String seen, String accepted) {
    StringBuilder line = new StringBuilder(file).append(": ");
    if (!path.isEmpty()) {
      line.append(path).append(": ");
    }
    line.append(problem);
    if (seen != null) {
      line.append(": seen ").append(seen);
    }
    line.append("; accepted: ").append(accepted).append('.');
    lines.add(new Line(sections.indexOf(section(path)), line.toString()));
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  /** The errors so far, one line each, in section order. */
  List<String> lines() {
    return lines.stream().sorted(Comparator.comparingInt(Line::rank)).map(Line::text).toList();
  }

  private static String section(String path) {
    int end = path.length();
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '.' || path.charAt(i) == '[') {
        end = i;
        break;
      }
    }
    return path.substring(0, end);
  }

  /**
   * Throws every error collected, the first line saying how many; does nothing when there is none.
   */
  void throwIfAny() {
    if (lines.isEmpty()) {
      return;
    }
    String count = lines.size() == 1 ? "1 error" : lines.size() + " errors";
    throw new TuttiException(
        "The config " + file + " has " + count + ":\n" + String.join("\n", lines()));
  }
}
