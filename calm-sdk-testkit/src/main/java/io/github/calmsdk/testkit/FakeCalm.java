package io.github.calmsdk.testkit;

import io.github.calmsdk.testkit.internal.FakeServer;
import io.github.calmsdk.testkit.internal.ServiceKeys;
import io.github.calmsdk.testkit.internal.Settings;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * A stateful fake SAP Cloud ALM on a loopback port, for tests: the OAuth token endpoint ({@code /uaa/oauth/token}),
 * the CTMS-compatible transport-management API ({@code /api/imp-cdm-transport-management-api/v1/v2/...}) and the
 * Features OData API ({@code /api/calm-features/v1}), written from the public wire contract, with fault injection.
 * It starts in milliseconds, serves many client threads at once and closes cleanly.
 *
 * <p>The default landscape has the nodes DEV (id 1, upload allowed), QAS (2) and PRD (3) with the routes
 * DEV&rarr;QAS&rarr;PRD. Imports are asynchronous actions that stay {@code running} for a few polls (see
 * {@link Builder#importPollsUntilDone(int)}) and then end with the outcome chosen by
 * {@link #importOutcome(long, String)} ({@code succeeded} by default). For fast tests use
 * {@code FakeCalm.builder().importPollsUntilDone(0)}: imports then finish before the import call answers, so the
 * first poll of the action sees the outcome.
 *
 * <p>The same transport-management state is served at two bases: the Cloud ALM pass-through
 * ({@link #transportManagementUri()}, for {@link #serviceKeyJson()}) and a CTMS service instance
 * ({@link #ctmsUri()}, for {@link #ctmsServiceKeyJson()}).
 *
 * <p>Ids: the fake does not depend on the client's typed ids. Every method that takes a transport request id
 * takes the wire value as a {@code long}; every method that takes a node takes its name as a {@code String}
 * (use {@link #nodeId(String)} for the numeric node id of the wire).
 *
 * <p>Starting a fake sets the system property {@code sun.net.httpserver.nodelay=true} unless it is already set:
 * without TCP_NODELAY every response of the JDK's HTTP server waits about 40 ms for a delayed ACK. The JDK reads
 * the property once, when its first HTTP server starts in the JVM; set it to {@code false} to opt out.
 *
 * <pre>{@code
 * try (FakeCalm fake = FakeCalm.start()) {
 *   CalmClient client = CalmClient.builder().serviceKey(ServiceKey.fromJson(fake.serviceKeyJson())).build();
 *   // ... export a file through the client under test ...
 *   FakeTransportRequest tr = fake.transportRequests().get(0);
 *   assertThat(tr.queueNodeIds()).containsExactly(fake.nodeId("QAS"));
 * }
 * }</pre>
 */
public final class FakeCalm implements AutoCloseable {
  private final FakeServer server;

  private FakeCalm(FakeServer server) {
    this.server = server;
  }

  /**
   * Starts a fake with the defaults: system clock, 12 hour tokens, imports done on the third poll, the default
   * landscape, scopes and feature codes.
   *
   * @return the running fake; close it when done
   * @throws java.io.UncheckedIOException when no loopback port can be bound
   */
  public static FakeCalm start() {
    return builder().start();
  }

  /**
   * A builder for a fake with non-default settings.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------------------------------------ addresses

  /**
   * The base address, {@code http://127.0.0.1:PORT}, without a trailing slash.
   *
   * @return the base URI
   */
  public URI baseUri() {
    return server.baseUri();
  }

  /**
   * The API root, as {@code endpoints.Api} in the service key: {@code http://127.0.0.1:PORT/api}.
   *
   * @return the API URI
   */
  public URI apiUri() {
    return URI.create(server.baseUri() + "/api");
  }

  /**
   * The token endpoint, {@code http://127.0.0.1:PORT/uaa/oauth/token}.
   *
   * @return the token URI
   */
  public URI tokenUri() {
    return URI.create(server.baseUri() + "/uaa/oauth/token");
  }

  /**
   * The transport-management base, {@code http://127.0.0.1:PORT/api/imp-cdm-transport-management-api/v1}; the
   * operations are under {@code /v2/...} below it.
   *
   * @return the transport-management URI
   */
  public URI transportManagementUri() {
    return URI.create(server.baseUri() + "/api/imp-cdm-transport-management-api/v1");
  }

  /**
   * The Features service root, {@code http://127.0.0.1:PORT/api/calm-features/v1}.
   *
   * @return the Features URI
   */
  public URI featuresUri() {
    return URI.create(server.baseUri() + "/api/calm-features/v1");
  }

  // ------------------------------------------------------------------------------------------------ credentials

  /**
   * A binding-secret service key for this fake:
   * {@code {"endpoints":{"Api":...},"uaa":{"url":...,"clientid":...,"clientsecret":...,"identityzone":"fake",
   * "credential-type":"binding-secret"}}}. The default secret contains {@code $ = + / :} and a non-ASCII
   * character, to catch encoding mistakes.
   *
   * @return the service key JSON (UTF-8 text)
   */
  public String serviceKeyJson() {
    return ServiceKeys.calm(server.baseUri(), server.settings());
  }

  /**
   * A service key of a Cloud Transport Management (CTMS) service instance for this fake, the shape tools use since
   * the Cloud ALM pass-through became legacy: {@code {"uaa":{"clientid":...,"clientsecret":...,"url":...,
   * "identityzone":"fake","identityzoneid":...,"tenantid":...,"tenantmode":"dedicated","uaadomain":...,
   * "xsappname":...,"credential-type":"binding-secret"},"uri":"http://127.0.0.1:PORT/ctms"}}}. The fake serves the
   * same transport-management state at {@code {uri}/v2/...} as under {@link #transportManagementUri()}, and the
   * token endpoint ({@code {uaa.url}/oauth/token}) accepts the same client credentials (Piper's request form
   * included); tokens carry the fake's {@link Builder#scopes(Set) scopes} on both paths.
   *
   * @return the CTMS service key JSON (UTF-8 text)
   */
  public String ctmsServiceKeyJson() {
    return ServiceKeys.ctms(server.baseUri(), server.settings());
  }

  /**
   * The CTMS instance base, {@code http://127.0.0.1:PORT/ctms}: the {@code uri} of {@link #ctmsServiceKeyJson()};
   * the operations are under {@code /v2/...} below it.
   *
   * @return the CTMS URI
   */
  public URI ctmsUri() {
    return URI.create(server.baseUri() + "/ctms");
  }

  /**
   * The client id the token endpoint accepts.
   *
   * @return the client id
   */
  public String clientId() {
    return server.settings().clientId();
  }

  /**
   * The client secret the token endpoint accepts. Test data; still, do not print it.
   *
   * @return the secret
   */
  public String clientSecret() {
    return server.settings().clientSecret();
  }

  /**
   * Issues a valid access token without an HTTP call (not counted in {@link #tokenRequests()}), for tests that
   * drive the API directly.
   *
   * @return a bearer token
   */
  public String accessToken() {
    return server.tokens().issueDirect();
  }

  /**
   * How many requests reached the token endpoint, whatever their outcome (faulted ones included).
   *
   * @return the count
   */
  public int tokenRequests() {
    return server.tokens().requests();
  }

  /** Invalidates every token issued so far: API calls with them get 401 until the client fetches a new one. */
  public void expireAllTokens() {
    server.tokens().expireAll();
  }

  // ------------------------------------------------------------------------------------------------ faults

  /**
   * Fault injection. Path regexes match the whole raw request path, such as
   * {@code /api/imp-cdm-transport-management-api/v1/v2/nodes/export} (see {@link Faults}).
   *
   * @return the faults of this fake
   */
  public Faults faults() {
    return server.faults();
  }

  // ------------------------------------------------------------------------------------------------ landscape

  /**
   * The id of a node.
   *
   * @param name the node name, such as {@code QAS}
   * @return the id
   * @throws NoSuchElementException when there is no such node
   */
  public long nodeId(String name) {
    return server.tms().nodeId(name);
  }

  /**
   * Adds a node (upload allowed) without routes.
   *
   * @param name a new node name of 1 to 30 characters
   * @return its id
   * @throws IllegalArgumentException when the name is invalid or taken
   */
  public long addNode(String name) {
    return server.tms().addNode(NodeSpec.named(name));
  }

  /**
   * Adds a node described by a spec, without routes: for example a {@code BTP_ABAP} node that refuses Import
   * Selected, or one controlled by SAP Solution Manager that refuses every import (see {@link NodeSpec}). The
   * node list ({@code GET /v2/nodes}) shows the spec as {@code targets[0].contentType} and {@code controlledBy}.
   *
   * @param spec the node
   * @return its id
   * @throws IllegalArgumentException when the name is taken
   */
  public long addNode(NodeSpec spec) {
    return server.tms().addNode(Objects.requireNonNull(spec, "spec"));
  }

  /**
   * Adds a transport route: exports from {@code from} and forwards from it go to {@code to}.
   *
   * @param from the source node name
   * @param to the target node name
   * @return the route id
   * @throws NoSuchElementException when a node does not exist
   * @throws IllegalArgumentException when the route exists or both names are the same
   */
  public long addRoute(String from, String to) {
    return server.tms().addRoute(from, to);
  }

  // ------------------------------------------------------------------------------------------------ transports

  /**
   * Every transport request, in creation order. Imports that are due (see
   * {@link Builder#importDuration(Duration)}) are completed first; reading does not count as a poll.
   *
   * @return snapshots of the transport requests
   */
  public List<FakeTransportRequest> transportRequests() {
    return server.tmsLifecycle().transportRequests();
  }

  /**
   * One transport request.
   *
   * @param id the transport request id
   * @return its snapshot
   * @throws NoSuchElementException when there is no such transport request
   */
  public FakeTransportRequest transportRequest(long id) {
    return server.tmsLifecycle().transportRequest(id);
  }

  /**
   * Every file received by {@code POST /v2/files/upload} and not deleted, in upload order.
   *
   * @return the files
   */
  public List<UploadedFile> uploadedFiles() {
    return server.tms().uploadedFiles();
  }

  /**
   * Every file deleted by {@code DELETE /v2/files/{fileId}}, in deletion order; a deleted file leaves
   * {@link #uploadedFiles()}.
   *
   * @return the deleted files
   */
  public List<UploadedFile> deletedFiles() {
    return server.tms().deletedFiles();
  }

  /**
   * The MTA extension descriptors stored on a node by {@code POST}/{@code PUT /v2/nodes/{id}/mtaExtDescriptors},
   * in creation order, without the deleted ones.
   *
   * @param nodeName the node name, such as {@code QAS}
   * @return the descriptors
   * @throws NoSuchElementException when there is no such node
   */
  public List<FakeMtaExtDescriptor> mtaExtDescriptors(String nodeName) {
    return server.tms().mtaExtDescriptors(nodeName);
  }

  /**
   * The outcome of every later import of a transport request, until changed.
   *
   * @param trId the transport request id
   * @param status {@code succeeded}, {@code warning}, {@code error}, {@code fatal} or {@code skipped}
   * @throws IllegalArgumentException when the status is not one of these
   */
  public void importOutcome(long trId, String status) {
    server.tmsLifecycle().importOutcomes(trId, List.of(status));
  }

  /**
   * The outcomes of the next imports of a transport request, in order; the last one stays for later imports.
   * {@code importOutcomes(id, "error", "succeeded")} fails the first import and lets the retry succeed.
   *
   * @param trId the transport request id
   * @param statuses one or more of {@code succeeded}, {@code warning}, {@code error}, {@code fatal},
   *     {@code skipped}
   * @throws IllegalArgumentException when a status is invalid or none is given
   */
  public void importOutcomes(long trId, String... statuses) {
    server.tmsLifecycle().importOutcomes(trId, List.of(statuses));
  }

  /**
   * Sets the status of a transport request in one queue directly, to set up a test (for example {@code skipped},
   * which no import produces by default).
   *
   * @param trId the transport request id
   * @param nodeName the node whose queue holds it
   * @param status a status name: initial, running, repeat, succeeded, skipped, warning, error, fatal, deleted
   * @throws NoSuchElementException when the node or the queue entry does not exist
   * @throws IllegalArgumentException when the status is unknown
   */
  public void setTransportRequestStatus(long trId, String nodeName, String status) {
    server.tmsLifecycle().setStatus(trId, nodeName, status);
  }

  /** Ends every running import action now, with the chosen outcomes, as if enough polls had happened. */
  public void completeImports() {
    server.tmsLifecycle().completeImports();
  }

  // ------------------------------------------------------------------------------------------------ features

  /**
   * Adds a feature.
   *
   * @param projectId the project
   * @param title the title
   * @param statusCode a code from {@code /FeatureStatus}, or null for the first one
   * @return the new feature's uuid
   * @throws IllegalArgumentException when the status code is unknown or a required value is blank
   */
  public String addFeature(String projectId, String title, String statusCode) {
    return server.features().addFeature(projectId, title, statusCode);
  }

  /**
   * Adds {@code n} features titled {@code Feature 1} to {@code Feature n} with the first status code.
   *
   * @param projectId the project
   * @param n how many
   * @return their uuids, in creation order
   */
  public List<String> addFeatures(String projectId, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(server.features().addFeature(projectId, "Feature " + i, null));
    }
    return out;
  }

  /**
   * One feature.
   *
   * @param uuid the feature uuid
   * @return its snapshot
   * @throws NoSuchElementException when there is no such feature (for example after a DELETE)
   */
  public FakeFeature feature(String uuid) {
    return server.features().feature(uuid);
  }

  /**
   * Every feature, in creation order.
   *
   * @return snapshots of the features
   */
  public List<FakeFeature> features() {
    return server.features().features();
  }

  /**
   * Makes a transport known to {@code /Transports} and assigns it to a feature ({@code /Transports/{id}/parent}).
   *
   * @param transportId the transport id, such as {@code S4DK900123}
   * @param featureUuid the feature, or null to leave the transport unassigned
   * @throws NoSuchElementException when the feature does not exist
   */
  public void assignTransport(String transportId, String featureUuid) {
    server.features().assignTransport(transportId, featureUuid);
  }

  /**
   * Adds a manual transport reference to a feature ({@code /TransportReferences}).
   *
   * @param featureUuid the feature
   * @param transportId the referenced transport
   * @param description a description
   * @return the reference's uuid
   * @throws NoSuchElementException when the feature does not exist
   */
  public String addTransportReference(String featureUuid, String transportId, String description) {
    return server.features().addTransportReference(featureUuid, transportId, description);
  }

  /**
   * Assigns a task, user story, defect or requirement to a feature, as listed by {@code /TaskAssignments} and by
   * {@code $expand=toTaskAssignments}. The entity's fields are not public; the fake serves
   * {@code {uuid, parentUuid, taskId, taskType, title}}.
   *
   * @param featureUuid the feature
   * @param taskId the task's id
   * @param taskType for example {@code CALMTASK}, {@code CALMUS} or {@code CALMDEF}; free text in the fake
   * @param title the task's title, or null
   * @return the assignment's uuid
   * @throws NoSuchElementException when the feature does not exist
   * @throws IllegalArgumentException when the task id is blank
   */
  public String addTaskAssignment(String featureUuid, String taskId, String taskType, String title) {
    return server.features().addTaskAssignment(featureUuid, taskId, taskType, title);
  }

  // ------------------------------------------------------------------------------------------------ request log

  /**
   * Every request received so far, in arrival order, recorded before faults applied.
   *
   * @return the requests
   */
  public List<RecordedRequest> requests() {
    return server.requestLog().all();
  }

  /**
   * How many requests had this method and a raw path that the regex matches as a whole (query excluded), as for
   * {@link Faults#on(String, String)}.
   *
   * @param method an HTTP method (case-insensitive), or {@code "*"} for any
   * @param pathRegex a regex for the whole raw path, such as {@code ".+/v2/nodes/export"}
   * @return the count
   * @throws java.util.regex.PatternSyntaxException when the regex is invalid
   */
  public int requestCount(String method, String pathRegex) {
    return server.requestLog().count(method, pathRegex);
  }

  /** Stops the server, cuts open connections and ends its threads. Calling it again does nothing. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "FakeCalm[" + server.baseUri() + "]";
  }

  /**
   * Builds a {@link FakeCalm} with non-default settings.
   *
   * <pre>{@code
   * FakeCalm fake = FakeCalm.builder()
   *     .clock(clock)
   *     .tokenLifetime(Duration.ofMinutes(10))
   *     .importPollsUntilDone(0)
   *     .scopes(Set.of("calm-api.features.read"))
   *     .start();
   * }</pre>
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Duration tokenLifetime = Duration.ofHours(12);
    private int importPolls = 2;
    private Duration importDuration;
    private List<String> scopes = List.of(
        "sapcloudalm!b2.imp-cdm-feature-display-ui",
        "sapcloudalm!b2.imp-cdm-feature-manage-ui",
        "calm-api.features.read",
        "calm-api.features.write");
    private String clientId = "sb-fake!b1|sapcloudalm!b2";
    private String clientSecret;
    private Map<String, String> featureStatuses = defaultStatuses();
    private Map<Integer, String> featurePriorities = defaultPriorities();
    private boolean autoForward;
    private int featuresPageSize;
    private boolean requireProjectIdParameter;
    private int threads = 32;
    private int port;
    private boolean tms231Reads = true;
    private int tms231AbsentStatus = 404;
    private boolean specTimestamps;

    private Builder() {}

    private static Map<String, String> defaultStatuses() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("NOT_PLANNED", "Not Planned");
      m.put("IN_SPECIFICATION", "In Specification");
      m.put("IN_IMPLEMENTATION", "In Implementation");
      m.put("IN_TESTING", "In Testing");
      m.put("SUCCESSFULLY_TESTED", "Successfully Tested");
      m.put("READY_FOR_PRODUCTION", "Ready for Production");
      m.put("DEPLOYED", "Deployed");
      return Collections.unmodifiableMap(m);
    }

    private static Map<Integer, String> defaultPriorities() {
      Map<Integer, String> m = new LinkedHashMap<>();
      m.put(10, "Very High");
      m.put(20, "High");
      m.put(30, "Medium");
      m.put(40, "Low");
      return Collections.unmodifiableMap(m);
    }

    /**
     * The clock for token expiry, timestamps and {@link #importDuration(Duration)}; default the system UTC clock.
     *
     * @param clock the clock, typically a test clock you can advance
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The lifetime of issued tokens ({@code expires_in}); default 12 hours.
     *
     * @param lifetime a positive duration of at least one second
     * @return this builder
     * @throws IllegalArgumentException when shorter than one second
     */
    public Builder tokenLifetime(Duration lifetime) {
      if (lifetime.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("a token lifetime is at least one second");
      }
      this.tokenLifetime = lifetime;
      return this;
    }

    /**
     * Imports stay {@code running} for {@code n} reads of {@code GET /v2/actions/{id}} and end on read
     * {@code n + 1}; with 0 they end at once, before the import call answers: the knob for fast tests. Default 2.
     * Replaces {@link #importDuration(Duration)}.
     *
     * @param n the number of polls that still see the import running
     * @return this builder
     * @throws IllegalArgumentException when n is negative
     */
    public Builder importPollsUntilDone(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("n must not be negative");
      }
      this.importPolls = n;
      this.importDuration = null;
      return this;
    }

    /**
     * Imports stay {@code running} until the fake's clock has advanced by this much since they started, however
     * often they are read. Replaces {@link #importPollsUntilDone(int)}.
     *
     * @param duration how long an import runs on the fake's clock
     * @return this builder
     * @throws IllegalArgumentException when negative
     */
    public Builder importDuration(Duration duration) {
      if (duration.isNegative()) {
        throw new IllegalArgumentException("duration must not be negative");
      }
      this.importDuration = duration;
      return this;
    }

    /**
     * The scopes put into every token. Transport management needs {@code *.imp-cdm-feature-display-ui} to read
     * and {@code *.imp-cdm-feature-manage-ui} to read and write; the Features API needs
     * {@code calm-api.features.read} and {@code calm-api.features.write}. Missing scopes answer 403.
     *
     * @param scopes the scopes, in the order they should appear
     * @return this builder
     */
    public Builder scopes(Set<String> scopes) {
      this.scopes = List.copyOf(new LinkedHashSet<>(scopes));
      return this;
    }

    /**
     * The client id; default {@code sb-fake!b1|sapcloudalm!b2}.
     *
     * @param clientId the client id, without a colon
     * @return this builder
     * @throws IllegalArgumentException when it is blank or contains a colon
     */
    public Builder clientId(String clientId) {
      if (clientId == null || clientId.isBlank() || clientId.contains(":")) {
        throw new IllegalArgumentException("a client id is not blank and has no colon");
      }
      this.clientId = clientId;
      return this;
    }

    /**
     * The client secret; default a fresh random secret containing {@code $ = + / :} and a non-ASCII character.
     *
     * @param clientSecret the secret
     * @return this builder
     * @throws IllegalArgumentException when it is empty
     */
    public Builder clientSecret(String clientSecret) {
      if (clientSecret == null || clientSecret.isEmpty()) {
        throw new IllegalArgumentException("a client secret is not empty");
      }
      this.clientSecret = clientSecret;
      return this;
    }

    /**
     * The feature status codes and names served by {@code /FeatureStatus} and accepted as {@code statusCode}, in
     * the map's iteration order (the first is the default of new features). The real codes are not public; the
     * defaults are plausible stand-ins: NOT_PLANNED, IN_SPECIFICATION, IN_IMPLEMENTATION, IN_TESTING,
     * SUCCESSFULLY_TESTED, READY_FOR_PRODUCTION, DEPLOYED.
     *
     * @param statuses code to name, not empty
     * @return this builder
     * @throws IllegalArgumentException when empty
     */
    public Builder featureStatuses(Map<String, String> statuses) {
      if (statuses.isEmpty()) {
        throw new IllegalArgumentException("give at least one status");
      }
      this.featureStatuses = Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
      return this;
    }

    /**
     * The feature priority codes and names served by {@code /FeaturePriorities}; default 10 Very High, 20 High,
     * 30 Medium, 40 Low.
     *
     * @param priorities code to name, not empty
     * @return this builder
     * @throws IllegalArgumentException when empty
     */
    public Builder featurePriorities(Map<Integer, String> priorities) {
      if (priorities.isEmpty()) {
        throw new IllegalArgumentException("give at least one priority");
      }
      this.featurePriorities = Collections.unmodifiableMap(new LinkedHashMap<>(priorities));
      return this;
    }

    /**
     * Whether an import that ends {@code succeeded} or {@code warning} forwards the transport request to the
     * follow-on nodes' queues (forward mode AUTO). Default false (forward mode MANUAL).
     *
     * @param autoForward true for AUTO
     * @return this builder
     */
    public Builder autoForward(boolean autoForward) {
      this.autoForward = autoForward;
      return this;
    }

    /**
     * Server-driven paging for OData collections: at most this many entities per response, with an
     * {@code @odata.nextLink} to the rest. Default 0, no server-driven paging.
     *
     * @param pageSize the page size, 0 for none
     * @return this builder
     * @throws IllegalArgumentException when negative
     */
    public Builder featuresPageSize(int pageSize) {
      if (pageSize < 0) {
        throw new IllegalArgumentException("pageSize must not be negative");
      }
      this.featuresPageSize = pageSize;
      return this;
    }

    /**
     * Mimics live tenants reported to need {@code projectId} as a plain query parameter on {@code GET /Features}:
     * when set, a request without it, or with {@code projectId} inside {@code $filter}, gets 400. Default false.
     *
     * @param require true to insist on the parameter
     * @return this builder
     */
    public Builder requireProjectIdParameter(boolean require) {
      this.requireProjectIdParameter = require;
      return this;
    }

    /**
     * The most server threads; default 32.
     *
     * @param threads at least 1
     * @return this builder
     * @throws IllegalArgumentException when less than 1
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1");
      }
      this.threads = threads;
      return this;
    }

    /**
     * The loopback port to listen on; default 0, a free ephemeral port. A fixed port serves a fake started from the
     * command line ({@code calm fake --port N}); tests should keep 0.
     *
     * @param port 0 to 65535
     * @return this builder
     * @throws IllegalArgumentException when outside 0 to 65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0 (any free port) to 65535, not " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Whether the TMS API 2.3.1 reads are served: {@code GET /v2/nodes/{nodeId}/transportRequests/{id}} (one
     * queue element, the shape of an element of the node's queue list) and
     * {@code GET /v2/transportRequests/{id}/tracking} (per-node statuses; its real schema is not public, the fake
     * answers {@code {transportRequestId, description, nodes:[{nodeId, nodeName, status, queuedAt}]}}). Default
     * true. When false they answer like a service before 2.3.1, with {@link #tms231AbsentStatus(int)}, so that a
     * client's fallback can be tested.
     *
     * @param served false to switch the 2.3.1 reads off
     * @return this builder
     */
    public Builder tms231Reads(boolean served) {
      this.tms231Reads = served;
      return this;
    }

    /**
     * The status the 2.3.1 reads answer when {@link #tms231Reads(boolean)} is false: 404 (default, the TMS
     * {@code TsNotFoundException} body) or 405 ({@code HttpRequestMethodNotSupportedException}).
     *
     * @param status 404 or 405
     * @return this builder
     * @throws IllegalArgumentException for any other status
     */
    public Builder tms231AbsentStatus(int status) {
      if (status != 404 && status != 405) {
        throw new IllegalArgumentException("the absent 2.3.1 reads answer 404 or 405, not " + status);
      }
      this.tms231AbsentStatus = status;
      return this;
    }

    /**
     * Whether action timestamps ({@code startedAt}, {@code endedAt}, {@code actionStartedAt}) and log message
     * {@code createdAt} use the form of the TMS spec's own examples, {@code 2019-05-07T06:40:48.0725+0000} (four
     * fraction digits, offset without a colon), instead of the default {@code 2019-05-07T06:40:48.072Z}. Queue
     * timestamps ({@code createdAt}, {@code queuedAt}) keep the form of the query parameters. Default false.
     *
     * @param spec true for the spec's form
     * @return this builder
     */
    public Builder specTimestamps(boolean spec) {
      this.specTimestamps = spec;
      return this;
    }

    /**
     * Starts the fake.
     *
     * @return the running fake; close it when done
     * @throws java.io.UncheckedIOException when the loopback port cannot be bound (a fixed one may be in use)
     */
    public FakeCalm start() {
      String secret = clientSecret != null ? clientSecret : randomSecret();
      Settings settings = new Settings(clock, tokenLifetime, importPolls, importDuration, scopes, clientId, secret,
          featureStatuses, featurePriorities, autoForward, featuresPageSize, requireProjectIdParameter, threads,
          port, tms231Reads, tms231AbsentStatus, specTimestamps);
      return new FakeCalm(FakeServer.start(settings));
    }

    private static String randomSecret() {
      byte[] bytes = new byte[6];
      new SecureRandom().nextBytes(bytes);
      return "fake$Secret=+/:\u00e4" + HexFormat.of().formatHex(bytes);
    }
  }
}
