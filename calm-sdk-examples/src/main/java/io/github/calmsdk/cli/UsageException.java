package io.github.calmsdk.cli;

/**
 * Bad usage or bad input found by the command line itself; exit code 2, nothing sent. Unless made with {@link
 * #withoutUsage(String, String)}, the command's usage is printed after the message.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String hint;
  private final boolean showUsage;

  UsageException(String message) {
    this(message, null, true);
  }

  private UsageException(String message, String hint, boolean showUsage) {
    super(message);
    this.hint = hint;
    this.showUsage = showUsage;
  }

  /** Bad input that the usage text would not explain, such as a missing service key, with what to do. */
  static UsageException withoutUsage(String message, String hint) {
    return new UsageException(message, hint, false);
  }

  /** What to do, or null for the default pointer to the usage. */
  String hint() {
    return hint;
  }

  /** Whether the command's usage should follow the message. */
  boolean showUsage() {
    return showUsage;
  }
}
