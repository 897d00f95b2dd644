package io.github.calmsdk.deployment;

/**
 * The severity of a log message: the API's codes {@code F}, {@code E}, {@code W} and {@code I}. Other codes read
 * as {@link #OTHER}; the message keeps the code as it came.
 *
 * <pre>{@code
 * boolean bad = m.severity() == LogSeverity.ERROR || m.severity() == LogSeverity.FATAL;
 * }</pre>
 */
public enum LogSeverity {
  /** {@code F}. */
  FATAL,
  /** {@code E}. */
  ERROR,
  /** {@code W}. */
  WARNING,
  /** {@code I}. */
  INFO,
  /** Any other code. */
  OTHER;

  /**
   * The severity of a code.
   *
   * @param code the code, such as {@code "E"}, or null
   * @return the severity, {@link #OTHER} when unknown
   */
  public static LogSeverity fromCode(String code) {
    if (code == null) {
      return OTHER;
    }
    switch (code.trim().toUpperCase(java.util.Locale.ROOT)) {
      case "F":
        return FATAL;
      case "E":
        return ERROR;
      case "W":
        return WARNING;
      case "I":
        return INFO;
      default:
        return OTHER;
    }
  }
}
