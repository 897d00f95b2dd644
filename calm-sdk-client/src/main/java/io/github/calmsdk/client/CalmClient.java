package io.github.calmsdk.client;

import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ExportResult;
import io.github.calmsdk.deployment.ImportOutcome;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.NodeName;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.calmsdk.auth.CalmCredentials;
import io.github.calmsdk.auth.ClientAuthentication;
import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.auth.ServiceKeyKind;
import io.github.calmsdk.auth.TokenCache;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.HttpPipeline;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.core.http.HttpStage;
import io.github.calmsdk.core.http.HttpTransport;
import io.github.calmsdk.core.internal.Checks;
import io.github.calmsdk.core.internal.Urls;
import io.github.calmsdk.core.json.JacksonJsonCodec;
import io.github.calmsdk.core.json.JsonCodec;
import io.github.calmsdk.core.retry.RetryBudget;
import io.github.calmsdk.core.retry.RetryPolicy;
import io.github.calmsdk.core.retry.Sleeper;
import io.github.calmsdk.deployment.DeploymentClient;
import io.github.calmsdk.deployment.DeploymentOptions;
import io.github.calmsdk.features.FeaturesClient;
import io.github.calmsdk.features.FeaturesOptions;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import javax.net.ssl.X509TrustManager;

/**
 * The entry point: one thread-safe client per application and service key, with {@link #deployment()} for
 * transport requests and {@link #features()} for the Features API. Every call goes through one pipeline: request
 * id, user agent, bearer token (refreshed before it expires; one refresh and one resend on a 401), retries within a
 * whole-call deadline, redirects that never carry the token to another host, and redacted logging.
 *
 * <pre>{@code
 * try (CalmClient calm = CalmClient.builder()
 *     .serviceKey(ServiceKey.fromEnvironment("CALM_SERVICE_KEY"))
 *     .callTimeout(Duration.ofMinutes(2))
 *     .userAgentSuffix("my-pipeline/1.0")
 *     .build()) {
 *   ExportResult tr = calm.deployment().export(ExportRequest.builder()
 *       .node("DEV").file(Path.of("app.mtar")).description("Release 42").build());
 *   ImportOutcome outcome = calm.deployment()
 *       .importTransports(ImportRequest.of(NodeName.of("QAS"), tr.transportRequestId()))
 *       .await(Duration.ofMinutes(30));
 * }
 * }</pre>
 *
 * <p>Two transport targets. With a Cloud ALM key alone, transports go through Cloud ALM's pass-through to the
 * transport management API ({@code {endpoints.Api}/imp-cdm-transport-management-api/v1}), which SAP's setup guide
 * calls legacy ("we'll no longer offer it in the future"). Its replacement connects a Cloud Transport Management
 * (CTMS) instance; pass that instance's service key as {@link Builder#transportKey(ServiceKey)} (or as the only
 * key, for transports without Features) and transports go to {@code {uri}/v2} with the CTMS key's own token.
 *
 * <pre>{@code
 * CalmClient calm = CalmClient.builder()
 *     .serviceKey(ServiceKey.fromEnvironment("CALM_SERVICE_KEY"))      // Features (and legacy transports)
 *     .transportKey(ServiceKey.fromEnvironment("CALM_TRANSPORT_KEY"))  // transports, straight to CTMS
 *     .build();
 * }</pre>
 *
 * <p>Proxies: unless you pass your own {@link HttpClient} or a {@link ProxySelector}, the JDK's default proxy
 * selector is used, so {@code https.proxyHost} and friends work; the token call goes through the same client and
 * proxy as the API calls.
 */
public final class CalmClient implements AutoCloseable {
  private final ServiceKey serviceKey;
  private final ServiceKey transportKey;
  private final CalmCredentials credentials;
  private final CalmCredentials transportCredentials;
  private final ClientContext context;
  private final HttpPipeline pipeline;
  private final DeploymentClient deployment;
  private final FeaturesClient features;
  private final AtomicBoolean closed = new AtomicBoolean();

  private CalmClient(Builder b) {
    if (b.serviceKey == null) {
      throw new CalmValidationException(
          "serviceKey",
          "is required; pass ServiceKey.fromFile(path), ServiceKey.fromJson(json) or"
              + " ServiceKey.fromEnvironment(\"CALM_SERVICE_KEY\")");
    }
    this.serviceKey = b.serviceKey;
    this.transportKey = b.transportKey != null ? b.transportKey : b.serviceKey;
    URI apiBase = b.apiBase != null ? b.apiBase : serviceKey.apiBase();
    Urls.requireSecure(apiBase, "apiBase");
    // one context for the token calls and the API calls: same HttpClient, clock, sleeper, budget, listeners
    ClientContext base = b.context.build();
    this.credentials = credentials(serviceKey, base, b);
    this.transportCredentials = transportKey == serviceKey ? credentials : credentials(transportKey, base, b);
    this.context = base.toBuilder().authorization(credentials.bearerStage()).build();
    this.pipeline = context.pipeline();
    ClientContext transports =
        transportCredentials == credentials
            ? context
            : base.toBuilder().authorization(transportCredentials.bearerStage()).build();
    DeploymentOptions options = b.deploymentOptions != null ? b.deploymentOptions : DeploymentOptions.defaults();
    if (transportKey.kind() == ServiceKeyKind.TRANSPORT_MANAGEMENT
        && options.basePath().equals(DeploymentOptions.DEFAULT_BASE_PATH)) {
      // a CTMS key's uri is the service itself: the API is at {uri}/v2, not behind Cloud ALM's pass-through path
      options = options.toBuilder().basePath("").build();
    }
    this.deployment =
        DeploymentClient.create(
            transports, transportKey == serviceKey ? apiBase : transportKey.apiBase(), options);
    this.features =
        serviceKey.kind() == ServiceKeyKind.CLOUD_ALM
            ? FeaturesClient.create(
                context, apiBase, b.featuresOptions != null ? b.featuresOptions : FeaturesOptions.defaults())
            : null;
  }

  private static CalmCredentials credentials(ServiceKey key, ClientContext base, Builder b) {
    CalmCredentials.Builder creds = CalmCredentials.builder(key).context(base);
    if (b.clientAuthentication != null) {
      creds.clientAuthentication(b.clientAuthentication);
    }
    if (b.tokenCache != null) {
      creds.tokenCache(b.tokenCache);
    }
    if (b.tokenCallTimeout != null) {
      creds.tokenCallTimeout(b.tokenCallTimeout);
    }
    if (b.defaultTokenLifetime != null) {
      creds.defaultTokenLifetime(b.defaultTokenLifetime);
    }
    if (b.trustStore != null) {
      creds.trustStore(b.trustStore);
    } else if (b.trustManager != null) {
      creds.trustManager(b.trustManager);
    }
    return creds.build();
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
   * A client with the defaults for a service key.
   *
   * @param serviceKey the key
   * @return the client
   */
  public static CalmClient create(ServiceKey serviceKey) {
    return builder().serviceKey(serviceKey).build();
  }

  /**
   * Transport requests: nodes, export, import, retry, status and status changes, logs.
   *
   * @return the deployment client
   */
  public DeploymentClient deployment() {
    return deployment;
  }

  /**
   * The Features API: features, status codes, priorities, transports and references. Needs a Cloud ALM service key.
   *
   * @return the features client
   * @throws CalmValidationException when the client has only a Cloud Transport Management key
   */
  public FeaturesClient features() {
    if (features == null) {
      throw new CalmValidationException(
          "serviceKey",
          "is a Cloud Transport Management key, which serves transports only; the Features API needs a Cloud ALM"
              + " service key (with endpoints.Api): pass it as serviceKey, and the CTMS key as transportKey");
    }
    return features;
  }

  /**
   * Whether {@link #features()} is available: the client has a Cloud ALM key.
   *
   * @return true with a Cloud ALM service key
   */
  public boolean hasFeatures() {
    return features != null;
  }


  /**
   * The credentials: the current token, its expiry and granted scopes.
   *
   * @return the credentials
   */
  public CalmCredentials credentials() {
    return credentials;
  }

  /**
   * The service key the client was built with (secrets stay inside).
   *
   * @return the key
   */
  public ServiceKey serviceKey() {
    return serviceKey;
  }
  /**
   * The key the transport operations use: the {@code transportKey} given to the builder, or else the service key.
   * Its {@link ServiceKey#kind()} says the target: {@link ServiceKeyKind#TRANSPORT_MANAGEMENT} for CTMS reached
   * directly, {@link ServiceKeyKind#CLOUD_ALM} for Cloud ALM's pass-through (legacy, per SAP's setup guide).
   *
   * @return the key
   */
  public ServiceKey transportKey() {
    return transportKey;
  }

  /**
   * The credentials of the transport key (the same as {@link #credentials()} when there is one key).
   *
   * @return the credentials
   */
  public CalmCredentials transportCredentials() {
    return transportCredentials;
  }


  /**
   * The context every service client of this client received: pipeline, codec, clock, sleeper, executor, retry
   * budget and listeners.
   *
   * @return the context
   */
  public ClientContext context() {
    return context;
  }

  /**
   * The pipeline every call goes through, for calls the SDK does not cover yet.
   *
   * @return the pipeline
   */
  public HttpPipeline pipeline() {
    return pipeline;
  }

  /**
   * Releases the client. Status watchers started from it are closed by their own {@code close()}; the HttpClient's
   * connections are released when it is no longer referenced (Java 17 has no way to close it). Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      credentials.invalidate();
      transportCredentials.invalidate();
    }
  }

  @Override
  public String toString() {
    return "CalmClient[api=" + serviceKey.apiBase() + ", clientId=" + serviceKey.clientId() + "]";
  }

  /** Builds a {@link CalmClient}. Only the service key is required. */
  public static final class Builder {
    private ServiceKey serviceKey;
    private ServiceKey transportKey;
    private final ClientContext.Builder context = ClientContext.builder();
    private URI apiBase;
    private DeploymentOptions deploymentOptions;
    private FeaturesOptions featuresOptions;
    private ClientAuthentication clientAuthentication;
    private TokenCache tokenCache;
    private Duration tokenCallTimeout;
    private Duration defaultTokenLifetime;
    private KeyStore trustStore;
    private X509TrustManager trustManager;

    private Builder() {}

    /**
     * Sets the service key (required).
     *
     * @param serviceKey the key
     * @return this builder
     */
    public Builder serviceKey(ServiceKey serviceKey) {
      this.serviceKey = Checks.present("serviceKey", serviceKey, "pass ServiceKey.fromFile(path) or ServiceKey.fromJson(json)");
      return this;
    }

    /**
     * Reads the service key from a file.
     *
     * @param file the JSON file
     * @return this builder
     * @throws CalmValidationException when the file or a field is unreadable
     */
    public Builder serviceKey(Path file) {
      return serviceKey(ServiceKey.fromFile(file));
    }
    /**
     * Sends the transport operations with this key instead of the service key: a Cloud Transport Management (CTMS)
     * service instance key ({@code uri} and {@code uaa}), so that one client holds a Cloud ALM key for Features and
     * a CTMS key for transports. Each key has its own token. SAP's setup guide calls the pass-through through Cloud
     * ALM legacy and recommends connecting a CTMS instance; with a CTMS key, transports go to {@code {uri}/v2}.
     *
     * @param key the key, usually of kind {@link ServiceKeyKind#TRANSPORT_MANAGEMENT}
     * @return this builder
     */
    public Builder transportKey(ServiceKey key) {
      this.transportKey = Checks.present("transportKey", key, "pass ServiceKey.fromFile(path) of the CTMS service key");
      return this;
    }


    /**
     * Uses your HttpClient (proxy, SSL, executor). Let it never follow redirects: the SDK follows them itself so
     * the token never goes to another host. Connect timeout, proxy and executor settings here are then ignored.
     *
     * @param httpClient the client
     * @return this builder
     */
    public Builder httpClient(HttpClient httpClient) {
      context.httpClient(httpClient);
      return this;
    }

    /**
     * Sets the proxy selector; default {@link ProxySelector#getDefault()}.
     *
     * @param proxy the selector
     * @return this builder
     */
    public Builder proxy(ProxySelector proxy) {
      context.proxy(proxy);
      return this;
    }

    /**
     * Sets the connect timeout; default 10 s.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      context.connectTimeout(timeout);
      return this;
    }

    /**
     * Sets the limit of one attempt; default 60 s. Uploads use the longer upload timeout of the deployment
     * options.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder attemptTimeout(Duration timeout) {
      context.attemptTimeout(timeout);
      return this;
    }

    /**
     * Sets the deadline of a whole call, retries and their waits included; default 3 minutes.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder callTimeout(Duration timeout) {
      context.callTimeout(timeout);
      return this;
    }

    /**
     * Sets the retry policy; default 3 retries, full-jitter backoff 200 ms to 20 s, Retry-After honoured.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy policy) {
      context.retryPolicy(policy);
      return this;
    }

    /**
     * Sets the retry budget shared by all calls of the client; default 500 tokens, 5 per retry.
     *
     * @param budget the budget
     * @return this builder
     */
    public Builder retryBudget(RetryBudget budget) {
      context.retryBudget(budget);
      return this;
    }

    /**
     * Sets the largest response body read; default 16 MiB.
     *
     * @param bytes the limit
     * @return this builder
     */
    public Builder maxResponseBytes(int bytes) {
      context.maxResponseBytes(bytes);
      return this;
    }

    /**
     * Uses your ObjectMapper as given. It must ignore unknown properties and know java.time.
     *
     * @param mapper the mapper
     * @return this builder
     */
    public Builder objectMapper(ObjectMapper mapper) {
      context.codec(JacksonJsonCodec.of(mapper));
      return this;
    }

    /**
     * Sets the JSON codec.
     *
     * @param codec the codec
     * @return this builder
     */
    public Builder codec(JsonCodec codec) {
      context.codec(codec);
      return this;
    }

    /**
     * Appends a product token to the User-Agent, such as {@code "my-pipeline/1.0"}.
     *
     * @param suffix the suffix
     * @return this builder
     */
    public Builder userAgentSuffix(String suffix) {
      context.userAgentSuffix(suffix);
      return this;
    }

    /**
     * Sets the executor for the HttpClient and the async forms; default the JDK's.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      context.executor(executor);
      return this;
    }

    /**
     * Sets the clock for deadlines, token expiry and polling; for tests.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      context.clock(clock);
      return this;
    }

    /**
     * Sets how the client waits between retries and polls; for tests.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      context.sleeper(sleeper);
      return this;
    }

    /**
     * Overrides the API base, {@code endpoints.Api} of the key by default.
     *
     * @param apiBase the base URL
     * @return this builder
     */
    public Builder apiBase(URI apiBase) {
      this.apiBase = Checks.present("apiBase", apiBase, "pass the key's endpoints.Api, or leave it unset");
      return this;
    }

    /**
     * Sets the deployment options (paths, polling, watcher interval, upload timeout). The clock, sleeper and
     * executor are the client's, set on this builder.
     *
     * @param options the options
     * @return this builder
     */
    public Builder deploymentOptions(DeploymentOptions options) {
      this.deploymentOptions = Checks.present("deploymentOptions", options, "use DeploymentOptions.defaults()");
      return this;
    }

    /**
     * Sets the Features API options (path, projectId mode, page size, code list cache).
     *
     * @param options the options
     * @return this builder
     */
    public Builder featuresOptions(FeaturesOptions options) {
      this.featuresOptions = Checks.present("featuresOptions", options, "use FeaturesOptions.defaults()");
      return this;
    }

    /**
     * Sets how the client authenticates at the token endpoint; default HTTP Basic.
     *
     * @param authentication the method
     * @return this builder
     */
    public Builder clientAuthentication(ClientAuthentication authentication) {
      this.clientAuthentication = Checks.present("clientAuthentication", authentication, "use BASIC or FORM");
      return this;
    }

    /**
     * Bounds each token call (a fetch or refresh at the token endpoint), within what is left of the API call that
     * needs the token; default 30 seconds. Applies to both keys.
     *
     * @param timeout the bound
     * @return this builder
     * @throws CalmValidationException when null, zero or negative
     */
    public Builder tokenCallTimeout(Duration timeout) {
      this.tokenCallTimeout = Checks.positive("tokenCallTimeout", timeout, "30 seconds is the default");
      return this;
    }

    /**
     * Sets the lifetime assumed for a token whose answer gives neither {@code expires_in} nor a JWT {@code exp};
     * default 10 minutes, a deliberate underestimate. Applies to both keys.
     *
     * @param lifetime the lifetime
     * @return this builder
     * @throws CalmValidationException when null, zero or negative
     */
    public Builder defaultTokenLifetime(Duration lifetime) {
      this.defaultTokenLifetime = Checks.positive("defaultTokenLifetime", lifetime, "10 minutes is the default");
      return this;
    }

    /**
     * Trusts the token host of an X.509 key by exactly these certificates, next to the key's client certificate.
     * Give the same trust material as your {@link #httpClient(HttpClient)}'s SSLContext, for example behind a
     * TLS-inspecting proxy with a private CA: the JDK does not expose an SSLContext's trust managers, so an X.509
     * key with an HttpClient of your own and neither this nor {@link #trustManager(X509TrustManager)} is refused at
     * {@link #build()}. Replaces an earlier {@link #trustManager(X509TrustManager)}. Client-secret keys ignore it:
     * their token call goes through your HttpClient.
     *
     * <pre>{@code
     * KeyStore corpCa = KeyStore.getInstance("PKCS12");
     * try (InputStream in = Files.newInputStream(Path.of("corp-ca.p12"))) { corpCa.load(in, password); }
     * CalmClient calm = CalmClient.builder().serviceKey(x509Key).httpClient(corpClient).trustStore(corpCa).build();
     * }</pre>
     *
     * @param trustStore a loaded key store of trusted certificates
     * @return this builder
     */
    public Builder trustStore(KeyStore trustStore) {
      this.trustStore =
          Checks.present("trustStore", trustStore, "pass a loaded KeyStore with the certificates to trust");
      this.trustManager = null;
      return this;
    }

    /**
     * Trusts the token host of an X.509 key by this trust manager; see {@link #trustStore(KeyStore)}, which it
     * replaces.
     *
     * @param trustManager the trust manager, typically the one your HttpClient's SSLContext was built with
     * @return this builder
     */
    public Builder trustManager(X509TrustManager trustManager) {
      this.trustManager =
          Checks.present("trustManager", trustManager, "pass the X509TrustManager your SSLContext was built with");
      this.trustStore = null;
      return this;
    }

    /**
     * Sets the source of backoff and token-refresh jitter (a seeded one makes tests repeatable).
     *
     * @param random a thread-safe generator
     * @return this builder
     */
    public Builder random(RandomGenerator random) {
      context.random(random);
      return this;
    }

    /**
     * Sets the headers logged at TRACE (an allow-list). Authorization, cookies and any header holding a token
     * are never logged, whatever this says.
     *
     * @param headers the header names
     * @return this builder
     */
    public Builder loggedHeaders(Set<String> headers) {
      context.loggedHeaders(headers);
      return this;
    }

    /**
     * Shares a token cache between clients.
     *
     * @param cache the cache
     * @return this builder
     */
    public Builder tokenCache(TokenCache cache) {
      this.tokenCache = Checks.present("tokenCache", cache, "use TokenCache.create()");
      return this;
    }

    /**
     * Adds a listener, told of every call, attempt, retry, token event and ambiguous outcome (the token
     * endpoint's calls included). A listener that throws never breaks a call.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder addListener(CalmListener listener) {
      context.addListener(listener);
      return this;
    }

    /**
     * Adds a stage to every API call, once per call or once per attempt.
     *
     * @param stage the stage
     * @param position where it runs
     * @return this builder
     */
    public Builder addStage(HttpStage stage, HttpStage.Position position) {
      context.addStage(stage, position);
      return this;
    }

    /**
     * Replaces the java.net.http transport (for tests and benchmarks).
     *
     * @param transport the transport
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      context.transport(transport);
      return this;
    }

    /**
     * Sets the header that carries the request id; default {@code X-Request-Id}.
     *
     * @param header the header name
     * @return this builder
     */
    public Builder requestIdHeader(String header) {
      context.requestIdHeader(header);
      return this;
    }

    /**
     * Builds the client. Nothing is sent until the first call.
     *
     * @return the client
     * @throws CalmValidationException when the service key is missing, or the API base is plain http to a host
     *     that is not loopback
     */
    public CalmClient build() {
      return new CalmClient(this);
    }
  }
}
