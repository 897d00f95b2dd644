package io.github.calmsdk.core.error;

/**
 * The resource does not exist: HTTP 404.
 *
 * <pre>{@code
 * catch (CalmNotFoundException e) { return Optional.empty(); }
 * }</pre>
 */
public class CalmNotFoundException extends CalmException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param summary what failed, without secrets
   * @param details what is known about the exchange
   * @param cause the underlying failure, or null
   */
  public CalmNotFoundException(String summary, ErrorDetails details, Throwable cause) {
    super(summary, details, cause);
  }

  @Override
  public CalmException withDetails(ErrorDetails details) {
    return copies(CalmNotFoundException.class, details) ? keepTrace(new CalmNotFoundException(summary(), details, getCause())) : this;
  }
}
