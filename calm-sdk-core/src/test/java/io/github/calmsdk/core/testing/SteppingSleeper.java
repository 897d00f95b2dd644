package io.github.calmsdk.core.testing;

import io.github.calmsdk.core.retry.Sleeper;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A sleeper the test steps by hand: each sleep announces itself, then blocks (interruptibly) until the test
 * releases it, and advances the fake clock by the requested time. No real time passes on a timer.
 */
public final class SteppingSleeper implements Sleeper {
  private final FakeClock clock;
  private final Semaphore permits = new Semaphore(0);
  private final BlockingQueue<Duration> entered = new LinkedBlockingQueue<>();

  /**
   * Creates the sleeper.
   *
   * @param clock the clock each released sleep advances
   */
  public SteppingSleeper(FakeClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    entered.add(duration);
    permits.acquire();
    clock.advance(duration);
  }

  /** Waits until the watcher has finished a poll and started to sleep; returns the requested sleep. */
  public Duration awaitSleeping() throws InterruptedException {
    Duration d = entered.poll(10, TimeUnit.SECONDS);
    if (d == null) {
      throw new AssertionError("the watcher did not start sleeping");
    }
    return d;
  }

  /** Ends one sleep. */
  public void step() {
    permits.release();
  }
}
