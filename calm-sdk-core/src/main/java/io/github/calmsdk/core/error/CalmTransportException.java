package io.github.calmsdk.core.error;

/**
 * The connection failed: refused, reset, closed before a complete answer, a TLS failure, or the thread was
 * interrupted. {@link #requestMayHaveBeenSent()} tells whether the server may have seen the request.
 *
 * <pre>{@code
 * catch (CalmTransportException e) {
 *   if (!e.requestMayHaveBeenSent()) { safeToSendAgain(); }
 * }
 * }</pre>
 */
public class CalmTransportException extends CalmException {
  private static final long serialVersionUID = 1L;

  private final boolean maybeSent;

  /**
   * Creates the exception.
   *
   * @param summary what failed
   * @param details what is known about the exchange
   * @param maybeSent whether the request may have reached the server
   * @param cause the I/O failure
   */
  public CalmTransportException(
      String summary, ErrorDetails details, boolean maybeSent, Throwable cause) {
    super(summary, details, cause);
    this.maybeSent = maybeSent;
  }

  /**
   * Whether the server may have received the request. False only when the failure proves it was not sent, for
   * example a refused connection.
   *
   * @return true when the request may have been sent
   */
  public boolean requestMayHaveBeenSent() {
    return maybeSent;
  }

  @Override
  public CalmException withDetails(ErrorDetails details) {
    return copies(CalmTransportException.class, details)
        ? keepTrace(new CalmTransportException(summary(), details, maybeSent, getCause()))
        : this;
  }
}
