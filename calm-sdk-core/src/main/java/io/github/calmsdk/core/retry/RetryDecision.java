package io.github.calmsdk.core.retry;

import java.time.Duration;

/**
 * The {@link RetryStrategy}'s answer: retry after a delay, or stop, with the reason in words.
 *
 * <pre>{@code
 * RetryDecision d = strategy.decide(outcome);
 * if (d.retry()) { sleeper.sleep(d.delay()); }
 * }</pre>
 *
 * @param retry whether to send the call again
 * @param delay how long to wait first (zero when stopping)
 * @param reason why, for logs and exception messages
 */
public record RetryDecision(boolean retry, Duration delay, String reason) {

  /**
   * A decision to retry.
   *
   * @param delay the wait
   * @param reason why
   * @return the decision
   */
  public static RetryDecision retryAfter(Duration delay, String reason) {
    return new RetryDecision(true, delay, reason);
  }

  /**
   * A decision to stop.
   *
   * @param reason why
   * @return the decision
   */
  public static RetryDecision stop(String reason) {
    return new RetryDecision(false, Duration.ZERO, reason);
  }
}
