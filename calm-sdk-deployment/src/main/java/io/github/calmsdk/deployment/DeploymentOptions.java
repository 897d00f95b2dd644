package io.github.calmsdk.deployment;

import io.github.calmsdk.core.internal.Checks;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.internal.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadFactory;

/**
 * Settings specific to a {@link DeploymentClient}; every one has a default. The clock, sleeper and executor are
 * the client's, from its {@link io.github.calmsdk.core.ClientContext}: they are set once, on the client builder.
 *
 * <pre>{@code
 * DeploymentOptions options = DeploymentOptions.builder()
 *     .uploadTimeout(Duration.ofHours(1))
 *     .watchInterval(Duration.ofMinutes(1))
 *     .build();
 * DeploymentClient deployment = DeploymentClient.create(clientContext, apiBase, options);
 * }</pre>
 *
 * @param basePath the service path under the API base; default {@code /imp-cdm-transport-management-api/v1}, the
 *     Cloud ALM pass-through to the transport management API
 * @param versionPath the API version path appended to it; default {@code /v2}
 * @param uploadTimeout deadline of one file upload (files may have up to 1 GB); default 30 minutes
 * @param uploadAttempts how often one file is uploaded when the answer to the upload is lost; default 2. Uploading
 *     again is safe: a file that is in no transport request does nothing and expires
 * @param pollInitialInterval first wait between polls of an import action; default 1 s
 * @param pollMultiplier growth of that wait after each poll; default 1.5
 * @param pollMaxInterval longest wait between polls of an import action; default 30 s
 * @param watchInterval time between polls of a status watcher; default 5 minutes, like S/4HANA's collector jobs
 * @param recoveryWindow how far before an export the queues are searched when its answer was lost ({@code
 *     createdAtFrom}); covers clock differences between client and server; default 1 hour
 * @param statusFilter how several statuses are asked for in one listing; default a comma list, as SAP's tools send
 * @param recoveryUsesRoutes whether a lost export is searched for in the follow-on nodes from {@code GET
 *     /v2/routes} (not an official API); when false, or when routes cannot be read, every node is searched
 * @param resetThenImport statuses a retry resets before importing; default {@code error, skipped, succeeded}, as
 *     documented for reset
 * @param importDirectly statuses a retry imports without reset; default {@code fatal, repeat, initial}, the
 *     importable ones. Every other status is refused. Whether {@code warning} can be reset is not documented: add it
 *     to {@code resetThenImport} if your landscape allows it
 * @param threadFactory makes the status watchers' threads; default named daemon threads
 * @param resendWhenNotApplied the HTTP statuses after which a lost export, import or reset is sent once more when
 *     reading the state shows it was not applied; default {@code 503}. The pipeline never resends a state-changing
 *     call after a 5xx (no SAP source says a 503 proves the call was not processed); the client reads the state
 *     instead (see {@link OutcomeResolver}) and resends only what evidently did not happen. Allowed: 500, 502,
 *     503, 504; empty to never resend. A reset whose statuses are unchanged is reset once more after any lost
 *     answer, as resetting is harmless to repeat
 * @param clockSkew how far the server's clock may differ from the client's, when a transport request's log is read
 *     for an import action started since a lost import was sent; default 1 minute
 * @param tms231Reads whether single transport requests are read through the endpoints new in TMS API 2.3.1
 *     ({@link Tms231Reads#AUTO}, the default) or always through the queue listing ({@link
 *     Tms231Reads#ALWAYS_SCAN}). With {@code AUTO}, the retry's status read, the settling of a lost import or reset
 *     and a watch of given transport requests use {@code GET /v2/nodes/{nodeId}/transportRequests/{id}} when that
 *     takes no more calls than listing the queue. A 405, a 404 that is not the service's own error object, a 404
 *     for a transport request the queue listing then shows, or an answer without a {@code status} marks the
 *     endpoint absent for the client's lifetime; the queue listing answers instead
 * @param nodeDeclarations what you know about nodes whose {@code GET /v2/nodes} answer does not say their content
 *     types or control; the answer wins where it says something. Default none
 * @param importRefusingControllers the {@code controlledBy} values of nodes the client refuses every import into,
 *     compared ignoring case; default {@code CHARM} (SAP Solution Manager's Change Request Management, the one
 *     value seen in public clients). The full set of values is not public
 */
public record DeploymentOptions(
    String basePath,
    String versionPath,
    Duration uploadTimeout,
    int uploadAttempts,
    Duration pollInitialInterval,
    double pollMultiplier,
    Duration pollMaxInterval,
    Duration watchInterval,
    Duration recoveryWindow,
    StatusFilter statusFilter,
    boolean recoveryUsesRoutes,
    Set<TransportStatus> resetThenImport,
    Set<TransportStatus> importDirectly,
    ThreadFactory threadFactory,
    Set<Integer> resendWhenNotApplied,
    Duration clockSkew,
    Tms231Reads tms231Reads,
    List<NodeDeclaration> nodeDeclarations,
    Set<String> importRefusingControllers) {
  /** The default service path of the transport management API under Cloud ALM's API base. */
  public static final String DEFAULT_BASE_PATH = "/imp-cdm-transport-management-api/v1";
  /** The default API version path. */
  public static final String DEFAULT_VERSION_PATH = "/v2";

  /** The default {@code controlledBy} values that refuse every import: {@code CHARM} (SAP Solution Manager). */
  public static final Set<String> DEFAULT_IMPORT_REFUSING_CONTROLLERS = Set.of("CHARM");

  private static final Set<Integer> AMBIGUOUS_STATUSES = Set.of(500, 502, 503, 504);

  /**
   * Checks the settings.
   *
   * @throws CalmValidationException naming a setting that is out of range
   */
  public DeploymentOptions {
    basePath = path("basePath", basePath);
    versionPath = path("versionPath", versionPath);
    Checks.positive("uploadTimeout", uploadTimeout);
    if (uploadAttempts < 1) {
      throw new CalmValidationException("uploadAttempts", "must be at least 1, was " + uploadAttempts);
    }
    Checks.positive("pollInitialInterval", pollInitialInterval);
    if (!(pollMultiplier >= 1.0) || Double.isInfinite(pollMultiplier)) {
      throw new CalmValidationException("pollMultiplier", "must be at least 1.0, was " + pollMultiplier);
    }
    Checks.positive("pollMaxInterval", pollMaxInterval);
    if (pollMaxInterval.compareTo(pollInitialInterval) < 0) {
      throw new CalmValidationException("pollMaxInterval", "is shorter than pollInitialInterval; raise it");
    }
    Checks.positive("watchInterval", watchInterval);
    Checks.positive("recoveryWindow", recoveryWindow);
    Checks.present("statusFilter", statusFilter, "pass StatusFilter.COMMA_LIST or ONE_CALL_PER_STATUS");
    resetThenImport = Set.copyOf(Checks.present("resetThenImport", resetThenImport, "pass a set, possibly empty"));
    importDirectly = Set.copyOf(Checks.present("importDirectly", importDirectly, "pass a set, possibly empty"));
    for (TransportStatus s : resetThenImport) {
      if (importDirectly.contains(s)) {
        throw new CalmValidationException(
            "resetThenImport", "and importDirectly both contain '" + s + "'; a status needs one treatment");
      }
    }
    Checks.present("threadFactory", threadFactory, "pass a ThreadFactory for the status watchers' threads");
    resendWhenNotApplied =
        Set.copyOf(Checks.present("resendWhenNotApplied", resendWhenNotApplied, "pass a set, possibly empty"));
    for (Integer status : resendWhenNotApplied) {
      if (!AMBIGUOUS_STATUSES.contains(status)) {
        throw new CalmValidationException(
            "resendWhenNotApplied",
            "contains " + status + "; only 500, 502, 503 and 504 leave an outcome to settle by reading the state");
      }
    }
    Checks.positive("clockSkew", clockSkew);
    Checks.present("tms231Reads", tms231Reads, "pass Tms231Reads.AUTO or ALWAYS_SCAN");
    nodeDeclarations = Checks.copyOf(nodeDeclarations, i -> "nodeDeclarations[" + i + "]");
    Set<NodeRef> declared = new HashSet<>();
    for (NodeDeclaration d : nodeDeclarations) {
      if (!declared.add(d.node())) {
        throw new CalmValidationException(
            "nodeDeclarations", "declare node " + d.node() + " once, with all its content types and its control");
      }
    }
    Set<String> controllers = new HashSet<>();
    for (String c : Checks.present(
        "importRefusingControllers", importRefusingControllers, "pass a set, possibly empty")) {
      if (c == null || c.isBlank()) {
        throw new CalmValidationException("importRefusingControllers", "contains a blank value; remove it");
      }
      controllers.add(c.strip().toUpperCase(Locale.ROOT));
    }
    importRefusingControllers = Set.copyOf(controllers);
  }

  /**
   * The options as they were before {@code tms231Reads}, {@code nodeDeclarations} and {@code
   * importRefusingControllers}, with their defaults. Prefer {@link #builder()}.
   *
   * <pre>{@code
   * DeploymentOptions o = DeploymentOptions.builder().build();
   * }</pre>
   *
   * @param basePath see the record
   * @param versionPath see the record
   * @param uploadTimeout see the record
   * @param uploadAttempts see the record
   * @param pollInitialInterval see the record
   * @param pollMultiplier see the record
   * @param pollMaxInterval see the record
   * @param watchInterval see the record
   * @param recoveryWindow see the record
   * @param statusFilter see the record
   * @param recoveryUsesRoutes see the record
   * @param resetThenImport see the record
   * @param importDirectly see the record
   * @param threadFactory see the record
   * @param resendWhenNotApplied see the record
   * @param clockSkew see the record
   */
  public DeploymentOptions(
      String basePath,
      String versionPath,
      Duration uploadTimeout,
      int uploadAttempts,
      Duration pollInitialInterval,
      double pollMultiplier,
      Duration pollMaxInterval,
      Duration watchInterval,
      Duration recoveryWindow,
      StatusFilter statusFilter,
      boolean recoveryUsesRoutes,
      Set<TransportStatus> resetThenImport,
      Set<TransportStatus> importDirectly,
      ThreadFactory threadFactory,
      Set<Integer> resendWhenNotApplied,
      Duration clockSkew) {
    this(basePath, versionPath, uploadTimeout, uploadAttempts, pollInitialInterval, pollMultiplier,
        pollMaxInterval, watchInterval, recoveryWindow, statusFilter, recoveryUsesRoutes, resetThenImport,
        importDirectly, threadFactory, resendWhenNotApplied, clockSkew, Tms231Reads.AUTO, List.of(),
        DEFAULT_IMPORT_REFUSING_CONTROLLERS);
  }

  /**
   * The declaration of a node, matched by its id or its name, or null.
   *
   * @param id the node's id
   * @param name the node's name, or null when unknown
   * @return the declaration, or null when the node is not declared
   */
  public NodeDeclaration declarationOf(NodeId id, NodeName name) {
    for (NodeDeclaration d : nodeDeclarations) {
      if (d.node().equals(id) || (name != null && d.node().equals(name))) {
        return d;
      }
    }
    return null;
  }

  /**
   * The defaults.
   *
   * @return the default options
   */
  public static DeploymentOptions defaults() {
    return builder().build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these options.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.basePath = basePath;
    b.versionPath = versionPath;
    b.uploadTimeout = uploadTimeout;
    b.uploadAttempts = uploadAttempts;
    b.pollInitialInterval = pollInitialInterval;
    b.pollMultiplier = pollMultiplier;
    b.pollMaxInterval = pollMaxInterval;
    b.watchInterval = watchInterval;
    b.recoveryWindow = recoveryWindow;
    b.statusFilter = statusFilter;
    b.recoveryUsesRoutes = recoveryUsesRoutes;
    b.resetThenImport = resetThenImport;
    b.importDirectly = importDirectly;
    b.threadFactory = threadFactory;
    b.resendWhenNotApplied = resendWhenNotApplied;
    b.clockSkew = clockSkew;
    b.tms231Reads = tms231Reads;
    b.nodeDeclarations = new ArrayList<>(nodeDeclarations);
    b.importRefusingControllers = importRefusingControllers;
    return b;
  }

  private static String path(String field, String p) {
    if (p == null) {
      throw new CalmValidationException(field, "is null; pass \"\" for none");
    }
    String t = p.strip();
    while (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    if (!t.isEmpty() && !t.startsWith("/")) {
      throw new CalmValidationException(field, "must start with '/', was '" + p + "'");
    }
    return t;
  }

  /**
   * Builds {@link DeploymentOptions}.
   *
   * <pre>{@code
   * DeploymentOptions o = DeploymentOptions.builder().watchInterval(Duration.ofMinutes(1)).build();
   * }</pre>
   */
  public static final class Builder {
    private String basePath = DEFAULT_BASE_PATH;
    private String versionPath = DEFAULT_VERSION_PATH;
    private Duration uploadTimeout = Duration.ofMinutes(30);
    private int uploadAttempts = 2;
    private Duration pollInitialInterval = Duration.ofSeconds(1);
    private double pollMultiplier = 1.5;
    private Duration pollMaxInterval = Duration.ofSeconds(30);
    private Duration watchInterval = Duration.ofMinutes(5);
    private Duration recoveryWindow = Duration.ofHours(1);
    private StatusFilter statusFilter = StatusFilter.COMMA_LIST;
    private boolean recoveryUsesRoutes = true;
    private Set<TransportStatus> resetThenImport =
        Set.of(TransportStatus.ERROR, TransportStatus.SKIPPED, TransportStatus.SUCCEEDED);
    private Set<TransportStatus> importDirectly =
        Set.of(TransportStatus.FATAL, TransportStatus.REPEATABLE, TransportStatus.INITIAL);
    private ThreadFactory threadFactory = new DaemonThreads("calm-deployment");
    private Set<Integer> resendWhenNotApplied = Set.of(503);
    private Duration clockSkew = Duration.ofMinutes(1);
    private Tms231Reads tms231Reads = Tms231Reads.AUTO;
    private List<NodeDeclaration> nodeDeclarations = new ArrayList<>();
    private Set<String> importRefusingControllers = DEFAULT_IMPORT_REFUSING_CONTROLLERS;

    private Builder() {}

    /**
     * Sets the service path under the API base.
     *
     * @param basePath such as {@code /imp-cdm-transport-management-api/v1}; {@code ""} when the API base already
     *     points at the service (a plain transport management service key's {@code uri})
     * @return this builder
     */
    public Builder basePath(String basePath) {
      this.basePath = basePath;
      return this;
    }

    /**
     * Sets the API version path.
     *
     * @param versionPath such as {@code /v2}
     * @return this builder
     */
    public Builder versionPath(String versionPath) {
      this.versionPath = versionPath;
      return this;
    }

    /**
     * Sets the deadline of one file upload.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder uploadTimeout(Duration timeout) {
      this.uploadTimeout = timeout;
      return this;
    }

    /**
     * Sets how often one file is uploaded when the answer to its upload is lost.
     *
     * @param attempts at least 1
     * @return this builder
     */
    public Builder uploadAttempts(int attempts) {
      this.uploadAttempts = attempts;
      return this;
    }

    /**
     * Sets the schedule of import action polls: the first wait, its growth factor and its cap.
     *
     * @param initial the first wait
     * @param multiplier at least 1.0
     * @param max the longest wait
     * @return this builder
     */
    public Builder pollSchedule(Duration initial, double multiplier, Duration max) {
      this.pollInitialInterval = initial;
      this.pollMultiplier = multiplier;
      this.pollMaxInterval = max;
      return this;
    }

    /**
     * Sets the time between polls of a status watcher.
     *
     * @param interval a positive duration
     * @return this builder
     */
    public Builder watchInterval(Duration interval) {
      this.watchInterval = interval;
      return this;
    }

    /**
     * Sets how far before an export the queues are searched when its answer was lost.
     *
     * @param window a positive duration
     * @return this builder
     */
    public Builder recoveryWindow(Duration window) {
      this.recoveryWindow = window;
      return this;
    }

    /**
     * Sets how several statuses are asked for in one listing.
     *
     * @param statusFilter the style
     * @return this builder
     */
    public Builder statusFilter(StatusFilter statusFilter) {
      this.statusFilter = statusFilter;
      return this;
    }

    /**
     * Sets whether a lost export is searched for through {@code GET /v2/routes}.
     *
     * @param useRoutes false to search every node
     * @return this builder
     */
    public Builder recoveryUsesRoutes(boolean useRoutes) {
      this.recoveryUsesRoutes = useRoutes;
      return this;
    }

    /**
     * Sets the statuses a retry resets before importing.
     *
     * @param statuses the statuses
     * @return this builder
     */
    public Builder resetThenImport(Collection<TransportStatus> statuses) {
      this.resetThenImport = new HashSet<>(statuses);
      return this;
    }

    /**
     * Sets the statuses a retry imports without reset.
     *
     * @param statuses the statuses
     * @return this builder
     */
    public Builder importDirectly(Collection<TransportStatus> statuses) {
      this.importDirectly = new HashSet<>(statuses);
      return this;
    }

    /**
     * Sets the factory of the status watchers' threads.
     *
     * @param threadFactory the factory
     * @return this builder
     */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = threadFactory;
      return this;
    }

    /**
     * Sets the HTTP statuses after which a lost export, import or reset is sent once more when reading the state
     * shows it was not applied.
     *
     * @param statuses a subset of 500, 502, 503, 504; empty to never resend
     * @return this builder
     */
    public Builder resendWhenNotApplied(Collection<Integer> statuses) {
      this.resendWhenNotApplied = new HashSet<>(Objects.requireNonNull(statuses, "statuses"));
      return this;
    }

    /**
     * Sets how far the server's clock may differ from the client's, for reading import actions from logs.
     *
     * @param skew a positive duration
     * @return this builder
     */
    public Builder clockSkew(Duration skew) {
      this.clockSkew = skew;
      return this;
    }

    /**
     * Sets whether single transport requests are read through the TMS 2.3.1 endpoints.
     *
     * @param reads {@link Tms231Reads#AUTO} (default) or {@link Tms231Reads#ALWAYS_SCAN}
     * @return this builder
     */
    public Builder tms231Reads(Tms231Reads reads) {
      this.tms231Reads = reads;
      return this;
    }

    /**
     * Declares what a node's {@code GET /v2/nodes} answer does not say: its content types or its control.
     *
     * @param declaration the declaration; one per node
     * @return this builder
     */
    public Builder declareNode(NodeDeclaration declaration) {
      this.nodeDeclarations.add(declaration);
      return this;
    }

    /**
     * Sets the {@code controlledBy} values of nodes into which every import is refused before sending.
     *
     * @param controllers such as {@code CHARM}; empty to refuse none
     * @return this builder
     */
    public Builder importRefusingControllers(Collection<String> controllers) {
      this.importRefusingControllers = new HashSet<>(Objects.requireNonNull(controllers, "controllers"));
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws CalmValidationException naming a setting that is out of range
     */
    public DeploymentOptions build() {
      return new DeploymentOptions(
          basePath,
          versionPath,
          uploadTimeout,
          uploadAttempts,
          pollInitialInterval,
          pollMultiplier,
          pollMaxInterval,
          watchInterval,
          recoveryWindow,
          statusFilter,
          recoveryUsesRoutes,
          resetThenImport,
          importDirectly,
          threadFactory,
          resendWhenNotApplied,
          clockSkew,
          tms231Reads,
          nodeDeclarations,
          importRefusingControllers);
    }
  }
}
