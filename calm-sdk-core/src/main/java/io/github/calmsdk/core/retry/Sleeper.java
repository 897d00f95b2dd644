package io.github.calmsdk.core.retry;

import java.time.Duration;

/**
 * Waits between retries. The SDK never calls {@link Thread#sleep} directly, so tests can pass a sleeper that
 * advances a fake clock instead of waiting.
 *
 * <pre>{@code
 * ClientContext.builder().sleeper(d -> fakeClock.advance(d)).build();
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Waits for the given time.
   *
   * @param duration how long to wait, never negative
   * @throws InterruptedException when the waiting thread is interrupted
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * The real sleeper, on {@link Thread#sleep(long, int)}; friendly to virtual threads.
   *
   * @return the system sleeper
   */
  static Sleeper system() {
    return d -> {
      if (!d.isZero() && !d.isNegative()) {
        Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
      }
    };
  }
}
