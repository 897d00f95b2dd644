package io.github.calmsdk.core.internal;

import io.github.calmsdk.core.error.CalmValidationException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The generic input checks of the SDK's modules, run before anything is sent. Each failure is a {@link
 * CalmValidationException} that names the field, says what is wrong and, where a hint is passed, how to fix it.
 * Rules that belong to one API (OData property names, node name or named-user limits) stay in that module and build
 * on these.
 */
public final class Checks {
  private Checks() {}

  /**
   * Requires text that is not null, empty or only white space, with one message for all three.
   *
   * @param field the field name for the error
   * @param value the value
   * @param hint what to pass instead
   * @return the value
   * @throws CalmValidationException "is required; {hint}" when the value is null or blank
   */
  public static String required(String field, String value, String hint) {
    if (value == null || value.isBlank()) {
      throw new CalmValidationException(field, "is required; " + hint);
    }
    return value;
  }

  /**
   * Requires text that is not null, empty or only white space, telling a missing value from a blank one.
   *
   * @param field the field name for the error
   * @param value the value
   * @param hint what to pass instead
   * @return the value
   * @throws CalmValidationException "is missing; {hint}" when the value is null, "must not be blank; {hint}" when it
   *     is blank
   */
  public static String nonBlank(String field, String value, String hint) {
    if (value == null || value.isBlank()) {
      throw new CalmValidationException(
          field, (value == null ? "is missing" : "must not be blank") + "; " + hint);
    }
    return value;
  }

  /**
   * Requires text that is either null (not set) or not blank.
   *
   * @param field the field name for the error
   * @param value the value, or null
   * @param hint what to pass instead
   * @return the value
   * @throws CalmValidationException "must not be blank when set; {hint}" when the value is set but blank
   */
  public static String nullOrNonBlank(String field, String value, String hint) {
    if (value != null && value.isBlank()) {
      throw new CalmValidationException(field, "must not be blank when set; " + hint);
    }
    return value;
  }

  /**
   * Requires a value.
   *
   * @param field the field name for the error
   * @param value the value
   * @param hint what to pass
   * @param <T> the type
   * @return the value
   * @throws CalmValidationException "is required; {hint}" when the value is null
   */
  public static <T> T present(String field, T value, String hint) {
    if (value == null) {
      throw new CalmValidationException(field, "is required; " + hint);
    }
    return value;
  }

  /**
   * Requires a collection with at least one element and no null element, and copies it.
   *
   * @param field the field name for the error
   * @param values the values
   * @param hint what to pass
   * @param <T> the element type
   * @return an immutable copy, in the collection's order
   * @throws CalmValidationException "is empty; {hint}" when the collection is null or empty, "contains null;
   *     {hint}" when an element is null
   */
  public static <T> List<T> nonEmpty(String field, Collection<T> values, String hint) {
    if (values == null || values.isEmpty()) {
      throw new CalmValidationException(field, "is empty; " + hint);
    }
    for (T v : values) {
      if (v == null) {
        throw new CalmValidationException(field, "contains null; " + hint);
      }
    }
    return List.copyOf(values);
  }

  /**
   * Requires a number of 1 or more.
   *
   * @param field the field name for the error
   * @param value the value
   * @return the value
   * @throws CalmValidationException "must be 1 or more, was {value}" when below 1
   */
  public static int positive(String field, int value) {
    if (value < 1) {
      throw new CalmValidationException(field, "must be 1 or more, was " + value);
    }
    return value;
  }

  /**
   * Requires a number of 0 or more.
   *
   * @param field the field name for the error
   * @param value the value
   * @return the value
   * @throws CalmValidationException "must be 0 or more, was {value}" when negative
   */
  public static int nonNegative(String field, int value) {
    if (value < 0) {
      throw new CalmValidationException(field, "must be 0 or more, was " + value);
    }
    return value;
  }

  /**
   * Requires a duration above zero.
   *
   * @param field the field name for the error
   * @param value the duration
   * @return the duration
   * @throws CalmValidationException "must be a positive duration, was {value}" when it is null, zero or negative
   */
  public static Duration positive(String field, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new CalmValidationException(field, "must be a positive duration, was " + value);
    }
    return value;
  }

  /**
   * Requires a duration above zero, naming a sensible value in the error.
   *
   * @param field the field name for the error
   * @param value the duration
   * @param hint what to pass, such as the default
   * @return the duration
   * @throws CalmValidationException "must be positive, was {value}; {hint}" when it is null, zero or negative
   */
  public static Duration positive(String field, Duration value, String hint) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new CalmValidationException(field, "must be positive, was " + value + "; " + hint);
    }
    return value;
  }

  /**
   * Requires a duration of zero or more, naming a sensible value in the error.
   *
   * @param field the field name for the error
   * @param value the duration
   * @param hint what to pass, such as the default
   * @return the duration
   * @throws CalmValidationException "must be zero or more, was {value}; {hint}" when it is null or negative
   */
  public static Duration nonNegative(String field, Duration value, String hint) {
    if (value == null || value.isNegative()) {
      throw new CalmValidationException(field, "must be zero or more, was " + value + "; " + hint);
    }
    return value;
  }

  /**
   * Requires a text of at most a number of characters ({@link String#length()}).
   *
   * @param field the field name for the error
   * @param value the value, not null
   * @param max the most characters allowed
   * @param hint what to do instead
   * @return the value
   * @throws CalmValidationException "is {length} characters long, the API accepts at most {max}; {hint}" when it is
   *     longer
   */
  public static String maxLength(String field, String value, int max, String hint) {
    if (value.length() > max) {
      throw new CalmValidationException(
          field, "is " + value.length() + " characters long, the API accepts at most " + max + "; " + hint);
    }
    return value;
  }

  /**
   * Copies a list, refusing a null element by naming its field; a null list is an empty one.
   *
   * @param values the values, or null
   * @param fieldOf the field name of the element at an index, for the error
   * @param <T> the element type
   * @return an unmodifiable copy
   * @throws CalmValidationException "is null; remove it or pass a value" for a null element
   */
  public static <T> List<T> copyOf(List<T> values, IntFunction<String> fieldOf) {
    if (values == null) {
      return List.of();
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw new CalmValidationException(fieldOf.apply(i), "is null; remove it or pass a value");
      }
    }
    return List.copyOf(values);
  }
}
