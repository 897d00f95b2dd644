package io.github.calmsdk.core;

import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.core.http.HttpStage;
import io.github.calmsdk.core.http.HttpTransport;
import io.github.calmsdk.core.internal.Checks;
import io.github.calmsdk.core.internal.DaemonThreads;
import io.github.calmsdk.core.internal.ThreadLocalRandomGenerator;
import io.github.calmsdk.core.internal.pipeline.JdkHttpTransport;
import io.github.calmsdk.core.internal.pipeline.LoggingStage;
import io.github.calmsdk.core.internal.pipeline.RedirectStage;
import io.github.calmsdk.core.internal.pipeline.RequestIdStage;
import io.github.calmsdk.core.internal.pipeline.RetryStage;
import io.github.calmsdk.core.internal.pipeline.UserAgentStage;
import io.github.calmsdk.core.json.JacksonJsonCodec;
import io.github.calmsdk.core.json.JsonCodec;
import io.github.calmsdk.core.retry.RetryBudget;
import io.github.calmsdk.core.retry.RetryPolicy;
import io.github.calmsdk.core.retry.Sleeper;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * Everything a service client needs from its client, configured once: the {@link HttpPipeline}, the JSON codec,
 * the clock, the sleeper, the executor of the async forms, the shared retry budget and the listeners. Every
 * service client (features, deployment) receives one; per-service options hold only what is specific to that
 * service, so no setting can be configured twice or silently lost. Immutable and thread-safe.
 *
 * <pre>{@code
 * FakeClock clock = ...;
 * ClientContext context = ClientContext.builder()
 *     .callTimeout(Duration.ofMinutes(2))
 *     .clock(clock)
 *     .sleeper(clock::advance)
 *     .addListener(myListener)
 *     .addStage(tenantHeader, HttpStage.Position.PER_ATTEMPT)
 *     .build();
 * CalmResponse r = context.pipeline().send(CalmRequest.get(uri).build());
 * }</pre>
 */
public final class ClientContext {
  /** The default connect timeout of the HttpClient the context builds for itself. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** The default limit of one attempt. */
  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(60);
  /** The default deadline of a whole call, retries and waits included. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(3);
  /** The default limit on a response body read into memory: 16 MiB. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
  /** The headers logged at TRACE by default; every other header is left out. */
  public static final Set<String> DEFAULT_LOGGED_HEADERS =
      Set.of(
          "accept",
          "content-type",
          "content-length",
          "date",
          "location",
          "retry-after",
          "user-agent",
          "x-request-id",
          "x-correlationid",
          "x-vcap-request-id");

  private final Builder settings;
  private final HttpClient httpClient;
  private final JsonCodec codec;
  private final Executor executor;
  private final RetryBudget retryBudget;
  private final CalmListener listener;
  private final HttpPipeline pipeline;

  private ClientContext(Builder b) {
    this.settings = b.copy();
    this.httpClient = b.httpClient != null ? b.httpClient : newHttpClient(b);
    this.settings.httpClient = httpClient;
    this.codec = b.codec != null ? b.codec : JacksonJsonCodec.create();
    this.settings.codec = codec;
    this.executor = b.executor != null ? b.executor : new DaemonThreads("calm-async");
    this.settings.executor = executor;
    this.retryBudget = b.retryBudget != null ? b.retryBudget : RetryBudget.standard();
    this.settings.retryBudget = retryBudget;
    this.listener = CalmListener.of(b.listeners);
    List<HttpStage> s = new ArrayList<>();
    s.add(new RequestIdStage(b.requestIdHeader));
    s.add(new UserAgentStage(b.userAgentSuffix));
    if (b.authorization != null) {
      s.add(b.authorization);
    }
    s.addAll(b.perCall);
    s.add(new RetryStage(b.retryPolicy, retryBudget, b.sleeper, b.random, listener));
    s.addAll(b.perAttempt);
    s.add(new RedirectStage(5));
    s.add(new LoggingStage(b.loggedHeaders));
    HttpTransport transport =
        b.transport != null ? b.transport : new JdkHttpTransport(httpClient, b.maxResponseBytes);
    this.pipeline = new HttpPipeline(s, transport, b.clock, b.callTimeout, b.attemptTimeout, listener);
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
   * A builder with the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A context with every default: for tools and tests that call an unauthenticated endpoint.
   *
   * @return the context
   */
  public static ClientContext defaults() {
    return builder().build();
  }

  /**
   * A builder holding this context's settings, sharing its HttpClient (connection pool, proxy, TLS), codec,
   * executor and retry budget; change what differs, such as the authorization stage.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return settings.copy();
  }

  /**
   * The pipeline every call of this context goes through.
   *
   * @return the pipeline
   */
  public HttpPipeline pipeline() {
    return pipeline;
  }

  /**
   * The JSON codec requests are written and answers read with.
   *
   * @return the codec
   */
  public JsonCodec codec() {
    return codec;
  }

  /**
   * The clock of deadlines, token expiry, polling and change timestamps.
   *
   * @return the clock
   */
  public Clock clock() {
    return settings.clock;
  }

  /**
   * How retries, pollers and watchers wait.
   *
   * @return the sleeper
   */
  public Sleeper sleeper() {
    return settings.sleeper;
  }

  /**
   * Runs the {@code ...Async} forms.
   *
   * @return the executor
   */
  public Executor executor() {
    return executor;
  }

  /**
   * The retry budget shared by every call of this context.
   *
   * @return the budget
   */
  public RetryBudget retryBudget() {
    return retryBudget;
  }

  /**
   * The retry policy.
   *
   * @return the policy
   */
  public RetryPolicy retryPolicy() {
    return settings.retryPolicy;
  }

  /**
   * The listeners, as one guarded listener ({@link CalmListener#noop()} when none was added).
   *
   * @return the listener
   */
  public CalmListener listener() {
    return listener;
  }

  /**
   * The HttpClient under the pipeline (built by the context unless one was given).
   *
   * @return the client
   */
  public HttpClient httpClient() {
    return httpClient;
  }

  /**
   * The source of backoff and refresh jitter.
   *
   * @return the generator
   */
  public RandomGenerator random() {
    return settings.random;
  }

  /**
   * The deadline of a whole call.
   *
   * @return the call timeout
   */
  public Duration callTimeout() {
    return settings.callTimeout;
  }

  /**
   * The limit of one attempt.
   *
   * @return the attempt timeout
   */
  public Duration attemptTimeout() {
    return settings.attemptTimeout;
  }

  /**
   * The connect timeout of an HttpClient the context builds (also used for clients derived from it, such as an
   * X.509 key's token client).
   *
   * @return the connect timeout
   */
  public Duration connectTimeout() {
    return settings.connectTimeout;
  }

  /**
   * The largest response body read into memory.
   *
   * @return the limit in bytes
   */
  public int maxResponseBytes() {
    return settings.maxResponseBytes;
  }

  /**
   * The proxy selector given, if any (null: the HttpClient's own, by default the JDK's default selector).
   *
   * @return the selector, or null
   */
  public ProxySelector proxy() {
    return settings.proxy;
  }

  @Override
  public String toString() {
    return "ClientContext[callTimeout=" + settings.callTimeout + ", attemptTimeout=" + settings.attemptTimeout
        + ", retryPolicy=" + settings.retryPolicy + ", listener=" + listener + "]";
  }

  /** Builds a {@link ClientContext}. Every setting is validated where it is set, with the field's name. */
  public static final class Builder {
    private HttpClient httpClient;
    private ProxySelector proxy;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private RetryBudget retryBudget;
    private Sleeper sleeper = Sleeper.system();
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = new ThreadLocalRandomGenerator();
    private Executor executor;
    private String userAgentSuffix;
    private String requestIdHeader = "X-Request-Id";
    private HttpStage authorization;
    private List<HttpStage> perCall = new ArrayList<>();
    private List<HttpStage> perAttempt = new ArrayList<>();
    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private JsonCodec codec;
    private Set<String> loggedHeaders = DEFAULT_LOGGED_HEADERS;
    private HttpTransport transport;
    private List<CalmListener> listeners = new ArrayList<>();

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.httpClient = httpClient;
      b.proxy = proxy;
      b.connectTimeout = connectTimeout;
      b.attemptTimeout = attemptTimeout;
      b.callTimeout = callTimeout;
      b.retryPolicy = retryPolicy;
      b.retryBudget = retryBudget;
      b.sleeper = sleeper;
      b.clock = clock;
      b.random = random;
      b.executor = executor;
      b.userAgentSuffix = userAgentSuffix;
      b.requestIdHeader = requestIdHeader;
      b.authorization = authorization;
      b.perCall = new ArrayList<>(perCall);
      b.perAttempt = new ArrayList<>(perAttempt);
      b.maxResponseBytes = maxResponseBytes;
      b.codec = codec;
      b.loggedHeaders = loggedHeaders;
      b.transport = transport;
      b.listeners = new ArrayList<>(listeners);
      return b;
    }

    /**
     * Uses your HttpClient (its proxy, SSL context, executor). Set it to never follow redirects: the pipeline
     * follows them itself, so that the bearer token never goes to another host. With your own client,
     * {@code connectTimeout} and {@code proxy} are yours to set on it.
     *
     * @param httpClient the client
     * @return this builder
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Checks.present("httpClient", httpClient, "pass an HttpClient, or leave it unset");
      return this;
    }

    /**
     * Sets the proxy selector of the HttpClient the context builds (default: the JDK's default selector, so
     * {@code https.proxyHost} and friends work).
     *
     * @param proxy the selector
     * @return this builder
     */
    public Builder proxy(ProxySelector proxy) {
      this.proxy = Checks.present("proxy", proxy, "pass a ProxySelector, such as ProxySelector.of(address)");
      return this;
    }

    /**
     * Sets the connect timeout of the HttpClient the context builds.
     *
     * @param connectTimeout a positive duration; default 10 s
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Checks.positive("connectTimeout", connectTimeout);
      return this;
    }

    /**
     * Sets the limit of one attempt.
     *
     * @param attemptTimeout a positive duration; default 60 s
     * @return this builder
     */
    public Builder attemptTimeout(Duration attemptTimeout) {
      this.attemptTimeout = Checks.positive("attemptTimeout", attemptTimeout);
      return this;
    }

    /**
     * Sets the deadline of a whole call; retries, their waits and a token fetch never go past it.
     *
     * @param callTimeout a positive duration; default 3 minutes
     * @return this builder
     */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = Checks.positive("callTimeout", callTimeout);
      return this;
    }

    /**
     * Sets the retry policy.
     *
     * @param retryPolicy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Checks.present("retryPolicy", retryPolicy, "use RetryPolicy.defaults() or RetryPolicy.none()");
      return this;
    }

    /**
     * Sets the retry budget; by default each context gets its own {@link RetryBudget#standard()}.
     *
     * @param retryBudget the budget
     * @return this builder
     */
    public Builder retryBudget(RetryBudget retryBudget) {
      this.retryBudget = Checks.present("retryBudget", retryBudget, "use RetryBudget.standard()");
      return this;
    }

    /**
     * Sets how retries, pollers and watchers wait.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Checks.present("sleeper", sleeper, "use Sleeper.system()");
      return this;
    }

    /**
     * Sets the clock for deadlines, token expiry, HTTP-date Retry-After values, polling and change timestamps.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Checks.present("clock", clock, "use Clock.systemUTC()");
      return this;
    }

    /**
     * Sets the source of backoff and token-refresh jitter.
     *
     * @param random a thread-safe generator
     * @return this builder
     */
    public Builder random(RandomGenerator random) {
      this.random = Checks.present("random", random, "pass a thread-safe RandomGenerator");
      return this;
    }

    /**
     * Sets the executor of the {@code ...Async} forms, and of the HttpClient the context builds.
     *
     * @param executor the executor; default a new daemon thread per async task
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Checks.present("executor", executor, "pass an Executor, or leave it unset");
      return this;
    }

    /**
     * Appends a product token to the User-Agent, such as {@code "my-tool/1.2"}.
     *
     * @param suffix the suffix, or null
     * @return this builder
     */
    public Builder userAgentSuffix(String suffix) {
      this.userAgentSuffix = suffix;
      return this;
    }

    /**
     * Sets the header that carries the request id. Which header Cloud ALM echoes is not documented publicly;
     * default {@code X-Request-Id}.
     *
     * @param header the header name
     * @return this builder
     */
    public Builder requestIdHeader(String header) {
      this.requestIdHeader = Checks.nonBlank("requestIdHeader", header, "pass a header name such as X-Request-Id");
      return this;
    }

    /**
     * Sets the authorization stage, which runs once per call, outside the retry stage.
     *
     * @param stage the stage, or null for none
     * @return this builder
     */
    public Builder authorization(HttpStage stage) {
      this.authorization = stage;
      return this;
    }

    /**
     * Removes the authorization stage and every added stage, keeping everything else (HttpClient, transport,
     * clock, listeners): for a context derived for another endpoint, such as the token endpoint's.
     *
     * @return this builder
     */
    public Builder clearStages() {
      authorization = null;
      perCall.clear();
      perAttempt.clear();
      return this;
    }

    /**
     * Adds a stage at a position: {@link HttpStage.Position#PER_CALL} runs once per call before the retry stage,
     * {@link HttpStage.Position#PER_ATTEMPT} once per attempt after it. Stages of one position run in the order
     * added.
     *
     * @param stage the stage
     * @param position where it runs
     * @return this builder
     */
    public Builder addStage(HttpStage stage, HttpStage.Position position) {
      HttpStage s = Checks.present("stage", stage, "pass an HttpStage");
      Checks.present("position", position, "pass HttpStage.Position.PER_CALL or PER_ATTEMPT");
      (position == HttpStage.Position.PER_CALL ? perCall : perAttempt).add(s);
      return this;
    }

    /**
     * Sets the transport, the last step of every attempt; default java.net.http on the context's HttpClient.
     *
     * @param transport the transport
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      this.transport = Checks.present("transport", transport, "pass an HttpTransport, or leave it unset");
      return this;
    }

    /**
     * Sets the largest response body read into memory; a longer body is cut off and the call fails with a
     * decoding error instead of exhausting the heap.
     *
     * @param bytes the limit, at least 1024; default 16 MiB
     * @return this builder
     */
    public Builder maxResponseBytes(int bytes) {
      if (bytes < 1024) {
        throw new io.github.calmsdk.core.error.CalmValidationException(
            "maxResponseBytes", "must be at least 1024, was " + bytes + "; the default is 16 MiB");
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * Sets the JSON codec.
     *
     * @param codec the codec
     * @return this builder
     */
    public Builder codec(JsonCodec codec) {
      this.codec = Checks.present("codec", codec, "use JacksonJsonCodec.create() or JacksonJsonCodec.of(mapper)");
      return this;
    }

    /**
     * Sets the headers logged at TRACE (an allow-list; names in any case). Authorization, cookies and any header
     * holding a token are never logged, whatever this says.
     *
     * @param headers the header names
     * @return this builder
     */
    public Builder loggedHeaders(Set<String> headers) {
      this.loggedHeaders = Set.copyOf(Checks.present("loggedHeaders", headers, "pass a set of header names"));
      return this;
    }

    /**
     * Adds a listener, told of every call, attempt, retry, token event and ambiguous outcome. A listener that
     * throws never breaks a call.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder addListener(CalmListener listener) {
      listeners.add(Checks.present("listener", listener, "pass a CalmListener"));
      return this;
    }

    /**
     * Builds the context.
     *
     * @return the context
     */
    public ClientContext build() {
      return new ClientContext(this);
    }
  }
}
