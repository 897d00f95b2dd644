package io.github.calmsdk.core.error;

/**
 * The server answered with an error status that no other subclass covers (for example 405, 410 or 428).
 *
 * <pre>{@code
 * catch (CalmApiException e) { System.err.println(e.status() + " " + e.serverMessage()); }
 * }</pre>
 */
public class CalmApiException extends CalmException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param summary what failed, without secrets
   * @param details what is known about the exchange
   * @param cause the underlying failure, or null
   */
  public CalmApiException(String summary, ErrorDetails details, Throwable cause) {
    super(summary, details, cause);
  }

  @Override
  public CalmException withDetails(ErrorDetails details) {
    return copies(CalmApiException.class, details) ? keepTrace(new CalmApiException(summary(), details, getCause())) : this;
  }
}
