package io.github.calmsdk.spring.autoconfigure;

import java.util.Objects;

/**
 * A {@code calm.*} property is missing or unusable; the application does not start. The message names the property,
 * what is wrong and how to fix it, and never shows the property's value (it may be a secret).
 *
 * <pre>{@code
 * catch (InvalidCalmPropertyException e) {
 *   System.err.println(e.property() + ": " + e.problem());
 * }
 * }</pre>
 */
public class InvalidCalmPropertyException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String property;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param property the property, such as {@code calm.service-key}
   * @param problem what is wrong and how to fix it, without the value
   * @param cause the underlying failure, or null; its message must not hold a secret either
   */
  public InvalidCalmPropertyException(String property, String problem, Throwable cause) {
    super(Objects.requireNonNull(property, "property") + ": " + problem, cause);
    this.property = property;
    this.problem = problem;
  }

  /**
   * The property.
   *
   * @return such as {@code calm.service-key}
   */
  public String property() {
    return property;
  }

  /**
   * What is wrong and how to fix it.
   *
   * @return the problem
   */
  public String problem() {
    return problem;
  }
}
