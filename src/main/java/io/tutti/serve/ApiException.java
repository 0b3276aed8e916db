package io.tutti.serve;

import java.util.List;

/**
 * A request the server answers with an error status: its message is one sentence for the client,
 * and when a field is at fault the body names it, the value seen and what is accepted.
 *
 * <p>Body: {@code {"error": MESSAGE, "status": 400, "field": "candidates[3].genre", "seen": ...,
 * "accepted": ...}}, the last three only when known.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String field;
  private final transient Object seen;
  private final transient Object accepted;

  ApiException(int status, String message, String field, Object seen, Object accepted) {
    super(message);
    this.status = status;
    this.field = field;
    this.seen = seen;
    this.accepted = accepted;
  }

  /** 400 for a field with a bad value: names the field, the value seen and what is accepted. */
  static ApiException badField(String field, Object seen, String problem, Object accepted) {
    String shown = seen == null ? "nothing" : String.valueOf(seen);
    if (shown.length() > 80) {
      shown = shown.substring(0, 77) + "...";
    }
    String acceptedText =
        accepted instanceof List<?> list ? "one of " + list : String.valueOf(accepted);
    return new ApiException(
        400,
        "Field '"
            + field
            + "' "
            + problem
            + ": seen "
            + shown
            + "; accepted: "
            + acceptedText
            + ".",
        field,
        seen,
        accepted);
  }

  int status() {
    return status;
  }

  String field() {
    return field;
  }

  Object seen() {
    return seen;
  }

  Object accepted() {
    return accepted;
  }
}
