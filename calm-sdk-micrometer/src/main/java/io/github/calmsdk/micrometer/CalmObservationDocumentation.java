package io.github.calmsdk.micrometer;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations {@link ObservationCalmListener} makes, with their key names and events: the one place their
 * names are written. Where OpenTelemetry's HTTP client semantic conventions name a key ({@code
 * http.request.method}, {@code http.response.status_code}, {@code error.type}, {@code server.address}, {@code
 * server.port}, {@code url.template}, {@code url.full}) that name is used instead of a calm-specific one; the SDK's
 * own notions keep short names ({@code operation}, {@code outcome}, {@code request.id}).
 *
 * <p>With Micrometer's {@code DefaultMeterObservationHandler} each observation becomes a timer of its name (tagged
 * with its low-cardinality keys and {@code error}), a long task timer {@code <name>.active}, and each event a
 * counter {@code <name>.<event>} tagged with the low-cardinality keys the observation had when the event fired.
 *
 * <pre>{@code
 * registry.observationConfig().observationPredicate((name, context) ->
 *     !name.equals(CalmObservationDocumentation.TOKEN.getName()));
 * String operation = CalmObservationDocumentation.RequestKeys.OPERATION.asString(); // "operation"
 * }</pre>
 */
public enum CalmObservationDocumentation implements ObservationDocumentation {
  /**
   * One per call, from its start to its end, all attempts and retries included: {@code calm.client.requests}. Its
   * events: {@link Events#ATTEMPT} after each attempt, {@link Events#RETRY} before each retry's wait.
   */
  CLIENT_REQUESTS {
    @Override
    public String getName() {
      return "calm.client.requests";
    }

    @Override
    public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
      return DefaultCalmObservationConvention.class;
    }

    @Override
    public KeyName[] getLowCardinalityKeyNames() {
      return RequestKeys.values();
    }

    @Override
    public KeyName[] getHighCardinalityKeyNames() {
      return RequestHighCardinalityKeys.values();
    }

    @Override
    public Observation.Event[] getEvents() {
      return new Observation.Event[] {Events.ATTEMPT, Events.RETRY};
    }
  },

  /**
   * One per access token fetched, refreshed or failed to get: {@code calm.client.token}, started and stopped at
   * once (the token call itself is timed by {@link #CLIENT_REQUESTS} with operation {@code auth.token}). Its one
   * event is named for the kind: {@link Events#TOKEN_FETCHED}, {@link Events#TOKEN_REFRESHED} or {@link
   * Events#TOKEN_FAILED}.
   */
  TOKEN {
    @Override
    public String getName() {
      return "calm.client.token";
    }

    @Override
    public KeyName[] getLowCardinalityKeyNames() {
      return TokenKeys.values();
    }

    @Override
    public Observation.Event[] getEvents() {
      return new Observation.Event[] {Events.TOKEN_FETCHED, Events.TOKEN_REFRESHED, Events.TOKEN_FAILED};
    }
  },

  /**
   * One per ambiguous outcome settled by reading the server's state (or left unresolved): {@code
   * calm.client.ambiguous}, started and stopped at once, with the event {@link Events#SETTLED}.
   */
  AMBIGUOUS_OUTCOME {
    @Override
    public String getName() {
      return "calm.client.ambiguous";
    }

    @Override
    public KeyName[] getLowCardinalityKeyNames() {
      return AmbiguousKeys.values();
    }

    @Override
    public KeyName[] getHighCardinalityKeyNames() {
      return AmbiguousHighCardinalityKeys.values();
    }

    @Override
    public Observation.Event[] getEvents() {
      return new Observation.Event[] {Events.SETTLED};
    }
  };

  /** The value of a key that does not apply (no status yet, no error): Micrometer's usual {@code none}. */
  public static final String NONE = "none";

  /** The {@code outcome} of a call that has not ended yet (seen only on the {@code .active} long task timer). */
  public static final String UNKNOWN = "UNKNOWN";

  /**
   * The low-cardinality keys of {@link #CLIENT_REQUESTS}; every observation carries all of them.
   *
   * <pre>{@code
   * Timer imports = meters.get("calm.client.requests")
   *     .tag(RequestKeys.OPERATION.asString(), "transport.import").timer();
   * }</pre>
   */
  public enum RequestKeys implements KeyName {
    /** The SDK operation, such as {@code transport.import}, {@code features.update} or {@code auth.token}. */
    OPERATION("operation"),
    /** The HTTP method, such as {@code POST} (OpenTelemetry's name). */
    METHOD("http.request.method"),
    /**
     * The HTTP status: the call's final one, or for an event the attempt's; {@code none} when no response arrived
     * (OpenTelemetry's name).
     */
    STATUS("http.response.status_code"),
    /**
     * How the call ended: {@code SUCCESS}, {@code ERROR_STATUS}, {@code FAILURE} or {@code AMBIGUOUS}; for an event,
     * how the attempt ended (never {@code AMBIGUOUS}); {@code UNKNOWN} before the first attempt ended.
     */
    OUTCOME("outcome"),
    /**
     * What went wrong: the fully qualified class name of the exception, else the status code of an error status,
     * else {@code none} (OpenTelemetry's name; the calm-specific {@code exception} is not emitted).
     */
    ERROR_TYPE("error.type"),
    /** The API host (OpenTelemetry's name). */
    SERVER_ADDRESS("server.address"),
    /** The API port, the scheme's default when the URL names none (OpenTelemetry's name). */
    SERVER_PORT("server.port");

    private final String name;

    RequestKeys(String name) {
      this.name = name;
    }

    @Override
    public String asString() {
      return name;
    }
  }

  /**
   * The high-cardinality keys of {@link #CLIENT_REQUESTS}: on traces, never on meters.
   *
   * <pre>{@code
   * String requestId = context.getHighCardinalityKeyValue(RequestHighCardinalityKeys.REQUEST_ID.asString()).getValue();
   * }</pre>
   */
  public enum RequestHighCardinalityKeys implements KeyName {
    /** The request id sent with every attempt of the call. */
    REQUEST_ID("request.id"),
    /** The path template, such as {@code /v2/nodes/{nodeId}/transportRequests/import} (OpenTelemetry's name). */
    URL_TEMPLATE("url.template"),
    /** The URL with query values masked and without user info (OpenTelemetry's name). */
    URL_FULL("url.full");

    private final String name;

    RequestHighCardinalityKeys(String name) {
      this.name = name;
    }

    @Override
    public String asString() {
      return name;
    }
  }

  /**
   * The low-cardinality keys of {@link #TOKEN}. Neither the token nor the client secret is ever a value.
   *
   * <pre>{@code
   * double failed = meters.get("calm.client.token.failed").tag(TokenKeys.KIND.asString(), "FAILED").counter().count();
   * }</pre>
   */
  public enum TokenKeys implements KeyName {
    /** What happened: {@code FETCHED}, {@code REFRESHED} or {@code FAILED}. */
    KIND("kind"),
    /** The token endpoint's host (OpenTelemetry's name). */
    SERVER_ADDRESS("server.address"),
    /** The fully qualified class name of the failure, {@code none} unless {@code kind} is {@code FAILED}. */
    ERROR_TYPE("error.type");

    private final String name;

    TokenKeys(String name) {
      this.name = name;
    }

    @Override
    public String asString() {
      return name;
    }
  }

  /**
   * The low-cardinality keys of {@link #AMBIGUOUS_OUTCOME}.
   *
   * <pre>{@code
   * double unresolved = meters.get("calm.client.ambiguous.settled")
   *     .tag(AmbiguousKeys.RESOLUTION.asString(), "UNRESOLVED").counter().count();
   * }</pre>
   */
  public enum AmbiguousKeys implements KeyName {
    /** The operation whose answer was lost, such as {@code transport.export}. */
    OPERATION("operation"),
    /** How it was settled: {@code APPLIED}, {@code NOT_APPLIED_RESENT} or {@code UNRESOLVED}. */
    RESOLUTION("resolution");

    private final String name;

    AmbiguousKeys(String name) {
      this.name = name;
    }

    @Override
    public String asString() {
      return name;
    }
  }

  /**
   * The high-cardinality keys of {@link #AMBIGUOUS_OUTCOME}.
   *
   * <pre>{@code
   * String checks = context.getHighCardinalityKeyValue(AmbiguousHighCardinalityKeys.CHECKS.asString()).getValue();
   * }</pre>
   */
  public enum AmbiguousHighCardinalityKeys implements KeyName {
    /** The request id of the call whose answer was lost, {@code none} when unknown. */
    REQUEST_ID("request.id"),
    /** How many reads it took to settle. */
    CHECKS("checks");

    private final String name;

    AmbiguousHighCardinalityKeys(String name) {
      this.name = name;
    }

    @Override
    public String asString() {
      return name;
    }
  }

  /**
   * The events; each becomes the counter {@code <observation name>.<event name>}.
   *
   * <pre>{@code
   * double retries = meters.get("calm.client.requests." + Events.RETRY.getName()).counter().count();
   * }</pre>
   */
  public enum Events implements Observation.Event {
    /** An attempt ended: counter {@code calm.client.requests.attempt}, tagged with that attempt's status. */
    ATTEMPT("attempt"),
    /** A retry was decided: counter {@code calm.client.requests.retry}, tagged with the failed attempt's status. */
    RETRY("retry"),
    /** The first token of a set of credentials was fetched: counter {@code calm.client.token.fetched}. */
    TOKEN_FETCHED("fetched"),
    /** A later token was fetched (before or after expiry, after a 401): counter {@code calm.client.token.refreshed}. */
    TOKEN_REFRESHED("refreshed"),
    /** A token call failed: counter {@code calm.client.token.failed}. */
    TOKEN_FAILED("failed"),
    /** An ambiguous outcome was settled, or not: counter {@code calm.client.ambiguous.settled}. */
    SETTLED("settled");

    private final String name;

    Events(String name) {
      this.name = name;
    }

    @Override
    public String getName() {
      return name;
    }
  }
}
