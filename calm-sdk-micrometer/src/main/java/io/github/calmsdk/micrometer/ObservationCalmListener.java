package io.github.calmsdk.micrometer;

import io.github.calmsdk.core.event.AmbiguousOutcome;
import io.github.calmsdk.core.event.AttemptEnded;
import io.github.calmsdk.core.event.CallEnded;
import io.github.calmsdk.core.event.CallStarted;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.core.event.RetryScheduled;
import io.github.calmsdk.core.event.TokenEvent;
import io.github.calmsdk.micrometer.CalmObservationDocumentation.AmbiguousHighCardinalityKeys;
import io.github.calmsdk.micrometer.CalmObservationDocumentation.AmbiguousKeys;
import io.github.calmsdk.micrometer.CalmObservationDocumentation.Events;
import io.github.calmsdk.micrometer.CalmObservationDocumentation.TokenKeys;
import io.github.calmsdk.micrometer.internal.Guard;
import io.github.calmsdk.micrometer.internal.OpenCalls;
import io.github.calmsdk.micrometer.internal.TagValues;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The SDK's {@link CalmListener} as Micrometer observations: one {@code calm.client.requests} observation per call,
 * opened when the call starts and stopped when it ends, however many attempts and retries it took, each attempt and
 * each retry an event on it; one short {@code calm.client.token} observation per token fetched, refreshed or
 * failed; one short {@code calm.client.ambiguous} observation per ambiguous outcome settled. {@link
 * CalmObservationDocumentation} lists their keys and events.
 *
 * <p>With Micrometer's {@code DefaultMeterObservationHandler} on the registry this gives the timers {@code
 * calm.client.requests}, {@code calm.client.token} and {@code calm.client.ambiguous} (their counts are the calls,
 * token events and settlings), the counters {@code calm.client.requests.attempt}, {@code
 * calm.client.requests.retry}, {@code calm.client.token.fetched}, {@code calm.client.token.refreshed}, {@code
 * calm.client.token.failed} and {@code calm.client.ambiguous.settled}, and a {@code <name>.active} long task timer
 * each. A tracing handler gets a span per call, named {@code "<method> <url template>"}, with the attempts and
 * retries as span events; a call made during another (the token call in the authorization stage) is its child, as
 * the call's observation is in scope until the call ends.
 *
 * <p>Keys follow OpenTelemetry's HTTP client semantic conventions where they name the thing ({@code
 * http.request.method}, {@code http.response.status_code}, {@code error.type}, {@code server.address}, {@code
 * server.port}, {@code url.template}, {@code url.full}); only the SDK's own notions have calm names ({@code
 * operation}, {@code outcome}, {@code request.id}). Only the OpenTelemetry name is emitted where both would apply
 * ({@code http.request.method}, not {@code method}; {@code error.type}, not {@code exception}), so no value is
 * tagged twice. No key ever holds a token, a secret, a header or a body: the URL is the SDK's, with query values
 * masked.
 *
 * <p>Thread-safe: the SDK reports each call on its calling thread, and the calls open on a thread are kept per
 * thread. Nothing this listener or a handler throws reaches the call.
 *
 * <pre>{@code
 * ObservationRegistry registry = ObservationRegistry.create();
 * registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
 * CalmClient calm = CalmClient.builder()
 *     .serviceKey(ServiceKey.fromEnvironment("CALM_SERVICE_KEY"))
 *     .addListener(ObservationCalmListener.create(registry))
 *     .build();
 * }</pre>
 */
public final class ObservationCalmListener implements CalmListener {
  private static final CalmObservationConvention DEFAULT_CONVENTION = new DefaultCalmObservationConvention();

  private final ObservationRegistry registry;
  /** The builder's convention, null for the registry's global one or the default. */
  private final CalmObservationConvention convention;
  private final OpenCalls<OpenCall> open = new OpenCalls<>(OpenCall::requestId);

  private ObservationCalmListener(Builder b) {
    this.registry = b.registry;
    this.convention = b.convention;
  }

  /**
   * A listener that reports to the registry with the default convention (or a global one the registry has for
   * {@link CalmRequestContext}).
   *
   * <pre>{@code
   * CalmListener listener = ObservationCalmListener.create(registry);
   * }</pre>
   *
   * @param registry the registry; its handlers decide what becomes meters and spans
   * @return the listener
   */
  public static ObservationCalmListener create(ObservationRegistry registry) {
    return builder(registry).build();
  }

  /**
   * A builder, for a custom convention.
   *
   * <pre>{@code
   * CalmListener listener = ObservationCalmListener.builder(registry).convention(myConvention).build();
   * }</pre>
   *
   * @param registry the registry
   * @return the builder
   */
  public static Builder builder(ObservationRegistry registry) {
    return new Builder(registry);
  }

  // ------------------------------------------------------------------------------------------- calm.client.requests

  /** Per call: its request id, context, observation and open scope. */
  private record OpenCall(
      String requestId, CalmRequestContext context, Observation observation, Observation.Scope scope) {}

  @Override
  public void callStarted(CallStarted event) {
    Guard.run("callStarted", () -> {
      CalmRequestContext context = new CalmRequestContext(event.call());
      Observation observation =
          Observation.createNotStarted(convention, DEFAULT_CONVENTION, () -> context, registry).start();
      open.push(new OpenCall(event.call().requestId(), context, observation, observation.openScope()));
    });
  }

  @Override
  public void attemptEnded(AttemptEnded event) {
    Guard.run("attemptEnded", () -> {
      OpenCall call = open.find(event.call().requestId());
      if (call == null) {
        return;
      }
      call.context().attemptEnded(event);
      refreshKeys(call);
      String result =
          event.failure() != null ? event.failure().getClass().getSimpleName() : Integer.toString(event.status());
      call.observation()
          .event(Observation.Event.of(Events.ATTEMPT.getName(), "attempt " + event.attempt() + ": " + result));
    });
  }

  @Override
  public void retryScheduled(RetryScheduled event) {
    Guard.run("retryScheduled", () -> {
      OpenCall call = open.find(event.call().requestId());
      if (call == null) {
        return;
      }
      call.context().retryScheduled();
      call.observation()
          .event(
              Observation.Event.of(
                  Events.RETRY.getName(),
                  "retry after attempt " + event.afterAttempt() + " (" + event.reason() + ") in "
                      + event.delay().toMillis() + " ms"));
    });
  }

  @Override
  public void callEnded(CallEnded event) {
    List<OpenCall> closing =
        Guard.get("callEnded", () -> open.removeThrough(event.call().requestId()), List.of());
    for (int i = 0; i < closing.size() - 1; i++) {
      // opened on this thread within this call, but the SDK never reported their end: stop them now
      OpenCall leaked = closing.get(i);
      Guard.run(
          "callEnded",
          () -> leaked.observation().error(new IllegalStateException("the SDK reported no end for this call")));
      stop(leaked);
    }
    if (!closing.isEmpty()) {
      OpenCall call = closing.get(closing.size() - 1);
      Guard.run("callEnded", () -> {
        call.context().callEnded(event);
        if (event.failure() != null) {
          call.observation().error(event.failure());
        }
      });
      stop(call);
    }
  }

  private static void stop(OpenCall call) {
    Guard.run("closing the scope", () -> call.scope().close());
    Guard.run("stopping the observation", () -> call.observation().stop());
  }

  /**
   * Sets the keys the observation already has to what the convention says now, so an event's counter carries the
   * attempt's status. Only keys already present change: the tag keys of a meter stay the same at every event, even
   * with a global convention that names other keys.
   */
  private void refreshKeys(OpenCall call) {
    CalmRequestContext context = call.context();
    CalmObservationConvention in = convention != null ? convention : DEFAULT_CONVENTION;
    for (KeyValue kv : in.getLowCardinalityKeyValues(context)) {
      if (context.getLowCardinalityKeyValue(kv.getKey()) != null) {
        context.addLowCardinalityKeyValue(kv);
      }
    }
  }

  // ------------------------------------------------------------------------ calm.client.token, calm.client.ambiguous

  @Override
  public void token(TokenEvent event) {
    Guard.run("token", () -> {
      Events kind =
          switch (event.kind()) {
            case FETCHED -> Events.TOKEN_FETCHED;
            case REFRESHED -> Events.TOKEN_REFRESHED;
            case FAILED -> Events.TOKEN_FAILED;
          };
      Observation o =
          Observation.createNotStarted(CalmObservationDocumentation.TOKEN.getName(), Observation.Context::new, registry)
              .contextualName("calm token " + kind.getName())
              .lowCardinalityKeyValue(TokenKeys.KIND.withValue(event.kind().name()))
              .lowCardinalityKeyValue(TokenKeys.SERVER_ADDRESS.withValue(event.tokenHost()))
              .lowCardinalityKeyValue(TokenKeys.ERROR_TYPE.withValue(TagValues.errorType(event.failure(), 0)));
      instant(o, kind, "token " + kind.getName() + " in " + event.duration().toMillis() + " ms", event.failure());
    });
  }

  @Override
  public void ambiguousOutcome(AmbiguousOutcome event) {
    Guard.run("ambiguousOutcome", () -> {
      Observation o =
          Observation.createNotStarted(
                  CalmObservationDocumentation.AMBIGUOUS_OUTCOME.getName(), Observation.Context::new, registry)
              .contextualName("calm ambiguous " + event.operation())
              .lowCardinalityKeyValue(AmbiguousKeys.OPERATION.withValue(event.operation()))
              .lowCardinalityKeyValue(AmbiguousKeys.RESOLUTION.withValue(event.resolution().name()))
              .highCardinalityKeyValue(
                  AmbiguousHighCardinalityKeys.REQUEST_ID.withValue(
                      Objects.requireNonNullElse(event.requestId(), CalmObservationDocumentation.NONE)))
              .highCardinalityKeyValue(
                  AmbiguousHighCardinalityKeys.CHECKS.withValue(Integer.toString(event.checks().size())));
      instant(
          o,
          Events.SETTLED,
          event.operation() + " " + event.resolution().name().toLowerCase(Locale.ROOT) + " after "
              + event.checks().size() + " checks",
          null);
    });
  }

  /** Starts, marks and stops an observation of something that has already happened. */
  private static void instant(Observation o, Events event, String contextualName, Throwable failure) {
    o.start();
    try {
      o.event(Observation.Event.of(event.getName(), contextualName));
      if (failure != null) {
        o.error(failure);
      }
    } finally {
      o.stop();
    }
  }

  @Override
  public String toString() {
    return "ObservationCalmListener[convention="
        + (convention == null ? "default" : convention.getClass().getName()) + "]";
  }

  /**
   * Options of an {@link ObservationCalmListener}.
   *
   * <pre>{@code
   * ObservationCalmListener listener = ObservationCalmListener.builder(registry)
   *     .convention(new DefaultCalmObservationConvention())
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final ObservationRegistry registry;
    private CalmObservationConvention convention;

    private Builder(ObservationRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Sets the convention that names the keys of {@code calm.client.requests}, over any global one on the registry.
     *
     * @param convention the convention, or null for the registry's global one or the default
     * @return this builder
     */
    public Builder convention(CalmObservationConvention convention) {
      this.convention = convention;
      return this;
    }

    /**
     * Builds the listener.
     *
     * @return the listener
     */
    public ObservationCalmListener build() {
      return new ObservationCalmListener(this);
    }
  }
}
