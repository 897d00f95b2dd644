package io.github.calmsdk.core.retry;

import io.github.calmsdk.core.internal.Checks;
import java.time.Duration;
import java.util.Set;

/**
 * Which failures are retried, how often, and how long to wait in between. Immutable; the defaults are those of the
 * design: at most 3 retries, full-jitter backoff from 200 ms up to 20 s, Retry-After honoured.
 *
 * <p>A call that is safe to repeat is retried after a failed connection, a lost connection, a timeout and the
 * statuses 408, 429, 500, 502, 503 and 504. A call that changes state is retried only where the failure proves the
 * server did not process it: a connection that was never made, and 429. A 503 does not prove that (no SAP source
 * says so, and a gateway can answer 503 after the backend acted), so a state-changing call that ends in 503 fails
 * with {@link io.github.calmsdk.core.error.CalmAmbiguousOutcomeException}, and the deployment client settles it by
 * reading state before it sends anything again.
 *
 * <pre>{@code
 * RetryPolicy p = RetryPolicy.builder().maxRetries(5).backoff(Backoff.fixed(Duration.ofSeconds(1))).build();
 * RetryPolicy off = RetryPolicy.none();
 * }</pre>
 *
 * @param maxRetries retries after the first attempt; 0 disables retries
 * @param backoff the wait when the server gave no Retry-After
 * @param retryableStatuses statuses retried for calls that are safe to repeat
 * @param stateChangingRetryableStatuses statuses retried for calls that change state
 * @param honourRetryAfter whether a Retry-After header replaces the backoff
 */
public record RetryPolicy(
    int maxRetries,
    Backoff backoff,
    Set<Integer> retryableStatuses,
    Set<Integer> stateChangingRetryableStatuses,
    boolean honourRetryAfter) {

  /** Statuses retried for calls that are safe to repeat, by default. */
  public static final Set<Integer> DEFAULT_RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

  /**
   * Statuses retried for calls that change state, by default: those that prove the call was not processed (429).
   * Until 0.2 this held 503 too.
   */
  public static final Set<Integer> DEFAULT_STATE_CHANGING_RETRYABLE_STATUSES = Set.of(429);

  /** Checks the values. */
  public RetryPolicy {
    Checks.nonNegative("maxRetries", maxRetries);
    Checks.present("backoff", backoff, "use Backoff.fullJitter(base, cap), or RetryPolicy.defaults()");
    retryableStatuses = Set.copyOf(retryableStatuses);
    stateChangingRetryableStatuses = Set.copyOf(stateChangingRetryableStatuses);
  }

  /**
   * The default policy.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return builder().build();
  }

  /**
   * A policy that never retries.
   *
   * @return the policy
   */
  public static RetryPolicy none() {
    return builder().maxRetries(0).build();
  }

  /**
   * A builder that starts from the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder that starts from this policy.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder()
        .maxRetries(maxRetries)
        .backoff(backoff)
        .retryableStatuses(retryableStatuses)
        .stateChangingRetryableStatuses(stateChangingRetryableStatuses)
        .honourRetryAfter(honourRetryAfter);
  }

  /** Builds a {@link RetryPolicy}. */
  public static final class Builder {
    private int maxRetries = 3;
    private Backoff backoff = Backoff.fullJitter(Duration.ofMillis(200), Duration.ofSeconds(20));
    private Set<Integer> retryableStatuses = DEFAULT_RETRYABLE_STATUSES;
    private Set<Integer> stateChangingRetryableStatuses = DEFAULT_STATE_CHANGING_RETRYABLE_STATUSES;
    private boolean honourRetryAfter = true;

    private Builder() {}

    /**
     * Sets the number of retries after the first attempt.
     *
     * @param maxRetries 0 or more
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Sets the backoff.
     *
     * @param backoff the backoff
     * @return this builder
     */
    public Builder backoff(Backoff backoff) {
      this.backoff = backoff;
      return this;
    }

    /**
     * Sets the statuses retried for calls that are safe to repeat.
     *
     * @param statuses the statuses
     * @return this builder
     */
    public Builder retryableStatuses(Set<Integer> statuses) {
      this.retryableStatuses = statuses;
      return this;
    }

    /**
     * Sets the statuses retried for calls that change state. Add a status here only if it proves the server did
     * not process the request.
     *
     * @param statuses the statuses
     * @return this builder
     */
    public Builder stateChangingRetryableStatuses(Set<Integer> statuses) {
      this.stateChangingRetryableStatuses = statuses;
      return this;
    }

    /**
     * Sets whether a Retry-After header replaces the backoff.
     *
     * @param honour true to honour it
     * @return this builder
     */
    public Builder honourRetryAfter(boolean honour) {
      this.honourRetryAfter = honour;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     */
    public RetryPolicy build() {
      return new RetryPolicy(
          maxRetries, backoff, retryableStatuses, stateChangingRetryableStatuses, honourRetryAfter);
    }
  }
}
