package io.github.calmsdk.core.error;

/**
 * The server rejected the request as invalid: HTTP 400, 409 or 422. Resending the same request will not help.
 *
 * <pre>{@code
 * catch (CalmInvalidRequestException e) { System.err.println(e.serverMessage()); }
 * }</pre>
 */
public class CalmInvalidRequestException extends CalmException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param summary what failed, without secrets
   * @param details what is known about the exchange
   * @param cause the underlying failure, or null
   */
  public CalmInvalidRequestException(String summary, ErrorDetails details, Throwable cause) {
    super(summary, details, cause);
  }

  @Override
  public CalmException withDetails(ErrorDetails details) {
    return copies(CalmInvalidRequestException.class, details) ? keepTrace(new CalmInvalidRequestException(summary(), details, getCause())) : this;
  }
}
