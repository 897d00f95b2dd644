package io.github.calmsdk.client.reliability;

import io.github.calmsdk.core.retry.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A sleeper that records every wait it is asked for and returns at once: retries and polls in these tests take no
 * real time, while the waits the SDK chose (Retry-After, backoff) stay visible for assertions. Thread-safe.
 */
final class InstantSleeper implements Sleeper {
  private final Queue<Duration> sleeps = new ConcurrentLinkedQueue<>();

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before sleeping");
    }
    sleeps.add(duration);
  }

  /** Every wait asked for so far, in no particular order across threads. */
  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** How many waits were asked for. */
  int count() {
    return sleeps.size();
  }
}
