package io.github.calmsdk.core.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Decides whether to retry an attempt, and after how long. Pure: it does no I/O and never waits, so every rule is
 * unit-tested without HTTP. The checks run in this order: is the failure retryable for this kind of call, are
 * retries left, does the wait fit before the deadline, does the shared budget allow it.
 *
 * <pre>{@code
 * RetryStrategy s = new RetryStrategy(RetryPolicy.defaults(), RetryBudget.standard(), RandomGenerator.getDefault());
 * RetryDecision d = s.decide(AttemptOutcome.status(1, true, 503, null, Duration.ofMinutes(1)));
 * }</pre>
 */
public final class RetryStrategy {
  private final RetryPolicy policy;
  private final RetryBudget budget;
  private final RandomGenerator random;

  /**
   * Creates a strategy.
   *
   * @param policy the rules
   * @param budget the budget shared by the client
   * @param random the source of jitter
   */
  public RetryStrategy(RetryPolicy policy, RetryBudget budget, RandomGenerator random) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Decides about one failed attempt.
   *
   * @param outcome what happened
   * @return the decision
   */
  public RetryDecision decide(AttemptOutcome outcome) {
    String notRetryable = whyNotRetryable(outcome);
    if (notRetryable != null) {
      return RetryDecision.stop(notRetryable);
    }
    if (outcome.attempt() > policy.maxRetries()) {
      return RetryDecision.stop(
          "no retries left (" + policy.maxRetries() + " allowed)");
    }
    boolean fromServer = policy.honourRetryAfter() && outcome.retryAfter() != null;
    Duration delay = fromServer ? outcome.retryAfter() : policy.backoff().delay(outcome.attempt(), random);
    if (delay.isNegative()) {
      delay = Duration.ZERO;
    }
    if (outcome.remaining() != null && delay.compareTo(outcome.remaining()) >= 0) {
      return RetryDecision.stop(
          (fromServer ? "Retry-After of " : "backoff of ")
              + delay.toMillis()
              + " ms does not fit in the "
              + Math.max(0, outcome.remaining().toMillis())
              + " ms left before the call's deadline");
    }
    if (!budget.tryAcquire(outcome.failure() == AttemptOutcome.Failure.TIMEOUT)) {
      return RetryDecision.stop("the client's retry budget is used up (" + budget + ")");
    }
    return RetryDecision.retryAfter(delay, describe(outcome) + (fromServer ? ", Retry-After" : ", backoff"));
  }

  /**
   * Records a successful call, which refills the shared budget a little.
   */
  public void recordSuccess() {
    budget.recordSuccess();
  }

  /**
   * The rules in force.
   *
   * @return the policy
   */
  public RetryPolicy policy() {
    return policy;
  }

  private String whyNotRetryable(AttemptOutcome o) {
    if (o.failure() != null) {
      switch (o.failure()) {
        case CONNECT_FAILED:
          return null;
        case CONNECTION_LOST:
        case TIMEOUT:
          return o.safeToRepeat()
              ? null
              : describe(o) + " after the request may have been sent, and the call changes state";
        default:
          return describe(o) + " is not retryable";
      }
    }
    if (o.safeToRepeat()) {
      return policy.retryableStatuses().contains(o.status()) ? null : describe(o) + " is not retryable";
    }
    if (policy.stateChangingRetryableStatuses().contains(o.status())) {
      return null;
    }
    return policy.retryableStatuses().contains(o.status())
        ? describe(o) + " may have been processed, and the call changes state"
        : describe(o) + " is not retryable";
  }

  private static String describe(AttemptOutcome o) {
    if (o.failure() == null) {
      return "HTTP " + o.status();
    }
    switch (o.failure()) {
      case CONNECT_FAILED:
        return "connection failed";
      case CONNECTION_LOST:
        return "connection lost";
      default:
        return "attempt timed out";
    }
  }
}
