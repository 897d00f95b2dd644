package io.github.calmsdk.auth;

import io.github.calmsdk.auth.internal.TokenPolicy;
import io.github.calmsdk.auth.internal.TokenSlot;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.internal.Checks;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * Access tokens cached per token URL and client id, refreshed before they expire, one refresh at a time however
 * many threads ask. Share one cache between clients of the same key so they share its token; each {@link
 * CalmCredentials} without a cache of its own gets a private one.
 *
 * <p>A token is <em>fresh</em> until its refresh point, which lies in the first half of its refresh margin, {@code
 * margin = min(maxRefreshMargin, lifetime * refreshFraction)} before expiry (defaults: 5 minutes and 0.5). The
 * point is drawn at random for each token, from the {@link io.github.calmsdk.core.ClientContext#random()} of the
 * credentials that first used the entry, so that clients started together do not all refresh together: the earliest
 * is {@code expiresAt - margin}, the latest {@code expiresAt - margin / 2}. A 12-hour token is refreshed between 5
 * and 2.5 minutes before its end, a 60-second token between 30 and 45 seconds after it was issued; the rest of the
 * margin is left for retries after a failed refresh. Reading a fresh token takes no lock and allocates nothing. A
 * <em>stale</em> token (inside the margin) is refreshed by one caller while the others keep using it; if that
 * refresh fails, the cached token is still used and the next try waits for the failure back-off (default 30 s,
 * at most half the time the token has left). An <em>expired</em> token is never used: callers wait for the one
 * refresh in flight, up to {@code maxWait} (default 60 s).
 *
 * <pre>{@code
 * TokenCache shared = TokenCache.builder().maxRefreshMargin(Duration.ofMinutes(2)).build();
 * CalmCredentials a = CalmCredentials.builder(key).tokenCache(shared).build();
 * CalmCredentials b = CalmCredentials.builder(key).tokenCache(shared).build(); // same token as a
 * }</pre>
 */
public final class TokenCache {
  /** The default longest refresh margin: 5 minutes before expiry. */
  public static final Duration DEFAULT_MAX_REFRESH_MARGIN = Duration.ofMinutes(5);
  /** The default share of a token's lifetime spent inside the refresh margin, at most: half. */
  public static final double DEFAULT_REFRESH_FRACTION = 0.5;
  /** The default wait after a failed refresh while the cached token is still valid. */
  public static final Duration DEFAULT_FAILURE_BACKOFF = Duration.ofSeconds(30);
  /** The default bound on waiting for the refresh in flight when the token has expired. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);

  private final TokenPolicy policy;
  private final ConcurrentMap<Key, TokenSlot> slots = new ConcurrentHashMap<>();

  private TokenCache(TokenPolicy policy) {
    this.policy = policy;
  }

  /**
   * A cache with the defaults.
   *
   * @return a new, empty cache
   */
  public static TokenCache create() {
    return builder().build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The refresh margin of a token with the given lifetime: {@code min(maxRefreshMargin, lifetime *
   * refreshFraction)}. The token is refreshed at a random point in the first half of this margin.
   *
   * @param lifetime the token's lifetime
   * @return how long before expiry it is refreshed
   */
  public Duration refreshMargin(Duration lifetime) {
    long ms = Math.max(1, lifetime.toMillis());
    return Duration.ofMillis(
        Math.min(policy.maxRefreshMargin().toMillis(), (long) (ms * policy.refreshFraction())));
  }

  /**
   * How many token URL and client id pairs the cache holds.
   *
   * @return the number of entries
   */
  public int size() {
    return slots.size();
  }

  /** Drops every cached token; the next call of each client gets a new one. */
  public void invalidateAll() {
    slots.values().forEach(TokenSlot::invalidate);
  }

  /** The slot of a token URL and client id, created on first use; the first user's generator draws its jitter. */
  TokenSlot slot(URI tokenUri, String clientId, RandomGenerator random) {
    return slots.computeIfAbsent(
        new Key(tokenUri.toString(), clientId), k -> new TokenSlot(clientId + " at " + tokenUri, policy, random));
  }

  @Override
  public String toString() {
    return "TokenCache[" + slots.size() + " entries]";
  }

  private record Key(String tokenUri, String clientId) {}

  /**
   * Builds a {@link TokenCache}; every setting starts at its default.
   *
   * <pre>{@code
   * TokenCache cache = TokenCache.builder()
   *     .failureBackoff(Duration.ofSeconds(10))
   *     .refreshExecutor(Executors.newVirtualThreadPerTaskExecutor()) // JDK 21+: no caller waits for a refresh
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private Duration maxRefreshMargin = DEFAULT_MAX_REFRESH_MARGIN;
    private double refreshFraction = DEFAULT_REFRESH_FRACTION;
    private Duration failureBackoff = DEFAULT_FAILURE_BACKOFF;
    private Duration maxWait = DEFAULT_MAX_WAIT;
    private Executor refreshExecutor;

    private Builder() {}

    /**
     * Sets the longest refresh margin.
     *
     * @param margin zero or more; default 5 minutes
     * @return this builder
     * @throws CalmValidationException when negative
     */
    public Builder maxRefreshMargin(Duration margin) {
      this.maxRefreshMargin = Checks.nonNegative("maxRefreshMargin", margin, "5 minutes suits most tokens");
      return this;
    }

    /**
     * Sets the largest share of a token's lifetime spent inside the refresh margin, which keeps short tokens from
     * being stale all their life.
     *
     * @param fraction above 0 and below 1; default 0.5
     * @return this builder
     * @throws CalmValidationException when outside that range
     */
    public Builder refreshFraction(double fraction) {
      if (!(fraction > 0 && fraction < 1)) {
        throw new CalmValidationException(
            "refreshFraction",
            "must be above 0 and below 1, was " + fraction + "; 0.5 suits both 60-second and 12-hour tokens");
      }
      this.refreshFraction = fraction;
      return this;
    }

    /**
     * Sets how long to wait after a failed refresh while the cached token is still valid. The wait is never more
     * than half the time the token has left.
     *
     * @param backoff zero or more; default 30 s
     * @return this builder
     * @throws CalmValidationException when negative
     */
    public Builder failureBackoff(Duration backoff) {
      this.failureBackoff = Checks.nonNegative("failureBackoff", backoff, "30 seconds is the default");
      return this;
    }

    /**
     * Sets how long callers of an expired token wait for the refresh in flight before failing. Zero fails at
     * once when another thread is refreshing.
     *
     * @param maxWait zero or more; default 60 s
     * @return this builder
     * @throws CalmValidationException when negative
     */
    public Builder maxWait(Duration maxWait) {
      this.maxWait = Checks.nonNegative("maxWait", maxWait, "60 seconds is the default");
      return this;
    }

    /**
     * Refreshes stale tokens on this executor, so that no caller waits for it; by default the first caller to find
     * the token stale refreshes it on its own thread while the others keep using the cached token. Expired tokens
     * are always refreshed on a caller's thread.
     *
     * @param executor the executor, or null for the calling thread
     * @return this builder
     */
    public Builder refreshExecutor(Executor executor) {
      this.refreshExecutor = executor;
      return this;
    }

    /**
     * Builds the cache.
     *
     * @return a new, empty cache
     */
    public TokenCache build() {
      return new TokenCache(
          new TokenPolicy(maxRefreshMargin, refreshFraction, failureBackoff, maxWait, refreshExecutor));
    }
  }
}
