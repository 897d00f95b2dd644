package io.github.calmsdk.core.retry;

import java.time.Duration;

/**
 * What happened to one attempt, as the {@link RetryStrategy} needs to know it.
 *
 * <pre>{@code
 * AttemptOutcome o = AttemptOutcome.status(1, false, 503, Duration.ofSeconds(2), Duration.ofSeconds(60));
 * }</pre>
 *
 * @param attempt the attempt number, 1 for the first
 * @param safeToRepeat whether the call may be sent again without risk of doing its work twice
 * @param status the HTTP status, or 0 when the attempt failed without a response
 * @param failure the kind of failure when there was no response, or null
 * @param retryAfter the server's Retry-After, or null
 * @param remaining the time left before the call's deadline
 */
public record AttemptOutcome(
    int attempt,
    boolean safeToRepeat,
    int status,
    Failure failure,
    Duration retryAfter,
    Duration remaining) {

  /** How an attempt failed when no response arrived. */
  public enum Failure {
    /** The connection was never made: the server cannot have seen the request. */
    CONNECT_FAILED,
    /** The connection broke after the request may have been sent (reset, closed, empty answer). */
    CONNECTION_LOST,
    /** No answer arrived within the attempt timeout. */
    TIMEOUT
  }

  /**
   * An attempt that got a response.
   *
   * @param attempt the attempt number
   * @param safeToRepeat whether the call is safe to repeat
   * @param status the status
   * @param retryAfter the Retry-After, or null
   * @param remaining the time before the deadline
   * @return the outcome
   */
  public static AttemptOutcome status(
      int attempt, boolean safeToRepeat, int status, Duration retryAfter, Duration remaining) {
    return new AttemptOutcome(attempt, safeToRepeat, status, null, retryAfter, remaining);
  }

  /**
   * An attempt that got no response.
   *
   * @param attempt the attempt number
   * @param safeToRepeat whether the call is safe to repeat
   * @param failure how it failed
   * @param remaining the time before the deadline
   * @return the outcome
   */
  public static AttemptOutcome failure(
      int attempt, boolean safeToRepeat, Failure failure, Duration remaining) {
    return new AttemptOutcome(attempt, safeToRepeat, 0, failure, null, remaining);
  }
}
