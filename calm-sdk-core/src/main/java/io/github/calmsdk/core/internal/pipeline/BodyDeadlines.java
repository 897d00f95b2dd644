package io.github.calmsdk.core.internal.pipeline;

import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounds the reading of response bodies, which the request timeout stops covering once the headers arrive. A call
 * registers its body with a deadline and removes it when done: two map operations, no thread wake-up. One daemon
 * thread ticks every {@value #TICK_MILLIS} ms while bodies are being read, aborts those past their deadline, and
 * ends after a few idle seconds; the next call starts a new one.
 */
final class BodyDeadlines {
  static final long TICK_MILLIS = 100;
  private static final int IDLE_TICKS_BEFORE_EXIT = 50;

  private final Map<LimitedBodySubscriber, Deadline> active = new ConcurrentHashMap<>();
  private final AtomicReference<Thread> ticker = new AtomicReference<>();

  private record Deadline(long nanos, long timeoutMillis) {}

  /** Watches a body: past the deadline it is aborted with an {@link HttpTimeoutException}. */
  void watch(LimitedBodySubscriber body, long deadlineNanos, long timeoutMillis) {
    active.put(body, new Deadline(deadlineNanos, timeoutMillis));
    if (ticker.get() == null) {
      startTicker();
    }
  }

  /** Stops watching a body. */
  void unwatch(LimitedBodySubscriber body) {
    if (body != null) {
      active.remove(body);
    }
  }

  private void startTicker() {
    Thread t = new Thread(this::tick, "calm-sdk-body-timeout");
    t.setDaemon(true);
    if (ticker.compareAndSet(null, t)) {
      t.start();
    }
  }

  private void tick() {
    Thread self = Thread.currentThread();
    int idle = 0;
    while (true) {
      LockSupport.parkNanos(TICK_MILLIS * 1_000_000);
      if (active.isEmpty()) {
        if (++idle < IDLE_TICKS_BEFORE_EXIT) {
          continue;
        }
        ticker.compareAndSet(self, null);
        // a body registered after the emptiness check but before the exit must still be watched
        if (active.isEmpty() || !ticker.compareAndSet(null, self)) {
          return;
        }
      }
      idle = 0;
      long now = System.nanoTime();
      active.forEach(
          (body, d) -> {
            if (now - d.nanos() >= 0 && active.remove(body, d)) {
              body.abort(new HttpTimeoutException("no complete answer within " + d.timeoutMillis() + " ms"));
            }
          });
    }
  }
}
