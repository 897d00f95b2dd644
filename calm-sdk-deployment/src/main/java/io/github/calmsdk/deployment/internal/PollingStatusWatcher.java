package io.github.calmsdk.deployment.internal;

import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.retry.Sleeper;
import io.github.calmsdk.deployment.NodeId;
import io.github.calmsdk.deployment.StatusChange;
import io.github.calmsdk.deployment.StatusChangeListener;
import io.github.calmsdk.deployment.StatusWatcher;
import io.github.calmsdk.deployment.TransportRequest;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import io.github.calmsdk.deployment.WatchRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one queue on its own thread and diffs each poll against the last. The thread is the only one touching the
 * snapshot, so no lock is needed; {@code closed} is volatile, and close() interrupts the wait or the call.
 */
final class PollingStatusWatcher implements StatusWatcher {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.calmsdk.deployment.watch");

  private final WatchRequest request;
  private final NodeId node;
  private final Supplier<List<TransportRequest>> poll;
  private final StatusChangeListener listener;
  private final Runnable onEnd;
  private final Duration interval;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Thread thread;
  private volatile boolean closed;

  PollingStatusWatcher(
      WatchRequest request,
      NodeId node,
      Supplier<List<TransportRequest>> poll,
      StatusChangeListener listener,
      Runnable onEnd,
      Duration interval,
      Clock clock,
      Sleeper sleeper,
      ThreadFactory threads) {
    this.request = request;
    this.node = node;
    this.poll = poll;
    this.listener = listener;
    this.onEnd = onEnd;
    this.interval = interval;
    this.clock = clock;
    this.sleeper = sleeper;
    this.thread = threads.newThread(this::run);
  }

  PollingStatusWatcher start() {
    thread.start();
    return this;
  }

  @Override
  public WatchRequest request() {
    return request;
  }

  @Override
  public NodeId node() {
    return node;
  }

  @Override
  public boolean isRunning() {
    return thread.isAlive();
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    if (Thread.currentThread() == thread) {
      return;
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    Map<TransportRequestId, TransportStatus> last = null;
    try {
      while (!closed) {
        List<TransportRequest> now;
        try {
          now = poll.get();
        } catch (CalmException e) {
          if (closed || Thread.currentThread().isInterrupted()) {
            break;
          }
          LOG.warn("Polling the queue of node {} failed; polling again in {}: {}", node, interval, e.getMessage());
          notify(() -> listener.onError(e));
          if (!pause()) {
            break;
          }
          continue;
        }
        Map<TransportRequestId, TransportStatus> snapshot = new LinkedHashMap<>();
        for (TransportRequest t : now) {
          snapshot.put(t.id(), t.status());
        }
        Instant at = clock.instant();
        List<StatusChange> changes =
            last == null
                ? (request.emitBaseline() ? diff(Map.of(), snapshot, at) : List.of())
                : diff(last, snapshot, at);
        last = snapshot;
        for (StatusChange c : changes) {
          if (closed) {
            break;
          }
          notify(() -> listener.onChange(c));
        }
        if (!pause()) {
          break;
        }
      }
    } finally {
      onEnd.run();
    }
  }

  private List<StatusChange> diff(
      Map<TransportRequestId, TransportStatus> before, Map<TransportRequestId, TransportStatus> now, Instant at) {
    List<StatusChange> out = new ArrayList<>();
    for (Map.Entry<TransportRequestId, TransportStatus> e : now.entrySet()) {
      TransportStatus was = before.get(e.getKey());
      if (!e.getValue().equals(was)) {
        out.add(new StatusChange(e.getKey(), node, Optional.ofNullable(was), Optional.of(e.getValue()), at));
      }
    }
    for (Map.Entry<TransportRequestId, TransportStatus> e : before.entrySet()) {
      if (!now.containsKey(e.getKey())) {
        out.add(new StatusChange(e.getKey(), node, Optional.of(e.getValue()), Optional.empty(), at));
      }
    }
    return out;
  }

  private void notify(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("A status change listener of node {} failed; the watch goes on", node, e);
    }
  }

  /** Waits one interval; false when closed or interrupted. */
  private boolean pause() {
    if (closed) {
      return false;
    }
    try {
      sleeper.sleep(interval);
    } catch (InterruptedException e) {
      return false;
    }
    return !closed && !Thread.currentThread().isInterrupted();
  }

  @Override
  public String toString() {
    return "StatusWatcher[node " + node + ", every " + interval + (closed ? ", closed" : "") + "]";
  }
}
