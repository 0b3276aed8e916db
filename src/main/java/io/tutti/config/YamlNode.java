package io.tutti.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.function.DoublePredicate;
import java.util.function.IntPredicate;
import java.util.function.LongPredicate;

/**
 * One node of a parsed {@code tutti.yaml} together with its key path, so that every value read from
 * it can be reported with its place.
 *
 * <p>Readers never throw: a missing, mistyped or refused value is recorded in the file's {@link
 * Problems} and the reader returns the fallback, so that loading goes on and finds the other errors
 * too. An explicit {@code null} is read as an absent key, which is how the resolved config writes
 * "no value".
 */
final class YamlNode {
  private static final int MAX_SHOWN = 60;

  private final JsonNode node;
  private final String path;
  private final Problems problems;

  private YamlNode(JsonNode node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /** The document root, whose path is empty. */
  static YamlNode root(JsonNode node, Problems problems) {
    return new YamlNode(node, "", problems);
  }

  /** The key path of this node, e.g. {@code scenarios[2].tasks[0]}. */
  String path() {
    return path;
  }

  Problems problems() {
    return problems;
  }

  /** Whether a value is there: the key exists and is not {@code null}. */
  boolean isPresent() {
    return node != null && !node.isNull() && !node.isMissingNode();
  }

  /** The value under {@code key} of this mapping (absent when this is not a mapping). */
  YamlNode get(String key) {
    JsonNode child = node != null && node.isObject() ? node.get(key) : null;
    return new YamlNode(child, path.isEmpty() ? key : path + "." + key, problems);
  }

  /**
   * Whether this is a mapping; a present value of another type is reported as a wrong type. {@code
   * accepted} describes what the mapping holds.
   */
  boolean isMapping(String accepted) {
    if (!isPresent()) {
      return false;
    }
    if (!node.isObject()) {
      wrongType(accepted);
      return false;
    }
    return true;
  }

  /** Reports every key of this mapping that is not {@code accepted}, listing the accepted ones. */
  void checkKeys(Collection<String> accepted, String what) {
    if (node == null || !node.isObject()) {
      return;
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!accepted.contains(name)) {
        problems.add(
            get(name).path,
            "unknown key in " + what,
            quote(name),
            "the keys " + String.join(", ", accepted));
      }
    }
  }

  /** The keys of this mapping in file order; empty when it is not a mapping. */
  List<String> keys() {
    List<String> keys = new ArrayList<>();
    if (node != null && node.isObject()) {
      node.fieldNames().forEachRemaining(keys::add);
    }
    return keys;
  }

  /**
   * The elements of this list; absent is empty and another type is reported. {@code accepted}
   * describes the list.
   */
  List<YamlNode> elements(String accepted) {
    return elements(accepted, false);
  }

  /** The elements of this list; when {@code required}, an absent or empty list is reported too. */
  List<YamlNode> elements(String accepted, boolean required) {
    List<YamlNode> elements = new ArrayList<>();
    if (!isPresent()) {
      if (required) {
        require(accepted);
      }
      return elements;
    }
    if (!node.isArray()) {
      wrongType(accepted);
      return elements;
    }
    if (required && node.isEmpty()) {
      problems.add(path, "empty list", "[]", accepted);
    }
    for (int i = 0; i < node.size(); i++) {
      elements.add(new YamlNode(node.get(i), path + "[" + i + "]", problems));
    }
    return elements;
  }

  /** Reports this key as missing unless it is present; returns whether it is present. */
  boolean require(String accepted) {
    if (isPresent()) {
      return true;
    }
    problems.add(path, "missing required key", null, accepted);
    return false;
  }

  /**
   * A text value, or {@code fallback} when absent. Numbers are read as their text, since column
   * names such as {@code 101} are common; a boolean is refused because YAML turns an unquoted
   * {@code yes} or {@code no} into one.
   */
  String text(String fallback) {
    if (!isPresent()) {
      return fallback;
    }
    if (node.isTextual() || node.isNumber()) {
      return node.asText();
    }
    wrongType("text (quote it when it looks like a boolean)");
    return fallback;
  }

  /** A required text value; null (and an error) when missing. */
  String requiredText(String accepted) {
    return require(accepted) ? text(null) : null;
  }

  /** One of {@code accepted}, or {@code fallback} when absent. */
  String choice(String fallback, List<String> accepted) {
    String value = text(null);
    if (value == null) {
      return fallback;
    }
    if (!accepted.contains(value)) {
      problems.add(path, "unknown value", describe(node), "one of " + String.join(", ", accepted));
      return fallback;
    }
    return value;
  }

  /** An integer that {@code valid} accepts, or {@code fallback} when absent. */
  int integer(int fallback, IntPredicate valid, String accepted) {
    if (!isPresent()) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      wrongType(accepted);
      return fallback;
    }
    int value = node.intValue();
    if (!valid.test(value)) {
      problems.add(path, "value out of range", describe(node), accepted);
      return fallback;
    }
    return value;
  }

  /** A long integer that {@code valid} accepts, or {@code fallback} when absent. */
  long longInteger(long fallback, LongPredicate valid, String accepted) {
    if (!isPresent()) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      wrongType(accepted);
      return fallback;
    }
    long value = node.longValue();
    if (!valid.test(value)) {
      problems.add(path, "value out of range", describe(node), accepted);
      return fallback;
    }
    return value;
  }

  /** A finite number that {@code valid} accepts, or {@code fallback} when absent. */
  double number(double fallback, DoublePredicate valid, String accepted) {
    Double value = optionalNumber(valid, accepted);
    return value == null ? fallback : value;
  }

  /** A finite number that {@code valid} accepts, or null when absent or refused. */
  Double optionalNumber(DoublePredicate valid, String accepted) {
    if (!isPresent()) {
      return null;
    }
    if (!node.isNumber()) {
      wrongType(accepted);
      return null;
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value) || !valid.test(value)) {
      problems.add(path, "value out of range", describe(node), accepted);
      return null;
    }
    return value;
  }

  /** A boolean, or {@code fallback} when absent. */
  boolean bool(boolean fallback) {
    if (!isPresent()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      wrongType("true or false");
      return fallback;
    }
    return node.booleanValue();
  }

  /** Reports this value as having the wrong type. */
  void wrongType(String accepted) {
    problems.add(path, "wrong type", describe(node), accepted);
  }

  /** Reports a refused value of this node. */
  void refuse(String problem, String accepted) {
    problems.add(path, problem, describe(node), accepted);
  }

  /** How a value is shown in a message: text quoted, lists and mappings abbreviated. */
  static String describe(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "nothing";
    }
    if (value.isTextual()) {
      return quote(value.asText());
    }
    if (value.isObject()) {
      List<String> keys = new ArrayList<>();
      value.fieldNames().forEachRemaining(keys::add);
      return abbreviate("a mapping with keys [" + String.join(", ", keys) + "]");
    }
    if (value.isArray()) {
      return abbreviate("the list " + value);
    }
    return value.asText();
  }

  /** A text value as a message shows it. */
  static String quote(String text) {
    return "'" + abbreviate(text) + "'";
  }

  private static String abbreviate(String text) {
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN - 3) + "...";
  }
}
