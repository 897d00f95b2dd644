package io.github.calmsdk.core.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} value in either of its forms: delay seconds ({@code 120}) or an HTTP-date
 * ({@code Wed, 21 Oct 2026 07:28:00 GMT}).
 *
 * <pre>{@code
 * Optional<Duration> wait = RetryAfter.parse("120", clock.instant()); // 2 minutes
 * }</pre>
 */
public final class RetryAfter {
  private static final long MAX_SECONDS = Duration.ofDays(1).toSeconds();

  private RetryAfter() {}

  /**
   * Parses a Retry-After value.
   *
   * @param value the header value, possibly null
   * @param now the current time, to turn an HTTP-date into a delay
   * @return the delay (zero for a date in the past), or empty when the value is absent or unreadable
   */
  public static Optional<Duration> parse(String value, Instant now) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.trim();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (v.chars().allMatch(Character::isDigit)) {
      if (v.length() > 9) {
        return Optional.of(Duration.ofSeconds(MAX_SECONDS));
      }
      return Optional.of(Duration.ofSeconds(Math.min(Long.parseLong(v), MAX_SECONDS)));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
