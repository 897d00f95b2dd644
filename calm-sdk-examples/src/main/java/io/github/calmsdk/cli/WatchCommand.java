package io.github.calmsdk.cli;

import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.StatusChange;
import io.github.calmsdk.deployment.StatusChangeListener;
import io.github.calmsdk.deployment.StatusWatcher;
import io.github.calmsdk.deployment.TransportStatus;
import io.github.calmsdk.deployment.WatchRequest;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code calm watch}: polls a node's queue and prints one line per status change until interrupted (Ctrl-C closes
 * the watcher through a shutdown hook), or until {@code --max-changes} changes were printed. A failed poll is
 * logged and polling goes on, except for an authentication failure, which ends the watch with exit 3.
 */
@Command(
    name = "watch",
    description = {
      "print one line per status change in a node's queue, until Ctrl-C",
      "Polls the queue; the first poll is the baseline and prints nothing. With --json, one JSON document per line."
    })
final class WatchCommand implements CliCommand {
  /** The time between polls when no {@code --interval} is given. */
  static final String DEFAULT_INTERVAL = "30s";
  /** How long Ctrl-C waits for the watch to finish its output. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  @Option(names = "--node", required = true, paramLabel = "NAME|ID", converter = Converters.Node.class,
      description = "the node")
  NodeRef node;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = DEFAULT_INTERVAL,
      converter = Converters.Wait.class, description = "time between polls (default ${DEFAULT-VALUE})")
  Duration interval;

  @Option(names = "--status", arity = "1..*", split = ",", splitSynopsisLabel = ",", paramLabel = "STATUS",
      converter = Converters.Status.class, completionCandidates = Converters.StatusNames.class,
      description = {
        "only these statuses (default all): " + Inputs.STATUS_NAMES,
        "a transport request moving out of them shows '-> -'"
      })
  List<TransportStatus> status;

  @Option(names = "--max-changes", paramLabel = "N", converter = Converters.Positive.class,
      description = "stop after N changes")
  Integer maxChanges;

  @Override
  public int run(Context context) {
    String nodeText = node.toString();
    Set<TransportStatus> statuses = status == null ? Set.of() : new LinkedHashSet<>(status);
    WatchRequest request = WatchRequest.builder().node(node).statuses(statuses).interval(interval).build();

    Output out = context.out();
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    Printer printer = new Printer(out, nodeText, maxChanges == null ? 0 : maxChanges, stop);
    try (StatusWatcher watcher = context.client().deployment().statusChanges(request, printer);
        Interrupts.Registration onCtrlC = context.env().interrupts().onInterrupt(() -> {
          stop.countDown();
          awaitQuietly(finished, SHUTDOWN_GRACE);
        })) {
      out.note("watching node " + nodeText + " (id " + watcher.node() + ") every " + Durations.format(interval)
          + "; Ctrl-C to stop");
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      finished.countDown();
    }
    if (printer.fatal.get() != null) {
      throw printer.fatal.get();
    }
    return ExitCode.OK.code;
  }

  private static void awaitQuietly(CountDownLatch latch, Duration limit) {
    try {
      latch.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Prints each change; ends the watch after the last wanted change, or on an authentication failure. */
  private static final class Printer implements StatusChangeListener {
    private final Output out;
    private final String node;
    private final int maxChanges;
    private final CountDownLatch stop;
    private final AtomicInteger printed = new AtomicInteger();
    private final AtomicReference<CalmException> fatal = new AtomicReference<>();

    Printer(Output out, String node, int maxChanges, CountDownLatch stop) {
      this.out = out;
      this.node = node;
      this.maxChanges = maxChanges;
      this.stop = stop;
    }

    @Override
    public void onChange(StatusChange change) {
      if (stop.getCount() == 0) {
        return;
      }
      if (out.json()) {
        out.document(Views.change(change, node));
      } else {
        out.line(Tables.change(change, node));
      }
      if (maxChanges > 0 && printed.incrementAndGet() >= maxChanges) {
        stop.countDown();
      }
    }

    @Override
    public void onError(CalmException error) {
      if (error instanceof CalmAuthException) {
        fatal.compareAndSet(null, error);
        stop.countDown();
      }
    }
  }
}
