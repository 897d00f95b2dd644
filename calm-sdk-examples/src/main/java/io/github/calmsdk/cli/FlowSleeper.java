package io.github.calmsdk.cli;

import io.github.calmsdk.core.retry.Sleeper;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A watcher's sleeper tied to a flow instead of a timer: the watcher polls once when started, and then once each time
 * the flow calls {@link #pollOnce()}, which returns when that poll and its listener calls are done. So the demo shows
 * each change right after the step that caused it, in a fixed order, without waiting for an interval.
 */
final class FlowSleeper implements Sleeper {
  /** A safety limit; a poll of the embedded fake takes milliseconds. */
  private static final long LIMIT_SECONDS = 30;

  private final Semaphore go = new Semaphore(0);
  private final Semaphore idle = new Semaphore(0);

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    idle.release();
    go.acquire();
  }

  /** Waits until the watcher has finished its poll and waits for the next. */
  void awaitIdle() throws InterruptedException {
    if (!idle.tryAcquire(LIMIT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the watcher did not finish its poll within " + LIMIT_SECONDS + " s");
    }
  }

  /** Lets the watcher poll once and waits until it is done. */
  void pollOnce() throws InterruptedException {
    go.release();
    awaitIdle();
  }
}
