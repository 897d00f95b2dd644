package io.github.calmsdk.core.retry;

import io.github.calmsdk.core.internal.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before a retry when the server gave no Retry-After.
 *
 * <pre>{@code
 * Backoff b = Backoff.fullJitter(Duration.ofMillis(200), Duration.ofSeconds(20));
 * Duration d = b.delay(1, RandomGenerator.getDefault()); // between 0 and 200 ms
 * }</pre>
 */
@FunctionalInterface
public interface Backoff {
  /**
   * The delay before the given retry.
   *
   * @param retry the retry number, 1 for the first retry
   * @param random the source of jitter
   * @return the delay, never negative
   */
  Duration delay(int retry, RandomGenerator random);

  /**
   * Full-jitter exponential backoff (the AWS SDK's): a uniform random delay between 0 and {@code min(cap, base *
   * 2^(retry-1))}. Spreads retries of many clients so they do not arrive together.
   *
   * @param base the ceiling of the first delay
   * @param cap the largest ceiling
   * @return the backoff
   */
  static Backoff fullJitter(Duration base, Duration cap) {
    Checks.nonNegative("backoff base", base, "pass Duration.ZERO for no wait, 100 ms is the default");
    Checks.nonNegative("backoff cap", cap, "20 seconds is the default");
    long baseNanos = base.toNanos();
    long capNanos = cap.toNanos();
    return (retry, random) -> {
      long ceiling = ceiling(baseNanos, capNanos, retry);
      return ceiling <= 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(ceiling + 1));
    };
  }

  /**
   * Exponential backoff without jitter: {@code min(cap, base * 2^(retry-1))}. For tests and tools that want
   * predictable waits.
   *
   * @param base the first delay
   * @param cap the largest delay
   * @return the backoff
   */
  static Backoff exponential(Duration base, Duration cap) {
    long baseNanos = base.toNanos();
    long capNanos = cap.toNanos();
    return (retry, random) -> Duration.ofNanos(ceiling(baseNanos, capNanos, retry));
  }

  /**
   * The same delay before every retry.
   *
   * @param delay the delay
   * @return the backoff
   */
  static Backoff fixed(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    return (retry, random) -> delay;
  }

  private static long ceiling(long baseNanos, long capNanos, int retry) {
    int shift = Math.max(0, Math.min(retry - 1, 62));
    long grown = baseNanos > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : baseNanos << shift;
    return Math.min(capNanos, grown);
  }
}
