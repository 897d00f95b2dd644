package io.github.calmsdk.core.error;

/**
 * The service answered with a 5xx status, and retries (where allowed) did not help.
 *
 * <pre>{@code
 * catch (CalmUnavailableException e) { scheduleLater(e.attempts()); }
 * }</pre>
 */
public class CalmUnavailableException extends CalmException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param summary what failed, without secrets
   * @param details what is known about the exchange
   * @param cause the underlying failure, or null
   */
  public CalmUnavailableException(String summary, ErrorDetails details, Throwable cause) {
    super(summary, details, cause);
  }

  @Override
  public CalmException withDetails(ErrorDetails details) {
    return copies(CalmUnavailableException.class, details) ? keepTrace(new CalmUnavailableException(summary(), details, getCause())) : this;
  }
}
