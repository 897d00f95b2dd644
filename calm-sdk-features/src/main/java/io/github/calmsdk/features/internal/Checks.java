package io.github.calmsdk.features.internal;

import io.github.calmsdk.core.error.CalmValidationException;
import java.util.regex.Pattern;

/**
 * The input rules checked before anything is sent; each failure names the field and says how to fix it. The generic
 * rules are those of {@link io.github.calmsdk.core.internal.Checks}, kept here in this module's argument order
 * (value first); the OData property-name rule is this module's own.
 */
public final class Checks {
  /** An OData property name or path such as {@code title} or {@code toStatus/name}. */
  private static final Pattern PROPERTY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(/[A-Za-z_][A-Za-z0-9_]*)*");

  private Checks() {}

  /**
   * Requires text that is not null, empty or only white space.
   *
   * @param value the value
   * @param field the field name for the error
   * @param hint what to pass instead
   * @return the value
   * @throws CalmValidationException when the value is blank
   */
  public static String nonBlank(String value, String field, String hint) {
    return io.github.calmsdk.core.internal.Checks.nonBlank(field, value, hint);
  }

  /**
   * Requires text that is either null (not set) or not blank.
   *
   * @param value the value, or null
   * @param field the field name for the error
   * @param hint what to pass instead
   * @return the value
   * @throws CalmValidationException when the value is set but blank
   */
  public static String nullOrNonBlank(String value, String field, String hint) {
    return io.github.calmsdk.core.internal.Checks.nullOrNonBlank(field, value, hint);
  }

  /**
   * Requires a number of 0 or more.
   *
   * @param value the value
   * @param field the field name
   * @return the value
   * @throws CalmValidationException when negative
   */
  public static int nonNegative(int value, String field) {
    return io.github.calmsdk.core.internal.Checks.nonNegative(field, value);
  }

  /**
   * Requires a number of 1 or more.
   *
   * @param value the value
   * @param field the field name
   * @return the value
   * @throws CalmValidationException when below 1
   */
  public static int positive(int value, String field) {
    return io.github.calmsdk.core.internal.Checks.positive(field, value);
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
}
