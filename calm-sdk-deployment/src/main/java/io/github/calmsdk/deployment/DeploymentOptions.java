package io.github.calmsdk.deployment;

import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.deployment.internal.Checks;
import io.github.calmsdk.core.internal.DaemonThreads;
import java.time.Duration;
import java.util.Collection;
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
    Duration clockSkew) {
  /** The default service path of the transport management API under Cloud ALM's API base. */
  public static final String DEFAULT_BASE_PATH = "/imp-cdm-transport-management-api/v1";
  /** The default API version path. */
  public static final String DEFAULT_VERSION_PATH = "/v2";

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
          clockSkew);
    }
  }
}
