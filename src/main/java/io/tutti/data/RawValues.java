package io.tutti.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * Reads raw values, whatever reader produced them, the same way: text from CSV, strings, numbers,
 * booleans and lists from JSON Lines and Parquet.
 *
 * <p>A value's canonical text is what categorical features hash and what scenario values are
 * matched on: so {@code 7} read from Parquet and {@code "7"} read from CSV are the same value.
 */
final class RawValues {
  private RawValues() {}

  /** The canonical text of a value, or null when it is missing (null or empty text). */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String text) {
      return text.isEmpty() ? null : text;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return value.toString();
    }
    if (value instanceof Byte b) {
      return Integer.toString(b);
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (number == Math.rint(number) && Math.abs(number) < 1e15) {
        return Long.toString((long) number);
      }
      return Double.toString(number);
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }

  /** The number a value holds; NaN when missing; throws when it is not a number. */
  static double number(String column, Object value) {
    if (value == null) {
      return Double.NaN;
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    if (value instanceof Boolean flag) {
      return flag ? 1 : 0;
    }
    String text = value.toString().trim();
    if (text.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new BadValueException(column, value, "is not a number");
    }
  }

  /**
   * Epoch seconds of a timestamp: an integer (epoch seconds), ISO-8601 text (a date, a local date
   * and time, read as UTC, or an instant with an offset) or a date-time object from Parquet.
   */
  static long epochSeconds(String column, Object value) {
    if (value == null || (value instanceof String s && s.isEmpty())) {
      throw new BadValueException(
          column, null, "is required: a timestamp, in epoch seconds or" + " ISO-8601");
    }
    if (value instanceof Number number) {
      double seconds = number.doubleValue();
      if (seconds != Math.rint(seconds)) {
        return (long) Math.floor(seconds);
      }
      return number.longValue();
    }
    if (value instanceof Date date) {
      return Math.floorDiv(date.getTime(), 1000L);
    }
    if (value instanceof LocalDateTime local) {
      return local.toEpochSecond(ZoneOffset.UTC);
    }
    if (value instanceof LocalDate date) {
      return date.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toEpochSecond();
    }
    if (value instanceof ZonedDateTime zoned) {
      return zoned.toEpochSecond();
    }
    if (value instanceof Instant instant) {
      return instant.getEpochSecond();
    }
    String text = value.toString().trim();
    if (!text.isEmpty() && isInteger(text)) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        // Too long for a long: fall through to the error below.
      }
    }
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
      }
      if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
        return OffsetDateTime.parse(text).toEpochSecond();
      }
      return LocalDateTime.parse(text.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new BadValueException(
          column,
          value,
          "is not a timestamp; accepted: epoch seconds, or ISO-8601 such as 2024-05-01 or"
              + " 2024-05-01T08:30:00Z");
    }
  }

  /**
   * A 0/1 label, {@link FeatureEncoder#LABEL_ABSENT} when missing. Without a threshold a label is
   * 0, 1, true or false; with one, a number at or above the threshold is a positive.
   */
  static byte label(String column, Object value, Double positiveThreshold) {
    if (value == null || (value instanceof String s && s.isEmpty())) {
      return FeatureEncoder.LABEL_ABSENT;
    }
    if (positiveThreshold != null) {
      double number;
      try {
        number = number(column, value);
      } catch (BadValueException e) {
        throw new BadValueException(
            column,
            value,
            "is not a number; accepted: a number, positive at or above " + positiveThreshold);
      }
      return (byte) (number >= positiveThreshold ? 1 : 0);
    }
    if (value instanceof Boolean flag) {
      return (byte) (flag ? 1 : 0);
    }
    if (value instanceof Number number) {
      double d = number.doubleValue();
      if (d == 0 || d == 1) {
        return (byte) d;
      }
    } else {
      String text = value.toString().trim().toLowerCase(Locale.ROOT);
      switch (text) {
        case "1", "1.0", "true" -> {
          return 1;
        }
        case "0", "0.0", "false" -> {
          return 0;
        }
        default -> {
          // Not a label; reported below.
        }
      }
    }
    throw new BadValueException(
        column,
        value,
        "is not a label; accepted: 0, 1, true, false (or set the task's positive_threshold)");
  }

  /** The elements of a multi-valued value: a list, or text split by {@code separator}. */
  static List<?> elements(Object value, String separator) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list;
    }
    if (value instanceof Object[] array) {
      return java.util.Arrays.asList(array);
    }
    String text = text(value);
    if (text == null) {
      return List.of();
    }
    return List.of(text.split(java.util.regex.Pattern.quote(separator), -1));
  }

  private static boolean isInteger(String text) {
    int start = text.charAt(0) == '-' ? 1 : 0;
    if (start == text.length()) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
