package io.github.calmsdk.spring.autoconfigure.internal;

import io.github.calmsdk.relay.Relay;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link Relay#run()} on a thread of its own while the application context runs; on close, stops it and
 * reports stopped once the entry in flight is finished (bounded by {@code spring.lifecycle.timeout-per-shutdown-phase},
 * which should be at least {@code calm.call-timeout}). When {@code run()} ends on an unexpected failure, the failure
 * is logged at ERROR and kept for the health indicator ({@link #failure()}); nothing restarts the relay.
 *
 * <pre>{@code
 * SmartLifecycle lifecycle = new RelayLifecycle(relay);
 * lifecycle.start();   // the "calm-relay" thread runs relay.run()
 * lifecycle.stop();    // stops it and waits for the entry in flight
 * }</pre>
 */
public final class RelayLifecycle implements SmartLifecycle, RelayFailure {
  private static final Logger LOG = LoggerFactory.getLogger(RelayLifecycle.class);

  private final Relay relay;
  private final Object lock = new Object();
  private Thread thread;
  private Runnable onStopped;
  private volatile String failure;

  /**
   * Creates the lifecycle.
   *
   * @param relay the relay to run
   */
  public RelayLifecycle(Relay relay) {
    this.relay = Objects.requireNonNull(relay, "relay");
  }

  @Override
  public void start() {
    synchronized (lock) {
      if (thread != null) {
        return;
      }
      failure = null;
      thread = new Thread(this::loop, "calm-relay");
      thread.start();
    }
  }

  private void loop() {
    try {
      relay.run();
    } catch (RuntimeException e) {
      failure = e.toString();
      LOG.error("The calm relay stopped and will not restart until the application does: {}", e.toString());
    } catch (Error e) {
      failure = e.toString();
      LOG.error("The calm relay stopped and will not restart until the application does: {}", e.toString());
      throw e;
    } finally {
      Runnable callback;
      synchronized (lock) {
        thread = null;
        callback = onStopped;
        onStopped = null;
      }
      if (callback != null) {
        callback.run();
      }
    }
  }

  @Override
  public void stop(Runnable callback) {
    synchronized (lock) {
      if (thread == null) {
        callback.run();
        return;
      }
      onStopped = callback;
    }
    relay.stop();
  }

  @Override
  public void stop() {
    Thread t;
    synchronized (lock) {
      t = thread;
    }
    relay.stop();
    if (t != null) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public boolean isRunning() {
    synchronized (lock) {
      return thread != null;
    }
  }
}
