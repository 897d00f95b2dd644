package io.github.calmsdk.cli;

import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.ExportMode;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.deployment.TransportStatus;
import io.github.calmsdk.relay.EntryState;
import io.github.calmsdk.relay.Relay;
import io.github.calmsdk.relay.RelayChange;
import io.github.calmsdk.relay.RelayEntry;
import io.github.calmsdk.relay.RelayOptions;
import io.github.calmsdk.relay.RelayRun;
import io.github.calmsdk.relay.SpoolMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code calm relay}: the durable outbox of calm-sdk-relay from a shell. {@code submit} stores an export or an
 * import and sends nothing; {@code run} sends what is stored; {@code list}, {@code requeue} and {@code watch} look
 * after the entries and the status changes. Only {@code run} and {@code watch} need a service key.
 */
@Command(
    name = "relay",
    description = {
      "store exports and imports durably and send them when Cloud ALM can take them (store and forward)",
      "The outbox is --store FILE|URL (default " + RelayStoreOption.VARIABLE + ", else " + RelayStoreOption.DEFAULT
          + "). 'submit', 'list' and 'requeue' only touch the store: they need no service key and send nothing."
          + " 'run' and 'watch' send, with the service key. A SQLite store has one dispatching process ('relay"
          + " run') at a time; 'submit', 'list' and 'requeue' work beside it. To dispatch from several machines,"
          + " share a jdbc:postgresql:// store."
    },
    subcommands = {
      RelayCommand.Submit.class,
      RelayCommand.Run.class,
      RelayCommand.ListEntries.class,
      RelayCommand.Requeue.class,
      RelayCommand.Watch.class
    })
final class RelayCommand implements CliCommand {
  /** How long SIGTERM or Ctrl-C waits for the step in flight (an upload may take a while). */
  static final Duration STOP_GRACE = Duration.ofMinutes(2);

  @Spec CommandSpec spec;

  @Override
  public int run(Context context) {
    throw new UsageException("relay needs a subcommand: " + ParameterErrors.subcommands(spec.commandLine()));
  }

  /** {@code calm relay submit}. */
  @Command(name = "submit",
      description = "store an export or an import in the outbox; nothing is sent, and no service key is needed",
      subcommands = {RelayCommand.SubmitExport.class, RelayCommand.SubmitImport.class})
  static final class Submit implements CliCommand {
    @Spec CommandSpec spec;

    @Override
    public int run(Context context) {
      throw new UsageException("relay submit needs a subcommand: " + ParameterErrors.subcommands(spec.commandLine()));
    }
  }

  /** {@code calm relay submit export}. */
  @Command(name = "export",
      description = {
        "store an export: its files are copied into the relay's spool (fsync'd) and the entry stored; nothing is sent",
        "Exit 0 once it is stored; bad input exits 2 and stores nothing. 'relay run' uploads the files and creates"
            + " the transport request."
      })
  static final class SubmitExport implements CliCommand {
    @Mixin RelayStoreOption store;

    @Option(names = "--node", required = true, paramLabel = "NAME", converter = Converters.Name.class,
        description = "the source node (the target node with --upload-only)")
    NodeName node;

    @Option(names = "--file", required = true, arity = "1..*", paramLabel = "PATH", converter = Converters.File.class,
        description = "one or more files to export, each at most 1 GB")
    List<Path> files;

    @Option(names = "--description", required = true, paramLabel = "TEXT",
        description = "the transport request's description, at most 512 characters")
    String description;

    @Option(names = "--content-type", paramLabel = "TYPE", defaultValue = "MTA", converter = Converters.Content.class,
        completionCandidates = Converters.ContentTypes.class,
        description = "MTA, BTP_ABAP, APP or XSCDU; default ${DEFAULT-VALUE}")
    ContentType contentType;

    @Option(names = "--named-user", paramLabel = "USER",
        description = "the named user recorded as creator, at most 60 characters")
    String namedUser;

    @Option(names = "--upload-only", description = "into the node's own queue instead of the follow-on nodes'")
    boolean uploadOnly;

    @Option(names = "--in-place",
        description = "reference the files where they are instead of copying them; keep them until delivered")
    boolean inPlace;

    @Override
    public int run(Context context) {
      ExportRequest request = ExportRequest.builder()
          .node(node)
          .files(files)
          .contentType(contentType)
          .description(description)
          .namedUser(namedUser)
          .mode(uploadOnly ? ExportMode.UPLOAD_ONLY : ExportMode.EXPORT)
          .build();
      try (RelaySession session = RelaySession.storeOnly(context, store)) {
        long id = session.relay().submit(request, inPlace ? SpoolMode.IN_PLACE : SpoolMode.COPY);
        return stored(context.out(), id, "export to " + node);
      }
    }
  }

  /** {@code calm relay submit import}. */
  @Command(name = "import",
      description = {
        "store an import of transport requests into a node; nothing is sent",
        "Imports into one node go out in submit order. Exit 0 once it is stored; bad input exits 2 and stores nothing."
      })
  static final class SubmitImport implements CliCommand {
    @Mixin RelayStoreOption store;

    @Option(names = "--node", required = true, paramLabel = "NAME|ID", converter = Converters.Node.class,
        description = "the target node")
    NodeRef node;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    /** Which transport requests: all, or these. */
    static final class Selection {
      @Option(names = "--all", required = true,
          description = "every importable transport request in its queue when the import is sent")
      boolean all;

      @Option(names = "--tr", required = true, arity = "1..*", split = ",", splitSynopsisLabel = ",",
          paramLabel = "ID", converter = Converters.TransportRequest.class, description = "these transport requests")
      List<TransportRequestId> transportRequests;
    }

    @Override
    public int run(Context context) {
      ImportRequest request =
          selection.all ? ImportRequest.all(node) : ImportRequest.of(node, selection.transportRequests);
      try (RelaySession session = RelaySession.storeOnly(context, store)) {
        return stored(context.out(), session.relay().submit(request), "import into " + node);
      }
    }
  }

  private static int stored(Output out, long id, String what) {
    if (out.json()) {
      out.document(Views.object("id", id, "state", EntryState.PENDING.wireName()));
    } else {
      out.line("entry " + id + " stored (" + EntryState.PENDING.wireName() + "): " + what);
    }
    return ExitCode.OK.code;
  }

  /** {@code calm relay run}. */
  @Command(name = "run",
      description = {
        "send what the outbox holds: every interval until SIGTERM or Ctrl-C, or with --once one pass now",
        "--once tries every pending entry now, ignoring backoff, and exits 0 when none is left pending, 5 when entries"
            + " remain pending because Cloud ALM was unreachable or unavailable, 1 when an entry failed or became"
            + " unresolved in this run. Without --once, SIGTERM or Ctrl-C finishes the step in flight and exits 0."
            + " Needs the service key."
      })
  static final class Run implements CliCommand {
    @Mixin RelayStoreOption store;

    @Option(names = "--once", description = "one pass over every pending entry now, then exit")
    boolean once;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5m", converter = Converters.Wait.class,
        description = "time between passes (default ${DEFAULT-VALUE}, as ATO's collector jobs)")
    Duration interval;

    @Option(names = "--package-size", paramLabel = "N", defaultValue = "50", converter = Converters.Positive.class,
        description = "entries claimed per package (default ${DEFAULT-VALUE})")
    int packageSize;

    @Override
    public int run(Context context) {
      RelayOptions options = RelayOptions.builder().interval(interval).packageSize(packageSize).build();
      Output out = context.out();
      if (once) {
        RelayRun run;
        try (RelaySession session = RelaySession.sending(context, store, options)) {
          run = session.relay().runOnce();
        }
        if (out.json()) {
          out.document(Views.object("delivered", run.delivered(), "failed", run.failed(), "unresolved",
              run.unresolved(), "retried", run.retried(), "pending", run.pending(), "exitCode", run.exitCode()));
        } else {
          out.line("delivered " + run.delivered() + ", failed " + run.failed() + ", unresolved " + run.unresolved()
              + ", retried later " + run.retried() + ", pending " + run.pending());
          if (run.exitCode() == ExitCode.OUTCOME_FAILED.code) {
            out.note("see them with 'calm relay list --state failed,unresolved'; send one again with 'calm relay"
                + " requeue ID'");
          } else if (run.exitCode() == ExitCode.UNAVAILABLE.code) {
            out.note("Cloud ALM was unreachable or unavailable; the pending entries are kept for the next run");
          }
        }
        return run.exitCode();
      }
      CountDownLatch finished = new CountDownLatch(1);
      try (RelaySession session = RelaySession.sending(context, store, options)) {
        Relay relay = session.relay();
        try (Interrupts.Registration onStop = context.env().interrupts().onInterrupt(() -> {
          relay.stop();
          awaitQuietly(finished, STOP_GRACE);
        }, ExitCode.OK.code)) {
          out.note("relaying from the " + session.store().location() + " every " + Durations.format(interval)
              + " in packages of " + packageSize + "; SIGTERM or Ctrl-C to stop");
          relay.run();
        }
        session.close();
        // written before 'finished', so a SIGTERM's hook ends the process only after this
        if (out.json()) {
          out.document(Views.object("stopped", true));
        } else {
          out.note("stopped");
        }
      } finally {
        finished.countDown();
      }
      return ExitCode.OK.code;
    }
  }

  /** {@code calm relay list}. */
  @Command(name = "list",
      description = "the outbox's entries, oldest first; states: pending, sending, delivered, failed, unresolved")
  static final class ListEntries implements CliCommand {
    @Mixin RelayStoreOption store;

    @Option(names = "--state", arity = "1..*", split = ",", splitSynopsisLabel = ",", paramLabel = "STATE",
        converter = Converters.RelayState.class, completionCandidates = Converters.RelayStates.class,
        description = "only entries in these states (default all)")
    List<EntryState> states;

    @Override
    public int run(Context context) {
      List<RelayEntry> entries;
      try (RelaySession session = RelaySession.storeOnly(context, store)) {
        entries = session.relay().list(states == null ? new EntryState[0] : states.toArray(new EntryState[0]));
      }
      Output out = context.out();
      if (out.json()) {
        out.document(Views.object("entries", entries.stream().map(RelayCommand::entry).collect(Collectors.toList())));
      } else {
        List<List<String>> rows = new ArrayList<>();
        for (RelayEntry e : entries) {
          rows.add(List.of(
              Long.toString(e.id()),
              e.kind().wireName(),
              e.state().wireName(),
              Integer.toString(e.attempts()),
              e.transportRequestId().map(t -> Long.toString(t.value())).orElse("-"),
              e.actionId().map(a -> Long.toString(a.value())).orElse("-"),
              e.lastError().orElse("")));
        }
        out.table(List.of("ID", "KIND", "STATE", "ATTEMPTS", "TR", "ACTION", "LAST ERROR"), rows);
      }
      return ExitCode.OK.code;
    }
  }

  /** One entry as {@code list --json} prints it: the optional fields only when present. */
  static Map<String, Object> entry(RelayEntry e) {
    Map<String, Object> m = Views.object(
        "id", e.id(), "kind", e.kind().wireName(), "state", e.state().wireName(), "attempts", e.attempts());
    e.transportRequestId().ifPresent(t -> m.put("transportRequestId", t.value()));
    e.actionId().ifPresent(a -> m.put("actionId", a.value()));
    e.lastError().ifPresent(err -> m.put("lastError", err));
    return m;
  }

  /** {@code calm relay requeue}. */
  @Command(name = "requeue",
      description = "send a failed or unresolved entry again (from its persisted steps); no service key is needed")
  static final class Requeue implements CliCommand {
    @Mixin RelayStoreOption store;

    @Parameters(index = "0", paramLabel = "ID", converter = Converters.EntryId.class,
        description = "the entry, as 'calm relay list' shows it")
    long id;

    @Override
    public int run(Context context) {
      try (RelaySession session = RelaySession.storeOnly(context, store)) {
        session.relay().requeue(id);
      }
      Output out = context.out();
      if (out.json()) {
        out.document(Views.object("id", id, "state", EntryState.PENDING.wireName()));
      } else {
        out.line("entry " + id + " requeued (" + EntryState.PENDING.wireName() + "); 'calm relay run' sends it");
      }
      return ExitCode.OK.code;
    }
  }

  /** {@code calm relay watch}. */
  @Command(name = "watch",
      description = {
        "print one line per status change in a node's queue since the last watch, kept in the store",
        "The snapshot persists in the store, so changes made while no watch ran are printed by the next one; the"
            + " first watch of a node is a silent baseline. With --json, one JSON document per line; each change has"
            + " a stable id. Without --once, polls every interval until SIGTERM or Ctrl-C. Needs the service key."
      })
  static final class Watch implements CliCommand {
    @Mixin RelayStoreOption store;

    @Option(names = "--node", required = true, paramLabel = "NAME|ID", converter = Converters.Node.class,
        description = "the node")
    NodeRef node;

    @Option(names = "--once", description = "compare once with the stored snapshot, print the changes, then exit")
    boolean once;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = WatchCommand.DEFAULT_INTERVAL,
        converter = Converters.Wait.class, description = "time between polls (default ${DEFAULT-VALUE})")
    Duration interval;

    @Override
    public int run(Context context) {
      Output out = context.out();
      CountDownLatch stop = new CountDownLatch(1);
      CountDownLatch finished = new CountDownLatch(1);
      Thread watching = Thread.currentThread();
      try (RelaySession session = RelaySession.sending(context, store, RelayOptions.defaults());
          Interrupts.Registration onStop = context.env().interrupts().onInterrupt(() -> {
            stop.countDown();
            watching.interrupt();
            awaitQuietly(finished, STOP_GRACE);
          }, ExitCode.OK.code)) {
        while (true) {
          for (RelayChange c : session.relay().watch(node)) {
            print(out, c);
          }
          if (once || stop.getCount() == 0) {
            break;
          }
          try {
            context.env().sleeper().sleep(interval);
          } catch (InterruptedException e) {
            break;
          }
          if (stop.getCount() == 0) {
            break;
          }
        }
      } finally {
        Thread.interrupted();
        finished.countDown();
      }
      return ExitCode.OK.code;
    }

    private static void print(Output out, RelayChange c) {
      String from = c.from().map(TransportStatus::value).orElse(null);
      String to = c.to().map(TransportStatus::value).orElse(null);
      if (out.json()) {
        out.document(Views.object("id", c.id(), "node", c.node(), "transportRequestId", c.transportRequestId().value(),
            "from", from, "to", to));
      } else {
        out.line(String.format("%s  TR %-6s %-9s -> %s", c.node(), c.transportRequestId().value(),
            from == null ? "-" : from, to == null ? "-" : to));
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch, Duration limit) {
    try {
      latch.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
