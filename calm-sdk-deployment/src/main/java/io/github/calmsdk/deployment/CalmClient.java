package io.github.calmsdk.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.calmsdk.auth.CalmCredentials;
import io.github.calmsdk.auth.ClientAuthentication;
import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.auth.TokenCache;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.http.HttpPipeline;
import io.github.calmsdk.core.internal.Checks;
import io.github.calmsdk.core.internal.Urls;
import io.github.calmsdk.core.json.JacksonJsonCodec;
import io.github.calmsdk.core.json.JsonCodec;
import io.github.calmsdk.core.retry.RetryBudget;
import io.github.calmsdk.core.retry.RetryPolicy;
import io.github.calmsdk.core.retry.Sleeper;
import io.github.calmsdk.features.FeaturesClient;
import io.github.calmsdk.features.FeaturesOptions;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * <p>Proxies: unless you pass your own {@link HttpClient} or a {@link ProxySelector}, the JDK's default proxy
 * selector is used, so {@code https.proxyHost} and friends work; the token call goes through the same client and
 * proxy as the API calls.
 */
public final class CalmClient implements AutoCloseable {
  private final ServiceKey serviceKey;
  private final CalmCredentials credentials;
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
    HttpClient http = b.httpClient != null ? b.httpClient : newHttpClient(b);
    CalmCredentials.Builder creds =
        CalmCredentials.builder(serviceKey)
            .httpClient(http)
            .clock(b.clock)
            .sleeper(b.sleeper)
            .retryPolicy(b.retryPolicy);
    if (b.clientAuthentication != null) {
      creds.clientAuthentication(b.clientAuthentication);
    }
    if (b.tokenCache != null) {
      creds.tokenCache(b.tokenCache);
    }
    this.credentials = creds.build();
    HttpPipeline.Builder p =
        HttpPipeline.builder()
            .httpClient(http)
            .attemptTimeout(b.attemptTimeout)
            .callTimeout(b.callTimeout)
            .retryPolicy(b.retryPolicy)
            .retryBudget(b.retryBudget != null ? b.retryBudget : RetryBudget.standard())
            .clock(b.clock)
            .sleeper(b.sleeper)
            .maxResponseBytes(b.maxResponseBytes)
            .userAgentSuffix(b.userAgentSuffix)
            .authorization(credentials.bearerStage());
    if (b.codec != null) {
      p.codec(b.codec);
    }
    this.pipeline = p.build();
    URI apiBase = b.apiBase != null ? b.apiBase : serviceKey.apiBase();
    Urls.requireSecure(apiBase, "apiBase");
    // options passed explicitly keep their own clock and sleeper; the defaults take the client's
    DeploymentOptions d = b.deploymentOptions;
    if (d == null) {
      DeploymentOptions.Builder defaults = DeploymentOptions.builder().clock(b.clock).sleeper(b.sleeper);
      if (b.executor != null) {
        defaults.executor(b.executor);
      }
      d = defaults.build();
    }
    this.deployment = DeploymentClient.create(pipeline, apiBase, d);
    this.features =
        FeaturesClient.create(
            pipeline, apiBase, b.featuresOptions != null ? b.featuresOptions : FeaturesOptions.defaults());
  }

  private static HttpClient newHttpClient(Builder b) {
    HttpClient.Builder h =
        HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(b.proxy != null ? b.proxy : ProxySelector.getDefault());
    if (b.executor != null) {
      h.executor(b.executor);
    }
    return h.build();
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
   * The Features API: features, status codes, priorities, transports and references.
   *
   * @return the features client
   */
  public FeaturesClient features() {
    return features;
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
    }
  }

  @Override
  public String toString() {
    return "CalmClient[api=" + serviceKey.apiBase() + ", clientId=" + serviceKey.clientId() + "]";
  }

  /** Builds a {@link CalmClient}. Only the service key is required. */
  public static final class Builder {
    private ServiceKey serviceKey;
    private HttpClient httpClient;
    private ProxySelector proxy;
    private Duration connectTimeout = HttpPipeline.DEFAULT_CONNECT_TIMEOUT;
    private Duration attemptTimeout = HttpPipeline.DEFAULT_ATTEMPT_TIMEOUT;
    private Duration callTimeout = HttpPipeline.DEFAULT_CALL_TIMEOUT;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private RetryBudget retryBudget;
    private int maxResponseBytes = HttpPipeline.DEFAULT_MAX_RESPONSE_BYTES;
    private JsonCodec codec;
    private String userAgentSuffix;
    private Executor executor;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private URI apiBase;
    private DeploymentOptions deploymentOptions;
    private FeaturesOptions featuresOptions;
    private ClientAuthentication clientAuthentication;
    private TokenCache tokenCache;

    private Builder() {}

    /**
     * Sets the service key (required).
     *
     * @param serviceKey the key
     * @return this builder
     */
    public Builder serviceKey(ServiceKey serviceKey) {
      this.serviceKey = Objects.requireNonNull(serviceKey, "serviceKey");
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
     * Uses your HttpClient (proxy, SSL, executor). Let it never follow redirects: the SDK follows them itself so
     * the token never goes to another host. Connect timeout, proxy and executor settings here are then ignored.
     *
     * @param httpClient the client
     * @return this builder
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * Sets the proxy selector; default {@link ProxySelector#getDefault()}.
     *
     * @param proxy the selector
     * @return this builder
     */
    public Builder proxy(ProxySelector proxy) {
      this.proxy = Objects.requireNonNull(proxy, "proxy");
      return this;
    }

    /**
     * Sets the connect timeout; default 10 s.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Checks.positive("connectTimeout", timeout);
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
      this.attemptTimeout = Checks.positive("attemptTimeout", timeout);
      return this;
    }

    /**
     * Sets the deadline of a whole call, retries and their waits included; default 3 minutes.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = Checks.positive("callTimeout", timeout);
      return this;
    }

    /**
     * Sets the retry policy; default 3 retries, full-jitter backoff 200 ms to 20 s, Retry-After honoured.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
      return this;
    }

    /**
     * Sets the retry budget shared by all calls of the client; default 500 tokens, 5 per retry.
     *
     * @param budget the budget
     * @return this builder
     */
    public Builder retryBudget(RetryBudget budget) {
      this.retryBudget = Objects.requireNonNull(budget, "retryBudget");
      return this;
    }

    /**
     * Sets the largest response body read; default 16 MiB.
     *
     * @param bytes the limit
     * @return this builder
     */
    public Builder maxResponseBytes(int bytes) {
      if (bytes < 1024) {
        throw new CalmValidationException("maxResponseBytes", "must be at least 1024, was " + bytes);
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * Uses your ObjectMapper as given. It must ignore unknown properties and know java.time.
     *
     * @param mapper the mapper
     * @return this builder
     */
    public Builder objectMapper(ObjectMapper mapper) {
      this.codec = JacksonJsonCodec.of(mapper);
      return this;
    }

    /**
     * Sets the JSON codec.
     *
     * @param codec the codec
     * @return this builder
     */
    public Builder codec(JsonCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /**
     * Appends a product token to the User-Agent, such as {@code "my-pipeline/1.0"}.
     *
     * @param suffix the suffix
     * @return this builder
     */
    public Builder userAgentSuffix(String suffix) {
      this.userAgentSuffix = suffix;
      return this;
    }

    /**
     * Sets the executor for the HttpClient and the async forms; default the JDK's.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Sets the clock for deadlines, token expiry and polling; for tests.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how the client waits between retries and polls; for tests.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Overrides the API base, {@code endpoints.Api} of the key by default.
     *
     * @param apiBase the base URL
     * @return this builder
     */
    public Builder apiBase(URI apiBase) {
      this.apiBase = Objects.requireNonNull(apiBase, "apiBase");
      return this;
    }

    /**
     * Sets the deployment options (paths, polling, watcher interval, upload timeout). Options passed here keep
     * their own clock, sleeper and executor; without them the client's are used.
     *
     * @param options the options
     * @return this builder
     */
    public Builder deploymentOptions(DeploymentOptions options) {
      this.deploymentOptions = Objects.requireNonNull(options, "deploymentOptions");
      return this;
    }

    /**
     * Sets the Features API options (path, projectId mode, page size, code list cache).
     *
     * @param options the options
     * @return this builder
     */
    public Builder featuresOptions(FeaturesOptions options) {
      this.featuresOptions = Objects.requireNonNull(options, "featuresOptions");
      return this;
    }

    /**
     * Sets how the client authenticates at the token endpoint; default HTTP Basic.
     *
     * @param authentication the method
     * @return this builder
     */
    public Builder clientAuthentication(ClientAuthentication authentication) {
      this.clientAuthentication = Objects.requireNonNull(authentication, "clientAuthentication");
      return this;
    }

    /**
     * Shares a token cache between clients.
     *
     * @param cache the cache
     * @return this builder
     */
    public Builder tokenCache(TokenCache cache) {
      this.tokenCache = Objects.requireNonNull(cache, "tokenCache");
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
