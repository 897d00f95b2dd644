package io.github.calmsdk.core.error;

/**
 * A response arrived but could not be read: malformed JSON, a missing field, or a body over the size limit.
 *
 * <pre>{@code
 * catch (CalmDecodingException e) { log.error("unexpected answer: {}", e.details().bodyExcerpt()); }
 * }</pre>
 */
public class CalmDecodingException extends CalmException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param summary what failed, without secrets
   * @param details what is known about the exchange
   * @param cause the underlying failure, or null
   */
  public CalmDecodingException(String summary, ErrorDetails details, Throwable cause) {
    super(summary, details, cause);
  }

  @Override
  public CalmException withDetails(ErrorDetails details) {
    return copies(CalmDecodingException.class, details) ? keepTrace(new CalmDecodingException(summary(), details, getCause())) : this;
  }
}
