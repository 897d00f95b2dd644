package io.github.calmsdk.deployment.internal;

import io.github.calmsdk.core.internal.Checks;
import io.github.calmsdk.core.error.CalmTransportException;
import io.github.calmsdk.core.error.ErrorDetails;
import io.github.calmsdk.deployment.ActionId;
import io.github.calmsdk.deployment.ActionLog;
import io.github.calmsdk.deployment.DeploymentOptions;
import io.github.calmsdk.deployment.ImportAction;
import io.github.calmsdk.deployment.ImportOutcome;
import io.github.calmsdk.deployment.ImportStillRunningException;
import io.github.calmsdk.deployment.NodeId;
import io.github.calmsdk.deployment.TransportRequestId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** A handle on an import action; immutable, so thread-safe. */
final class DefaultImportAction implements ImportAction {
  private final TransportApi api;
  private final DeploymentOptions options;
  private final ActionId id;
  private final NodeId node;
  private final List<TransportRequestId> requested;
  private final List<TransportRequestId> resetFirst;
  private final String monitoringUrl;

  DefaultImportAction(
      TransportApi api,
      DeploymentOptions options,
      ActionId id,
      NodeId node,
      List<TransportRequestId> requested,
      List<TransportRequestId> resetFirst,
      String monitoringUrl) {
    this.api = api;
    this.options = options;
    this.id = id;
    this.node = node;
    this.requested = List.copyOf(requested);
    this.resetFirst = List.copyOf(resetFirst);
    this.monitoringUrl = monitoringUrl;
  }

  @Override
  public ActionId actionId() {
    return id;
  }

  @Override
  public Optional<NodeId> node() {
    return Optional.ofNullable(node);
  }

  @Override
  public List<TransportRequestId> transportRequests() {
    return requested;
  }

  @Override
  public List<TransportRequestId> resetFirst() {
    return resetFirst;
  }

  @Override
  public Optional<String> monitoringUrl() {
    return Optional.ofNullable(monitoringUrl);
  }

  @Override
  public ImportOutcome poll() {
    return api.action(id);
  }

  @Override
  public ImportOutcome await(Duration timeout) {
    return await(timeout, () -> false);
  }

  /**
   * Polls until the action has finished.
   *
   * @param cancelled asked before each poll; true ends the wait without polling again
   */
  private ImportOutcome await(Duration timeout, BooleanSupplier cancelled) {
    Checks.positive("timeout", timeout);
    Instant deadline = api.context().clock().instant().plus(timeout);
    Duration interval = options.pollInitialInterval();
    while (true) {
      if (cancelled.getAsBoolean()) {
        throw new CancellationException("the wait for import action " + id + " was cancelled");
      }
      ImportOutcome o = poll();
      if (o.isFinished()) {
        return o;
      }
      Duration left = Duration.between(api.context().clock().instant(), deadline);
      if (left.isZero() || left.isNegative()) {
        throw new ImportStillRunningException(
            "import action " + id + " was still " + o.status() + " after " + timeout
                + "; the import goes on in the service: await again or check the action later",
            o);
      }
      try {
        api.context().sleeper().sleep(interval.compareTo(left) < 0 ? interval : left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CalmTransportException(
            "interrupted while waiting for import action " + id + " (it goes on in the service)",
            ErrorDetails.none(),
            false,
            e);
      }
      interval = next(interval);
    }
  }

  private Duration next(Duration interval) {
    double nanos = interval.toNanos() * options.pollMultiplier();
    Duration max = options.pollMaxInterval();
    return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
  }

  @Override
  public CompletableFuture<ImportOutcome> awaitAsync(Duration timeout) {
    Checks.positive("timeout", timeout);
    CancellableWait wait = new CancellableWait();
    api.context().executor().execute(() -> wait.run(() -> await(timeout, wait::isCancelled)));
    return wait;
  }

  /**
   * The future of {@link #awaitAsync}: cancelling it (with or without {@code mayInterruptIfRunning}) interrupts the
   * waiting thread, so a sleep between polls ends at once, and no poll is sent after it. A plain {@link
   * CompletableFuture} only completes its future and leaves the loop polling.
   */
  private static final class CancellableWait extends CompletableFuture<ImportOutcome> {
    /** Guards {@link #worker} so that an interrupt never reaches the thread after it has left this wait. */
    private final ReentrantLock lock = new ReentrantLock();
    private Thread worker;

    void run(Supplier<ImportOutcome> body) {
      lock.lock();
      try {
        if (isDone()) {
          return;
        }
        worker = Thread.currentThread();
      } finally {
        lock.unlock();
      }
      try {
        complete(body.get());
      } catch (Throwable t) {
        completeExceptionally(t);
      } finally {
        lock.lock();
        try {
          worker = null;
          if (isCancelled()) {
            // the interrupt was meant for this wait only; the executor's thread goes on clean
            Thread.interrupted();
          }
        } finally {
          lock.unlock();
        }
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      lock.lock();
      try {
        if (cancelled && worker != null) {
          worker.interrupt();
        }
      } finally {
        lock.unlock();
      }
      return cancelled;
    }
  }

  @Override
  public List<ActionLog> logs() {
    return api.actionLogs(id);
  }

  @Override
  public String toString() {
    return "ImportAction[" + id + (node == null ? "" : " on node " + node) + "]";
  }
}
