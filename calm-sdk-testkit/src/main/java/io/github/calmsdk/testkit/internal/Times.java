package io.github.calmsdk.testkit.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The wire format of timestamps: {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} in UTC. */
final class Times {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  static String format(Instant instant) {
    return instant == null ? null : FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /** Parses the strict wire format; throws IllegalArgumentException otherwise. */
  static Instant parse(String text) {
    try {
      return FORMAT.parse(text, Instant::from);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a timestamp of the form yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", e);
    }
  }
}
