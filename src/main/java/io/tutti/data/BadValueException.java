package io.tutti.data;

/**
 * One raw value that cannot be read as its column requires; the reader adds the file and row.
 *
 * <p>It is not a {@link io.tutti.common.TuttiException} on its own because its message lacks the
 * place: the compiler catches it, names the file and row, and either fails or rejects the row.
 */
final class BadValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final String value;
  private final String expectation;

  /**
   * @param column the column read, or null when the problem is the row itself
   * @param value the raw value seen (null when missing)
   * @param expectation what is accepted, as a clause: "is not a number" ...
   */
  BadValueException(String column, Object value, String expectation) {
    super(expectation, null, false, false);
    this.column = column;
    this.value = value == null ? null : String.valueOf(value);
    this.expectation = expectation;
  }

  String column() {
    return column;
  }

  String value() {
    return value;
  }

  String expectation() {
    return expectation;
  }

  /** "column 'click': value '2' is not a label; accepted: 0, 1, true, false". */
  String describe() {
    StringBuilder text = new StringBuilder();
    if (column != null) {
      text.append("column '").append(column).append("': ");
    }
    text.append(value == null ? "no value" : "value '" + value + "'");
    text.append(' ').append(expectation);
    return text.toString();
  }
}
