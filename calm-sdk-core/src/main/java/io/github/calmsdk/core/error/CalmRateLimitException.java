package io.github.calmsdk.core.error;

import java.time.Duration;
import java.util.Optional;

/**
 * The server asked the client to slow down (HTTP 429) and retries did not get through before the retry limit or the
 * deadline.
 *
 * <pre>{@code
 * catch (CalmRateLimitException e) {
 *   Duration wait = e.retryAfter().orElse(Duration.ofMinutes(1));
 * }
 * }</pre>
 */
public class CalmRateLimitException extends CalmException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param summary what failed
   * @param details what is known about the exchange
   * @param retryAfter the server's Retry-After, or null
   * @param cause the underlying failure, or null
   */
  public CalmRateLimitException(
      String summary, ErrorDetails details, Duration retryAfter, Throwable cause) {
    super(summary, details, cause);
    this.retryAfter = retryAfter;
  }

  /**
   * How long the server asked to wait, from its Retry-After header.
   *
   * @return the wait, if the server said
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public CalmException withDetails(ErrorDetails details) {
    return copies(CalmRateLimitException.class, details)
        ? keepTrace(new CalmRateLimitException(summary(), details, retryAfter, getCause()))
        : this;
  }
}
