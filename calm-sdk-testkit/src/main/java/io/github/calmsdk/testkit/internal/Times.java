package io.github.calmsdk.testkit.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The wire formats of timestamps, in UTC: {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} (queue fields, query parameters,
 * OData) and the form of the TMS spec's own examples, {@code 2019-05-07T06:40:48.0725+0000} (four fraction digits,
 * offset without a colon).
 */
final class Times {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter SPEC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSxx").withZone(ZoneOffset.UTC);

  private Times() {}

  /** The spec's example form; the pattern truncates to 100 microseconds. */
  static String formatSpec(Instant instant) {
    return instant == null ? null : SPEC.format(instant);
  }

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
