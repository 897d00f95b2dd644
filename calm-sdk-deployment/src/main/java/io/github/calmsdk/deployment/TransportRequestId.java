package io.github.calmsdk.deployment;

import io.github.calmsdk.core.error.CalmValidationException;

/**
 * The numeric id of a transport request in the transport management service.
 *
 * <pre>{@code
 * TransportRequestId tr = TransportRequestId.of(4711);
 * }</pre>
 *
 * @param value the id, positive
 */
public record TransportRequestId(long value) {
  /**
   * Checks the id.
   *
   * @throws CalmValidationException when the id is not positive
   */
  public TransportRequestId {
    if (value <= 0) {
      throw new CalmValidationException(
          "transportRequestId", "must be positive, was " + value + "; take it from export() or transportRequests()");
    }
  }

  /**
   * A transport request id.
   *
   * @param value the id, positive
   * @return the id
   * @throws CalmValidationException when the id is not positive
   */
  public static TransportRequestId of(long value) {
    return new TransportRequestId(value);
  }

  /** The bare number. */
  @Override
  public String toString() {
    return Long.toString(value);
  }
}
