package io.github.calmsdk.features.internal;

import io.github.calmsdk.core.error.CalmValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * OData literals, property names and URL encoding: the one place where user text becomes part of a URL. The generic
 * input rules are core's {@link io.github.calmsdk.core.internal.Checks}; the property-name rule is OData's own.
 */
public final class OData {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** An OData property name or path such as {@code title} or {@code toStatus/name}. */
  private static final Pattern PROPERTY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(/[A-Za-z_][A-Za-z0-9_]*)*");

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

  /**
   * Requires an OData property name or path, so that it cannot change the meaning of a query.
   *
   * @param name the name
   * @param field the field name for the error
   * @return the name
   * @throws CalmValidationException when it is not a plain property name
   */
  public static String property(String name, String field) {
    if (name == null || !PROPERTY.matcher(name).matches()) {
      throw new CalmValidationException(
          field,
          "'"
              + name
              + "' is not an OData property name; use letters, digits and '_' (and '/' for a path), such as"
              + " \"title\" or \"modifiedAt\"");
    }
    return name;
  }

  /**
   * Requires navigation property names for {@code $expand}: plain names, no paths, no nested options.
   *
   * @param names the names, or null for none
   * @return an immutable copy, empty for none
   * @throws CalmValidationException naming {@code expand} when a name is not a plain property name or is a path
   */
  public static List<String> expand(List<String> names) {
    if (names == null) {
      return List.of();
    }
    for (String p : names) {
      property(p, "expand");
      if (p.contains("/")) {
        throw new CalmValidationException(
            "expand", "'" + p + "' is a path; pass a navigation property of Feature, such as \"toStatus\"");
      }
    }
    return List.copyOf(names);
  }
}
