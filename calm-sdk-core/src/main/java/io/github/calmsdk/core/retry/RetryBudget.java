package io.github.calmsdk.core.retry;

import io.github.calmsdk.core.internal.Checks;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token bucket shared by every call of one client, so that an outage does not multiply the load on the server:
 * each retry takes tokens, each success gives one back, and when the bucket is empty calls fail after their first
 * attempt instead of retrying. Thread-safe and lock-free. The defaults follow the AWS SDK v2's standard mode.
 *
 * <pre>{@code
 * RetryBudget budget = RetryBudget.of(500, 5, 10); // 100 retries, or 50 after timeouts
 * }</pre>
 */
public final class RetryBudget {
  private final int capacity;
  private final int retryCost;
  private final int timeoutCost;
  private final AtomicInteger available;

  private RetryBudget(int capacity, int retryCost, int timeoutCost) {
    Checks.nonNegative("retryBudget capacity", capacity);
    Checks.nonNegative("retryBudget retryCost", retryCost);
    Checks.nonNegative("retryBudget timeoutCost", timeoutCost);
    this.capacity = capacity;
    this.retryCost = retryCost;
    this.timeoutCost = timeoutCost;
    this.available = new AtomicInteger(capacity);
  }

  /**
   * A budget of 500 tokens, 5 per retry and 10 per retry after a timeout.
   *
   * @return a new budget
   */
  public static RetryBudget standard() {
    return new RetryBudget(500, 5, 10);
  }

  /**
   * A budget with the given numbers.
   *
   * @param capacity the tokens in a full bucket
   * @param retryCost the tokens a retry takes
   * @param timeoutCost the tokens a retry after a timeout takes
   * @return a new budget
   */
  public static RetryBudget of(int capacity, int retryCost, int timeoutCost) {
    return new RetryBudget(capacity, retryCost, timeoutCost);
  }

  /**
   * A budget that never runs out.
   *
   * @return a new unlimited budget
   */
  public static RetryBudget unlimited() {
    return new RetryBudget(Integer.MAX_VALUE, 0, 0);
  }

  /**
   * Takes the tokens for one retry, if there are enough.
   *
   * @param afterTimeout whether the failed attempt timed out
   * @return true if the retry may go ahead
   */
  public boolean tryAcquire(boolean afterTimeout) {
    int cost = afterTimeout ? timeoutCost : retryCost;
    while (true) {
      int now = available.get();
      if (now < cost) {
        return false;
      }
      if (available.compareAndSet(now, now - cost)) {
        return true;
      }
    }
  }

  /** Gives one token back after a successful call, up to the capacity. */
  public void recordSuccess() {
    while (true) {
      int now = available.get();
      if (now >= capacity || available.compareAndSet(now, now + 1)) {
        return;
      }
    }
  }

  /**
   * The tokens left.
   *
   * @return the tokens left
   */
  public int available() {
    return available.get();
  }

  /**
   * The tokens in a full bucket.
   *
   * @return the capacity
   */
  public int capacity() {
    return capacity;
  }

  @Override
  public String toString() {
    return "RetryBudget[" + available.get() + "/" + capacity + "]";
  }
}
