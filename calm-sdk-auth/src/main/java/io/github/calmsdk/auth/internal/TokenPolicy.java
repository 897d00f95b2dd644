package io.github.calmsdk.auth.internal;

import java.time.Duration;
import java.util.concurrent.Executor;

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
   * The state for a newly issued token.
   *
   * @param t the token
   * @return its state
   */
  public TokenState stateFor(IssuedToken t) {
    long lifetime = Math.max(1, t.expiresAtMillis() - t.issuedAtMillis());
    long margin = Math.min(maxRefreshMargin.toMillis(), (long) (lifetime * refreshFraction));
    return new TokenState(
        t.token(), "Bearer " + t.token().value(), t.expiresAtMillis() - margin, t.expiresAtMillis());
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
