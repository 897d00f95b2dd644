package io.github.calmsdk.core.error;

/**
 * A call that changes state failed in a way that leaves its effect unknown: the request was sent, but the answer
 * was lost (a reset connection, a timeout, a 500, 502 or 504). The SDK does not send such a call again blindly,
 * because that could, for example, create a second transport request. Look at the server's state before
 * repeating it; the deployment client does this itself where it can.
 *
 * <pre>{@code
 * catch (CalmAmbiguousOutcomeException e) {
 *   log.warn("export may or may not have happened; check the queue: {}", e.getMessage());
 * }
 * }</pre>
 */
public class CalmAmbiguousOutcomeException extends CalmException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param summary what may or may not have happened
   * @param details what is known about the exchange
   * @param cause the failure that made the outcome unknown
   */
  public CalmAmbiguousOutcomeException(String summary, ErrorDetails details, Throwable cause) {
    super(summary, details, cause);
  }

  @Override
  public CalmException withDetails(ErrorDetails details) {
    return copies(CalmAmbiguousOutcomeException.class, details) ? keepTrace(new CalmAmbiguousOutcomeException(summary(), details, getCause())) : this;
  }
}
