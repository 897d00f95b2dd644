package io.github.calmsdk.auth.internal;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * The timing rules of a token cache.
 *
 * @param maxRefreshMargin the longest time before expiry at which a token becomes stale
 * @param refreshFraction the share of a token's lifetime it spends stale, at most; the margin is {@code
 *     min(maxRefreshMargin, lifetime * refreshFraction)}
 * @param failureBackoff how long to wait after a failed refresh while the cached token is still valid, at most
 * @param maxWait how long callers of an expired token wait for the refresh in flight
 * @param refreshExecutor where stale tokens are refreshed, or null to refresh on the calling thread
 */
public record TokenPolicy(
    Duration maxRefreshMargin,
    double refreshFraction,
    Duration failureBackoff,
    Duration maxWait,
    Executor refreshExecutor) {

  /**
   * The state for a newly issued token. Its refresh point is jittered within the first half of the refresh margin,
   * so clients started together do not refresh together: it lies between {@code expiresAt - margin} (a draw of 0)
   * and {@code expiresAt - margin / 2} (the largest draw), where {@code margin = min(maxRefreshMargin, lifetime *
   * refreshFraction)}. The second half of the margin is left for retries after a failed refresh.
   *
   * @param t the token
   * @param random where the jitter is drawn from
   * @return its state
   */
  public TokenState stateFor(IssuedToken t, RandomGenerator random) {
    long lifetime = Math.max(1, t.expiresAtMillis() - t.issuedAtMillis());
    long margin = Math.min(maxRefreshMargin.toMillis(), (long) (lifetime * refreshFraction));
    long jitter = margin / 2 > 0 ? random.nextLong(margin / 2 + 1) : 0;
    return new TokenState(
        t.token(), "Bearer " + t.token().value(), t.expiresAtMillis() - margin + jitter, t.expiresAtMillis());
  }

  /**
   * How long to wait before the next refresh after a failure: the back-off, but at most half the time left, so a
   * short token still gets more than one try before it expires.
   *
   * @param nowMillis the time of the failure
   * @param expiresAtMillis when the cached token expires
   * @return the time of the next try
   */
  public long nextTryAfterFailure(long nowMillis, long expiresAtMillis) {
    long half = Math.max(1, (expiresAtMillis - nowMillis) / 2);
    return nowMillis + Math.min(failureBackoff.toMillis(), half);
  }
}
