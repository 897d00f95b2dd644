package io.github.calmsdk.core.error;

/**
 * Authentication or authorization failed: HTTP 401 or 403 from the API, or any failure of the token endpoint.
 * A 403 usually means the service key lacks a scope; {@link #getMessage()} carries the server's explanation.
 *
 * <pre>{@code
 * catch (CalmAuthException e) { System.err.println("Check the service key and its scopes: " + e.getMessage()); }
 * }</pre>
 */
public class CalmAuthException extends CalmException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param summary what failed, without secrets
   * @param details what is known about the exchange
   * @param cause the underlying failure, or null
   */
  public CalmAuthException(String summary, ErrorDetails details, Throwable cause) {
    super(summary, details, cause);
  }

  @Override
  public CalmException withDetails(ErrorDetails details) {
    return copies(CalmAuthException.class, details) ? keepTrace(new CalmAuthException(summary(), details, getCause())) : this;
  }
}
