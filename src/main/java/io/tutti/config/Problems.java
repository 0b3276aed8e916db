package io.tutti.config;

import io.tutti.common.TuttiException;
import java.util.ArrayList;
import java.util.List;

/**
 * The errors found in one config file, collected so that a user sees all of them at once rather
 * than fixing one, loading again and meeting the next.
 *
 * <p>Every line reads {@code FILE: KEY.PATH: what is wrong: seen VALUE; accepted: WHAT.}.
 */
final class Problems {
  private final String file;
  private final List<String> lines = new ArrayList<>();

  Problems(String file) {
    this.file = file;
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
    lines.add(line.toString());
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  /** The errors so far, one line each. */
  List<String> lines() {
    return List.copyOf(lines);
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
        "The config " + file + " has " + count + ":\n" + String.join("\n", lines));
  }
}
