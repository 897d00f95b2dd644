package io.github.calmsdk.relay;

import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.deployment.ActionId;
import io.github.calmsdk.deployment.DeploymentOptions;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.NodeRef;
import io.github.calmsdk.deployment.RetryRequest;
import io.github.calmsdk.deployment.TransportRequestId;
import io.github.calmsdk.relay.internal.ChangeCollector;
import io.github.calmsdk.relay.internal.Dispatcher;
import io.github.calmsdk.relay.internal.JdbcStore;
import io.github.calmsdk.relay.internal.LostAnswers;
import io.github.calmsdk.relay.internal.Payloads;
import io.github.calmsdk.relay.internal.ResolverAnswers;
import io.github.calmsdk.relay.internal.Spool;
import io.github.calmsdk.relay.internal.StepHook;
import io.github.calmsdk.relay.internal.StoredEntry;
import io.github.calmsdk.relay.internal.TransportCalls;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store and forward for exports, imports and retries. {@code submit} stores the work durably and returns an entry
 * id before anything is sent; passes send due entries in packages, step by step (upload, then create, then import),
 * persisting each result, so nothing is lost across Cloud ALM outages and restarts. A lost answer is settled by
 * reading Cloud ALM's state, never by sending a create or an import again; what cannot be settled becomes
 * {@link EntryState#UNRESOLVED} for a person. Thread-safe.
 *
 * <pre>{@code
 * try (RelayStore store = RelayStore.open("calm-relay.db");
 *     Relay relay = Relay.builder().client(calm).store(store)
 *         .options(RelayOptions.builder().packageSize(20).build()).build()) {
 *   long id = relay.submit(ExportRequest.builder().node("DEV").file(Path.of("app.mtar"))
 *       .contentType(ContentType.MTA).description("App 1.2").build());
 *   RelayRun run = relay.runOnce();        // or relay.run() until relay.stop()
 *   relay.list(EntryState.FAILED).forEach(e -> System.out.println(e.id() + " " + e.lastError().orElse("")));
 * }
 * }</pre>
 */
public final class Relay implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.calmsdk.relay");

  private final JdbcStore store;
  private final RelayOptions options;
  private final Spool spool;
  private final Dispatcher dispatcher;
  private final ChangeCollector collector;
  private final Object signal = new Object();
  private volatile boolean running;
  private volatile boolean stopped;
  private boolean woken;

  private Relay(Builder b) {
    this.store = b.store.jdbc();
    RelayOptions o = b.options != null ? b.options : RelayOptions.defaults();
    String owner = o.owner() != null ? o.owner() : defaultOwner();
    this.options = o.toBuilder().owner(owner).build();
    this.spool = new Spool(o.spoolDirectory() != null ? o.spoolDirectory() : store.defaultSpool());
    DeploymentOptions d = DeploymentOptions.defaults();
    URI root = b.transportApi != null
        ? b.transportApi
        : URI.create(trim(b.client.serviceKey().apiBase().toString()) + d.basePath() + d.versionPath());
    TransportCalls calls = new TransportCalls(b.client.pipeline(), root, d.versionPath());
    LostAnswers lost =
        b.lostAnswers != null ? b.lostAnswers : new ResolverAnswers(b.client.deployment().resolver());
    this.dispatcher = new Dispatcher(store, calls, b.client.deployment(), lost, options, owner,
        b.hook != null ? b.hook : StepHook.none());
    this.collector = new ChangeCollector(b.client.deployment(), store);
  }

  private static String trim(String s) {
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static String defaultOwner() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "host";
    }
    byte[] r = new byte[3];
    ThreadLocalRandom.current().nextBytes(r);
    String s = host + ":" + ProcessHandle.current().pid() + ":" + HexFormat.of().formatHex(r);
    return s.length() > 100 ? s.substring(s.length() - 100) : s;
  }

  /**
   * A builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * This node's name in claims.
   *
   * @return the owner
   */
  public String owner() {
    return options.owner();
  }

  // --- submit ------------------------------------------------------------------------------------------------

  /**
   * Stores an export, copying its files into the spool (fsync'd) first. Nothing is sent.
   *
   * @param request the export, checked when it was built
   * @return the entry id
   * @throws CalmValidationException when the request is null or a file is gone; nothing is stored
   * @throws RelayStoreException when the spool or the store cannot be written; nothing is stored
   */
  public long submit(ExportRequest request) {
    return submit(request, SpoolMode.COPY);
  }

  /**
   * Stores an export. Nothing is sent.
   *
   * @param request the export, checked when it was built
   * @param mode copy the files into the spool, or reference them in place
   * @return the entry id
   * @throws CalmValidationException when the request is null or a file is gone; nothing is stored
   * @throws RelayStoreException when the spool or the store cannot be written; nothing is stored
   */
  public long submit(ExportRequest request, SpoolMode mode) {
    if (request == null) {
      throw new CalmValidationException("request", "is null; pass an ExportRequest");
    }
    if (mode == null) {
      throw new CalmValidationException("mode", "is null; pass SpoolMode.COPY or SpoolMode.IN_PLACE");
    }
    List<Payloads.SpoolFile> files = new ArrayList<>();
    try {
      for (int i = 0; i < request.files().size(); i++) {
        Path f = request.files().get(i).toAbsolutePath();
        String field = "files[" + i + "]";
        if (!Files.isRegularFile(f)) {
          throw new CalmValidationException(field, f + " does not exist or is not a regular file; pass the file to export");
        }
        files.add(mode == SpoolMode.COPY
            ? new Payloads.SpoolFile(spool.copy(field, f), f.getFileName().toString(), true)
            : new Payloads.SpoolFile(f, f.getFileName().toString(), false));
      }
      String payload = Payloads.export(new Payloads.Export(
          request.node().value(), request.contentType(), request.storageType(), request.description(),
          request.namedUser(), request.mode(), request.timeout(), files, request.references()));
      return stored(store.insert("export", null, payload, options.clock().millis()));
    } catch (RuntimeException e) {
      files.stream().filter(Payloads.SpoolFile::spooled).forEach(f -> Spool.deleteQuietly(f.path()));
      throw e;
    }
  }

  /**
   * Stores an import. Entries importing into one node go out in submit order. Nothing is sent.
   *
   * @param request the import, checked when it was built
   * @return the entry id
   * @throws CalmValidationException when the request is null; nothing is stored
   * @throws RelayStoreException when the store cannot be written
   */
  public long submit(ImportRequest request) {
    if (request == null) {
      throw new CalmValidationException("request", "is null; pass an ImportRequest");
    }
    return stored(store.insert("import", Payloads.seqKey(request.node()), Payloads.importRequest(request),
        options.clock().millis()));
  }

  /**
   * Stores a retry. Entries of one node go out in submit order. Nothing is sent.
   *
   * @param request the retry, checked when it was built
   * @return the entry id
   * @throws CalmValidationException when the request is null; nothing is stored
   * @throws RelayStoreException when the store cannot be written
   */
  public long submit(RetryRequest request) {
    if (request == null) {
      throw new CalmValidationException("request", "is null; pass a RetryRequest");
    }
    return stored(store.insert("retry", Payloads.seqKey(request.node()), Payloads.retry(request),
        options.clock().millis()));
  }

  private long stored(long id) {
    if (options.sendAtOnce()) {
      wake();
    }
    return id;
  }

  // --- dispatch ----------------------------------------------------------------------------------------------

  /**
   * One pass that tries every pending entry now, ignoring backoff (a person asked for it), in packages until none
   * is left untried.
   *
   * @return what the pass did; {@link RelayRun#exitCode()} gives the CLI's exit code
   * @throws RelayStoreException when the store fails
   */
  public RelayRun runOnce() {
    return dispatcher.pass(true, 0);
  }

  /**
   * One pass over the entries that are due, as {@link #run()} does at each interval.
   *
   * @return what the pass did
   * @throws RelayStoreException when the store fails
   */
  public RelayRun runDue() {
    return dispatcher.pass(false, 0);
  }

  /**
   * Runs passes every interval (or at once after {@link #wake()}) until {@link #stop()}, {@link #close()} or an
   * interrupt; the entry in flight is finished first. A failing store is logged and tried again next interval.
   * After {@link #stop()} (also one that came before this call, as when an application stops right after it
   * started the thread that calls this) it returns at once.
   */
  public void run() {
    synchronized (signal) {
      if (stopped) {
        return;
      }
      running = true;
    }
    while (running && !Thread.currentThread().isInterrupted()) {
      try {
        dispatcher.pass(false, 0);
      } catch (RelayStoreException e) {
        LOG.warn("Relay pass failed: {}", e.getMessage());
      }
      synchronized (signal) {
        try {
          if (!woken && running) {
            signal.wait(options.interval().toMillis());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        woken = false;
      }
    }
    running = false;
  }

  /** Makes {@link #run()} start its next pass now. */
  public void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  /** Makes {@link #run()} return after the pass in flight (SIGTERM, SIGINT). */
  public void stop() {
    synchronized (signal) {
      stopped = true;
      running = false;
    }
    dispatcher.stop();
    wake();
  }

  // --- entries -----------------------------------------------------------------------------------------------

  /**
   * Lists entries, oldest first.
   *
   * @param states the states to list; none for all
   * @return the entries
   * @throws RelayStoreException when the store fails
   */
  public List<RelayEntry> list(EntryState... states) {
    List<String> names = Arrays.stream(states).map(EntryState::wireName).collect(Collectors.toList());
    return store.list(names, Integer.MAX_VALUE).stream().map(Relay::entry).collect(Collectors.toList());
  }

  /**
   * One entry.
   *
   * @param id the entry id
   * @return the entry, empty when there is none
   * @throws RelayStoreException when the store fails
   */
  public Optional<RelayEntry> entry(long id) {
    return store.get(id).map(Relay::entry);
  }

  /**
   * Counts the entries per open state and reads the age of the oldest pending one, in one query: cheap enough for
   * a metrics gauge or a health check. The age is by the relay's clock on SQLite and the database's on PostgreSQL,
   * the clocks that stamp the entries.
   *
   * <pre>{@code
   * RelayStats s = relay.stats();
   * System.out.println(s.pending() + " pending, oldest " + s.oldestPendingAge().map(Duration::toString).orElse("-"));
   * }</pre>
   *
   * @return the counts
   * @throws RelayStoreException when the store fails
   */
  public RelayStats stats() {
    JdbcStore.Counts c = store.counts(options.clock().millis());
    Optional<Duration> age = c.oldestPendingAt() == null
        ? Optional.empty()
        : Optional.of(Duration.ofMillis(Math.max(0, c.now() - c.oldestPendingAt())));
    return new RelayStats(c.pending(), c.sending(), c.failed(), c.unresolved(), age);
  }

  /**
   * Sends a failed or unresolved entry again, from its persisted steps. For an unresolved entry this means a
   * person checked Cloud ALM and decided the call in doubt was not applied: it is sent once more.
   *
   * @param id the entry id
   * @throws CalmValidationException when there is no such entry, or it is not failed or unresolved
   * @throws RelayStoreException when the store fails
   */
  public void requeue(long id) {
    Optional<String> before = store.requeue(id, options.clock().millis());
    if (before.isEmpty()) {
      throw new CalmValidationException("id", "no entry " + id + " in the " + store.location());
    }
    if (!before.get().equals("failed") && !before.get().equals("unresolved")) {
      throw new CalmValidationException(
          "id", "entry " + id + " is " + before.get() + "; only failed or unresolved entries can be requeued");
    }
    if (options.sendAtOnce()) {
      wake();
    }
  }

  /**
   * The status-change collector: reads the node's queue, reports what changed since the snapshot persisted last
   * time (also while no process ran), and persists the new snapshot. The first call for a node is a silent
   * baseline and returns nothing.
   *
   * @param node the node to watch
   * @return the changes, each with a stable id
   * @throws io.github.calmsdk.core.error.CalmException when reading the queue fails
   * @throws RelayStoreException when the store fails
   */
  public List<RelayChange> watch(NodeRef node) {
    if (node == null) {
      throw new CalmValidationException("node", "is null; pass a NodeName or NodeId");
    }
    return collector.collect(node, options.clock().millis());
  }

  private static RelayEntry entry(StoredEntry e) {
    return new RelayEntry(
        e.id(),
        EntryKind.of(e.kind()),
        EntryState.of(e.state()),
        e.attempts(),
        Instant.ofEpochMilli(e.nextAttemptAt()),
        e.fileIds(),
        Optional.ofNullable(e.transportRequestId()).map(TransportRequestId::of),
        Optional.ofNullable(e.actionId()).map(ActionId::of),
        Optional.ofNullable(e.lastError()),
        e.checks(),
        Instant.ofEpochMilli(e.createdAt()),
        Instant.ofEpochMilli(e.updatedAt()));
  }

  /** Stops {@link #run()}. The store and the client stay open: they belong to the caller. */
  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "Relay[owner=" + options.owner() + ", " + store.location() + "]";
  }

  /**
   * Builds a {@link Relay}.
   *
   * <pre>{@code
   * Relay relay = Relay.builder().client(calm).store(RelayStore.open("calm-relay.db"))
   *     .options(RelayOptions.builder().sendAtOnce(true).build()).build();
   * }</pre>
   */
  public static final class Builder {
    private CalmClient client;
    private RelayStore store;
    private RelayOptions options;
    private URI transportApi;
    private StepHook hook;
    private LostAnswers lostAnswers;

    private Builder() {}

    /**
     * Sets the client whose pipeline and deployment client send everything.
     *
     * @param client the client
     * @return this builder
     */
    public Builder client(CalmClient client) {
      this.client = client;
      return this;
    }

    /**
     * Sets the store.
     *
     * @param store the store; the caller closes it
     * @return this builder
     */
    public Builder store(RelayStore store) {
      this.store = store;
      return this;
    }

    /**
     * Sets the options.
     *
     * @param options the options
     * @return this builder
     */
    public Builder options(RelayOptions options) {
      this.options = options;
      return this;
    }

    /**
     * Sets the transport API root that uploads and creates go to, when it is not the service key's API base with
     * the deployment client's default paths.
     *
     * @param root such as {@code https://eu10.alm.cloud.sap/api/imp-cdm-transport-management-api/v1/v2}
     * @return this builder
     */
    public Builder transportApi(URI root) {
      this.transportApi = root;
      return this;
    }

    Builder hook(StepHook hook) {
      this.hook = hook;
      return this;
    }

    Builder lostAnswers(LostAnswers lostAnswers) {
      this.lostAnswers = lostAnswers;
      return this;
    }

    /**
     * Builds the relay.
     *
     * @return the relay
     * @throws CalmValidationException when the client or the store is missing
     */
    public Relay build() {
      if (client == null) {
        throw new CalmValidationException("client", "is missing; pass the CalmClient that sends the calls");
      }
      if (store == null) {
        throw new CalmValidationException("store", "is missing; pass e.g. RelayStore.open(\"calm-relay.db\")");
      }
      Objects.requireNonNull(client, "client");
      return new Relay(this);
    }
  }
}
