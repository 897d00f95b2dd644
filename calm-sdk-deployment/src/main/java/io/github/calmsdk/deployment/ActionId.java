package io.github.calmsdk.deployment;

import io.github.calmsdk.core.error.CalmValidationException;

/**
 * The id of an asynchronous action of the transport management service, such as an import.
 *
 * <pre>{@code
 * ImportAction again = deployment.action(ActionId.of(171));
 * }</pre>
 *
 * @param value the id, positive
 */
public record ActionId(long value) {
  /**
   * Checks the id.
   *
   * @throws CalmValidationException when the id is not positive
   */
  public ActionId {
    if (value <= 0) {
      throw new CalmValidationException("actionId", "must be positive, was " + value);
    }
  }

  /**
   * An action id.
   *
   * @param value the id, positive
   * @return the id
   * @throws CalmValidationException when the id is not positive
   */
  public static ActionId of(long value) {
    return new ActionId(value);
  }

  /** The bare number. */
  @Override
  public String toString() {
    return Long.toString(value);
  }
}
