package io.github.calmsdk.core.error;

import java.util.Objects;

/**
 * Input was rejected on the client, before anything was sent. The message names the field, what is wrong with it
 * and how to fix it; it never echoes a secret.
 *
 * <pre>{@code
 * catch (CalmValidationException e) {
 *   System.err.println(e.field() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public class CalmValidationException extends CalmException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * Creates the exception.
   *
   * @param field the name or JSON path of the offending field
   * @param problem what is wrong and how to fix it
   */
  public CalmValidationException(String field, String problem) {
    this(field, problem, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param field the name or JSON path of the offending field
   * @param problem what is wrong and how to fix it
   * @param cause the underlying failure, or null
   */
  public CalmValidationException(String field, String problem, Throwable cause) {
    super(Objects.requireNonNull(field, "field") + ": " + problem, ErrorDetails.none(), cause);
    this.field = field;
  }

  /**
   * The name or JSON path of the offending field.
   *
   * @return the field
   */
  public String field() {
    return field;
  }
}
