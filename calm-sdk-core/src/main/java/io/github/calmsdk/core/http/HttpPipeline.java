package io.github.calmsdk.core.http;

import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.internal.ErrorMapper;
import io.github.calmsdk.core.internal.JdkHttpTransport;
import io.github.calmsdk.core.internal.LoggingStage;
import io.github.calmsdk.core.internal.RedirectStage;
import io.github.calmsdk.core.internal.RequestIdStage;
import io.github.calmsdk.core.internal.RetryStage;
import io.github.calmsdk.core.internal.ThreadLocalRandomGenerator;
import io.github.calmsdk.core.internal.UserAgentStage;
import io.github.calmsdk.core.json.JacksonJsonCodec;
import io.github.calmsdk.core.json.JsonCodec;
import io.github.calmsdk.core.retry.RetryBudget;
import io.github.calmsdk.core.retry.RetryPolicy;
import io.github.calmsdk.core.retry.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The ordered stages every call passes through, around one {@link HttpClient}:
 *
 * <pre>
 * request id → user agent → [authorization] → [your stages] → retry → redirect → logging → java.net.http
 * </pre>
 *
 * <p>{@link #send(CalmRequest)} returns a 2xx response or throws the matching {@link CalmException} subclass, with
 * the failures of earlier attempts attached as suppressed exceptions. A state-changing call whose effect is unknown
 * fails with {@link io.github.calmsdk.core.error.CalmAmbiguousOutcomeException}. Thread-safe; build one per client.
 *
 * <pre>{@code
 * HttpPipeline pipeline = HttpPipeline.builder()
 *     .authorization(bearerStage)
 *     .retryPolicy(RetryPolicy.builder().maxRetries(5).build())
 *     .callTimeout(Duration.ofMinutes(2))
 *     .build();
 * CalmResponse r = pipeline.send(CalmRequest.get(uri).build());
 * }</pre>
 */
public final class HttpPipeline {
  /** The default connect timeout of the HttpClient the pipeline builds for itself. */
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

  private final List<HttpStage> stages;
  private final HttpStage transport;
  private final Clock clock;
  private final Duration callTimeout;
  private final Duration attemptTimeout;
  private final JsonCodec codec;
  private final HttpClient httpClient;

  private HttpPipeline(Builder b) {
    this.clock = b.clock;
    this.callTimeout = b.callTimeout;
    this.attemptTimeout = b.attemptTimeout;
    this.codec = b.codec != null ? b.codec : JacksonJsonCodec.create();
    this.httpClient =
        b.httpClient != null
            ? b.httpClient
            : HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    List<HttpStage> s = new ArrayList<>();
    s.add(new RequestIdStage(b.requestIdHeader));
    s.add(new UserAgentStage(b.userAgentSuffix));
    if (b.authorization != null) {
      s.add(b.authorization);
    }
    s.addAll(b.customStages);
    s.add(new RetryStage(b.retryPolicy, b.retryBudget, b.sleeper, b.random));
    s.add(new RedirectStage(5));
    s.add(new LoggingStage(b.loggedHeaders));
    this.stages = List.copyOf(s);
    this.transport = new JdkHttpTransport(httpClient, b.maxResponseBytes);
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
   * Sends a call and returns its 2xx response.
   *
   * @param request the call
   * @return the response, status 2xx
   * @throws CalmException the typed failure
   */
  public CalmResponse send(CalmRequest request) {
    return call(request, true);
  }

  /**
   * Sends a call and returns its final response whatever the status, for callers that handle some error statuses
   * themselves. Failures without a response still throw.
   *
   * @param request the call
   * @return the final response after retries
   * @throws CalmException when no response arrived
   */
  public CalmResponse exchange(CalmRequest request) {
    return call(request, false);
  }

  private CalmResponse call(CalmRequest request, boolean requireSuccess) {
    Objects.requireNonNull(request, "request");
    CallOptions options = request.options();
    Duration timeout = options.timeout() != null ? options.timeout() : callTimeout;
    Duration perAttempt = options.attemptTimeout() != null ? options.attemptTimeout() : attemptTimeout;
    CallContext context =
        new CallContext(
            UUID.randomUUID().toString(), clock, clock.instant().plus(timeout), perAttempt);
    CalmRequest withHeaders = request;
    if (!options.headers().isEmpty()) {
      CalmRequest.Builder b = request.toBuilder();
      options.headers().forEach(b::setHeader);
      withHeaders = b.build();
    }
    CalmResponse response;
    try {
      response = proceed(0, withHeaders, context).withCall(context.attempt(), null);
    } catch (CalmException e) {
      throw ErrorMapper.finish(e, request, context);
    }
    if (requireSuccess && !response.isSuccess()) {
      throw ErrorMapper.finish(ErrorMapper.fromResponse(response), request, context);
    }
    return response;
  }

  /**
   * The codec the pipeline's users decode with.
   *
   * @return the codec
   */
  public JsonCodec codec() {
    return codec;
  }

  /**
   * The clock of the pipeline.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * The HttpClient under the pipeline, to share its connection pool and proxy with another pipeline (such as the
   * token endpoint's).
   *
   * @return the client
   */
  public HttpClient httpClient() {
    return httpClient;
  }

  private CalmResponse proceed(int index, CalmRequest request, CallContext context) {
    if (index == stages.size()) {
      return transport.process(request, context, null);
    }
    return stages.get(index).process(request, context, r -> proceed(index + 1, r, context));
  }

  /** Builds an {@link HttpPipeline}. */
  public static final class Builder {
    private HttpClient httpClient;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private RetryBudget retryBudget = RetryBudget.standard();
    private Sleeper sleeper = Sleeper.system();
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = new ThreadLocalRandomGenerator();
    private String userAgentSuffix;
    private String requestIdHeader = "X-Request-Id";
    private HttpStage authorization;
    private final List<HttpStage> customStages = new ArrayList<>();
    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private JsonCodec codec;
    private Set<String> loggedHeaders = DEFAULT_LOGGED_HEADERS;

    private Builder() {}

    /**
     * Uses your HttpClient (its proxy, SSL context, executor). Set it to never follow redirects: the pipeline
     * follows them itself, so that the bearer token never goes to another host.
     *
     * @param httpClient the client
     * @return this builder
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * Sets the connect timeout of the HttpClient the pipeline builds (ignored with your own client).
     *
     * @param connectTimeout a positive duration; default 10 s
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the limit of one attempt.
     *
     * @param attemptTimeout a positive duration; default 60 s
     * @return this builder
     */
    public Builder attemptTimeout(Duration attemptTimeout) {
      this.attemptTimeout = positive(attemptTimeout, "attemptTimeout");
      return this;
    }

    /**
     * Sets the deadline of a whole call; retries and their waits never go past it.
     *
     * @param callTimeout a positive duration; default 3 minutes
     * @return this builder
     */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = positive(callTimeout, "callTimeout");
      return this;
    }

    /**
     * Sets the retry policy.
     *
     * @param retryPolicy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Sets the retry budget; share one budget between pipelines that call the same service.
     *
     * @param retryBudget the budget
     * @return this builder
     */
    public Builder retryBudget(RetryBudget retryBudget) {
      this.retryBudget = Objects.requireNonNull(retryBudget, "retryBudget");
      return this;
    }

    /**
     * Sets how the pipeline waits between retries.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the clock for deadlines and HTTP-date Retry-After values.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the source of backoff jitter.
     *
     * @param random a thread-safe generator
     * @return this builder
     */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
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
      this.requestIdHeader = Objects.requireNonNull(header, "header");
      return this;
    }

    /**
     * Sets the authorization stage, which runs outside the retry stage.
     *
     * @param stage the stage, or null for none
     * @return this builder
     */
    public Builder authorization(HttpStage stage) {
      this.authorization = stage;
      return this;
    }

    /**
     * Adds a stage after authorization and before retry.
     *
     * @param stage the stage
     * @return this builder
     */
    public Builder addStage(HttpStage stage) {
      customStages.add(Objects.requireNonNull(stage, "stage"));
      return this;
    }

    /**
     * Sets the largest response body read into memory; a longer body is cut off and the call fails with a
     * decoding error instead of exhausting the heap.
     *
     * @param bytes the limit; default 16 MiB
     * @return this builder
     */
    public Builder maxResponseBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxResponseBytes must be at least 1024, was " + bytes);
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
      this.codec = Objects.requireNonNull(codec, "codec");
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
      this.loggedHeaders = Set.copyOf(headers);
      return this;
    }

    /**
     * Builds the pipeline.
     *
     * @return the pipeline
     */
    public HttpPipeline build() {
      return new HttpPipeline(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
