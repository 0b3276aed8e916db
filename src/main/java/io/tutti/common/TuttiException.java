package io.tutti.common;

/**
 * An error that a user can act on: bad input, a bad configuration, a missing file.
 *
 * <p>Its message is one sentence that names the place (file, row, key path or field), the value
 * seen and what is accepted. The command line prints the message alone; the stack trace is shown
 * only under {@code --verbose}. Any other exception is a bug in Tutti.
 */
public class TuttiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TuttiException(String message) {
    super(message);
  }

  public TuttiException(String message, Throwable cause) {
    super(message, cause);
  }
}
