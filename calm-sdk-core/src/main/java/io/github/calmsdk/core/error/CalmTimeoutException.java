package io.github.calmsdk.core.error;

/**
 * An attempt timed out, or the whole-call deadline passed, before an answer arrived.
 *
 * <pre>{@code
 * catch (CalmTimeoutException e) { System.err.println("Cloud ALM did not answer in time: " + e.getMessage()); }
 * }</pre>
 */
public class CalmTimeoutException extends CalmException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param summary what failed, without secrets
   * @param details what is known about the exchange
   * @param cause the underlying failure, or null
   */
  public CalmTimeoutException(String summary, ErrorDetails details, Throwable cause) {
    super(summary, details, cause);
  }

  @Override
  public CalmException withDetails(ErrorDetails details) {
    return copies(CalmTimeoutException.class, details) ? keepTrace(new CalmTimeoutException(summary(), details, getCause())) : this;
  }
}
