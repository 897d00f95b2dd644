package io.github.calmsdk.features.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** OData literals and URL encoding: the one place where user text becomes part of a URL. */
public final class OData {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private OData() {}

  /**
   * An OData string literal: the text in single quotes, each quote doubled, so that no value can end the literal.
   *
   * @param value the text
   * @return the literal, such as {@code 'O''Brien'}
   */
  public static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /**
   * An OData DateTimeOffset literal in UTC.
   *
   * @param instant the instant
   * @return the literal, such as {@code 2026-01-01T00:00:00Z}
   */
  public static String literal(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  /**
   * Percent-encodes text for a query parameter value or a path segment (RFC 3986): every byte of its UTF-8 form is
   * encoded except the unreserved characters {@code A-Z a-z 0-9 - . _ ~}. A space becomes {@code %20}, never
   * {@code +}; {@code + & # = ' / ?} are all encoded.
   *
   * @param value the text
   * @return the encoded text
   */
  public static String encode(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (isUnreserved(c)) {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return sb.toString();
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
