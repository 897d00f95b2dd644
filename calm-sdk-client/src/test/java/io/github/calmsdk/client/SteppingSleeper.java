package io.github.calmsdk.client;

import io.github.calmsdk.core.retry.Sleeper;
import io.github.calmsdk.core.testing.FakeClock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A sleeper the test steps by hand: each sleep announces itself, then blocks (interruptibly) until the test
 * releases it, and advances the fake clock by the requested time. No real time passes on a timer.
 */
final class SteppingSleeper implements Sleeper {
  private final FakeClock clock;
  private final Semaphore permits = new Semaphore(0);
  private final BlockingQueue<Duration> entered = new LinkedBlockingQueue<>();

  SteppingSleeper(FakeClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    entered.add(duration);
    permits.acquire();
    clock.advance(duration);
  }

  /** Waits until the watcher has finished a poll and started to sleep; returns the requested sleep. */
  Duration awaitSleeping() throws InterruptedException {
    Duration d = entered.poll(10, TimeUnit.SECONDS);
    if (d == null) {
      throw new AssertionError("the watcher did not start sleeping");
    }
    return d;
  }

  /** Ends one sleep. */
  void step() {
    permits.release();
  }
}
