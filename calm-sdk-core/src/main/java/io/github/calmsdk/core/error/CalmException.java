package io.github.calmsdk.core.error;

import java.util.Objects;

/**
 * The one unchecked base of every exception the SDK throws. Catch it to handle all SDK failures, or catch a
 * subclass for one kind: {@link CalmAuthException}, {@link CalmNotFoundException}, {@link
 * CalmInvalidRequestException}, {@link CalmRateLimitException}, {@link CalmUnavailableException}, {@link
 * CalmTimeoutException}, {@link CalmTransportException}, {@link CalmAmbiguousOutcomeException}, {@link
 * CalmDecodingException}, {@link CalmValidationException} and {@link CalmApiException}.
 *
 * <p>{@link #getMessage()} reads as one log line: what failed, the status and the server's code and message, then
 * the method, the redacted URL, the request id and the number of attempts. Failures of earlier attempts ride along
 * as {@linkplain #getSuppressed() suppressed} exceptions.
 *
 * <pre>{@code
 * try {
 *   client.deployment().nodes();
 * } catch (CalmAuthException e) {
 *   System.err.println("Check the service key: " + e.getMessage());
 * } catch (CalmException e) {
 *   System.err.println(e.getMessage() + " (HTTP " + e.status() + ")");
 * }
 * }</pre>
 */
public class CalmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ErrorDetails details;
  private final String summary;

  /**
   * Creates an exception.
   *
   * @param summary what failed, in a few words, without secrets
   * @param details what is known about the exchange
   * @param cause the underlying failure, or null
   */
  public CalmException(String summary, ErrorDetails details, Throwable cause) {
    super(summary, cause);
    this.summary = Objects.requireNonNull(summary, "summary");
    this.details = details == null ? ErrorDetails.none() : details;
  }

  /**
   * What is known about the failed exchange.
   *
   * @return the details, never null
   */
  public ErrorDetails details() {
    return details;
  }

  /**
   * The same failure with other details, such as the request and attempt count filled in at the end of a call.
   * Each SDK exception returns a copy of its own type, with the same cause, suppressed exceptions and stack trace;
   * a subclass that does not override this returns itself unchanged.
   *
   * <pre>{@code
   * CalmException complete = e.withDetails(e.details().withAttempts(3));
   * }</pre>
   *
   * @param details the details
   * @return the copy, or this exception
   */
  public CalmException withDetails(ErrorDetails details) {
    if (getClass() != CalmException.class || this.details.equals(details)) {
      return this;
    }
    return keepTrace(new CalmException(summary, details, getCause()));
  }

  /**
   * Gives a copy made by {@link #withDetails(ErrorDetails)} this exception's stack trace and suppressed exceptions.
   *
   * @param copy the copy
   * @param <T> its type
   * @return the copy
   */
  protected final <T extends CalmException> T keepTrace(T copy) {
    copy.setStackTrace(getStackTrace());
    for (Throwable s : getSuppressed()) {
      copy.addSuppressed(s);
    }
    return copy;
  }

  /**
   * Whether {@link #withDetails(ErrorDetails)} should copy: only for exactly the given class (a subclass keeps
   * its own type by overriding), and only when the details differ.
   *
   * @param type the class that overrides withDetails
   * @param details the new details
   * @return true to copy
   */
  protected final boolean copies(Class<? extends CalmException> type, ErrorDetails details) {
    return getClass() == type && !this.details.equals(details);
  }

  /**
   * The HTTP status of the last response, or 0 when none was received.
   *
   * @return the status
   */
  public int status() {
    return details.status();
  }

  /**
   * The server's error code, or null.
   *
   * @return the code
   */
  public String errorCode() {
    return details.errorCode();
  }

  /**
   * The server's error message, or null.
   *
   * @return the message
   */
  public String serverMessage() {
    return details.serverMessage();
  }

  /**
   * The request id of the call, or null.
   *
   * @return the request id
   */
  public String requestId() {
    return details.requestId();
  }

  /**
   * How many attempts were sent.
   *
   * @return the attempt count
   */
  public int attempts() {
    return details.attempts();
  }

  /**
   * The summary without the exchange details.
   *
   * @return the summary given at construction
   */
  public String summary() {
    return summary;
  }

  @Override
  public String getMessage() {
    StringBuilder sb = new StringBuilder(summary);
    ErrorDetails d = details;
    if (d.status() > 0) {
      sb.append(": HTTP ").append(d.status());
    }
    if (d.errorCode() != null) {
      sb.append(d.status() > 0 ? " " : ": ").append(d.errorCode());
    }
    if (d.serverMessage() != null) {
      sb.append(d.status() > 0 || d.errorCode() != null ? " - " : ": ").append(d.serverMessage());
    }
    if (d.method() != null || d.requestId() != null || d.attempts() > 0) {
      sb.append(" [");
      String sep = "";
      if (d.method() != null) {
        sb.append(d.method()).append(' ').append(d.url());
        sep = ", ";
      }
      if (d.requestId() != null) {
        sb.append(sep).append("request-id ").append(d.requestId());
        sep = ", ";
      }
      if (d.attempts() > 0) {
        sb.append(sep).append(d.attempts()).append(d.attempts() == 1 ? " attempt" : " attempts");
      }
      sb.append(']');
    }
    return sb.toString();
  }
}
