package io.github.calmsdk.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads DURATION arguments: {@code 90s}, {@code 5m}, {@code 1h}, {@code 250ms} or ISO-8601 ({@code PT5M}). A bad one
 * is a {@link UsageException}; {@link ParameterErrors} puts the option's name in front.
 */
final class Durations {
  private Durations() {}

  static Duration parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("pt") || t.startsWith("p")) {
        Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
        return positive(text, d);
      }
      if (t.matches("\\d{1,9}ms")) {
        return positive(text, Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2))));
      }
      if (t.matches("\\d{1,9}[smhd]")) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        switch (t.charAt(t.length() - 1)) {
          case 's':
            return positive(text, Duration.ofSeconds(n));
          case 'm':
            return positive(text, Duration.ofMinutes(n));
          case 'h':
            return positive(text, Duration.ofHours(n));
          default:
            return positive(text, Duration.ofDays(n));
        }
      }
    } catch (DateTimeParseException | ArithmeticException e) {
      // fall through to the usage error
    }
    throw new UsageException("'" + text + "' is not a duration; write it as 90s, 5m, 1h or ISO-8601 such as PT5M");
  }

  private static Duration positive(String text, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new UsageException("'" + text + "' must be longer than zero");
    }
    return d;
  }

  static String format(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
    }
    return (s / 3600) + "h" + (s % 3600 == 0 ? "" : ((s % 3600) / 60) + "m");
  }
}
