package io.github.calmsdk.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmTransportException;
import io.github.calmsdk.core.error.CalmUnavailableException;
import io.github.calmsdk.core.error.ErrorDetails;
import io.github.calmsdk.core.event.AmbiguousOutcome;
import io.github.calmsdk.core.event.AttemptEnded;
import io.github.calmsdk.core.event.CallEnded;
import io.github.calmsdk.core.event.CallEnded.Outcome;
import io.github.calmsdk.core.event.CallInfo;
import io.github.calmsdk.core.event.CallStarted;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.core.event.RetryScheduled;
import io.github.calmsdk.core.event.TokenEvent;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.GlobalObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The listener driven directly with the SDK's events, in the order core reports them. */
class ObservationCalmListenerTest {
  private static final String REQUESTS = "calm.client.requests";
  private static final Duration MS = Duration.ofMillis(1);

  @RegisterExtension final SwallowedFailures swallowed = new SwallowedFailures();

  private final TestObservationRegistry registry = TestObservationRegistry.create();
  private final MeterNames meters = new MeterNames();
  private final ObservationCalmListener listener;

  ObservationCalmListenerTest() {
    registry.observationConfig().observationHandler(meters);
    listener = ObservationCalmListener.create(registry);
  }

  @AfterEach
  void nothingWasSwallowed(org.junit.jupiter.api.TestInfo info) {
    if (!info.getTags().contains("swallows")) {
      assertThat(swallowed.messages()).as("failures the adapter swallowed").isEmpty();
    }
  }

  private static CallInfo importCall(String requestId) {
    return new CallInfo(
        requestId,
        "transport.import",
        "POST",
        "/v2/nodes/{nodeId}/transportRequests/import",
        "https://tms.example.com/v2/nodes/2/transportRequests/import",
        "tms.example.com",
        -1);
  }

  private static CallInfo tokenCall(String requestId) {
    return new CallInfo(
        requestId,
        "auth.token",
        "POST",
        "/oauth/token",
        "https://auth.example.com/oauth/token",
        "auth.example.com",
        443);
  }

  private void start(CallInfo c) {
    listener.callStarted(new CallStarted(c, Instant.now()));
  }

  private void attempt(CallInfo c, int n, int status, Throwable failure) {
    listener.attemptEnded(new AttemptEnded(c, n, status, MS, failure));
  }

  private void retry(CallInfo c, int after, String reason) {
    listener.retryScheduled(new RetryScheduled(c, after, reason, Duration.ofMillis(200)));
  }

  private void end(CallInfo c, int status, int attempts, Outcome outcome, Throwable failure) {
    listener.callEnded(new CallEnded(c, status, attempts, MS, outcome, failure));
  }

  private static CalmUnavailableException unavailable() {
    return new CalmUnavailableException("HTTP 503", ErrorDetails.none(), null);
  }

  @Test
  void aCallWithTwoRetriesIsOneObservationWithThreeAttemptEventsAndTwoRetryEvents() {
    CallInfo c = importCall("r-1");
    start(c);
    attempt(c, 1, 503, null);
    retry(c, 1, "HTTP 503");
    attempt(c, 2, 503, null);
    retry(c, 2, "HTTP 503");
    attempt(c, 3, 200, null);
    end(c, 200, 3, Outcome.SUCCESS, null);

    assertThat(registry)
        .hasNumberOfObservationsEqualTo(1)
        .hasSingleObservationThat()
        .hasNameEqualTo(REQUESTS)
        .hasContextualNameEqualTo("POST /v2/nodes/{nodeId}/transportRequests/import")
        .hasBeenStarted()
        .hasBeenStopped()
        .hasEvent("attempt", "attempt 1: 503")
        .hasEvent("attempt", "attempt 3: 200")
        .hasEvent("retry", "retry after attempt 2 (HTTP 503) in 200 ms")
        .doesNotHaveError();
    assertThat(meters.recordings(REQUESTS)).hasSize(1);
    assertThat(meters.recordings(REQUESTS + ".attempt")).hasSize(3);
    assertThat(meters.recordings(REQUESTS + ".retry")).hasSize(2);
  }

  @Test
  void theEndedCallIsTaggedWithOperationOtelHttpNamesAndFinalStatusOutcomeAndErrorType() {
    CallInfo c = importCall("r-2");
    CalmUnavailableException failure = unavailable();
    start(c);
    attempt(c, 1, 503, null);
    end(c, 503, 1, Outcome.ERROR_STATUS, failure);

    assertThat(registry)
        .hasSingleObservationThat()
        .hasLowCardinalityKeyValue("operation", "transport.import")
        .hasLowCardinalityKeyValue("http.request.method", "POST")
        .hasLowCardinalityKeyValue("http.response.status_code", "503")
        .hasLowCardinalityKeyValue("outcome", "ERROR_STATUS")
        .hasLowCardinalityKeyValue("error.type", CalmUnavailableException.class.getName())
        .hasLowCardinalityKeyValue("server.address", "tms.example.com")
        .hasLowCardinalityKeyValue("server.port", "443")
        .hasError(failure);
  }

  @Test
  void aCallThatGotNoResponseHasStatusNoneAndTheExceptionAsErrorType() {
    CallInfo c = importCall("r-3");
    CalmAmbiguousOutcomeException lost =
        new CalmAmbiguousOutcomeException("connection lost after sending", ErrorDetails.none(), null);
    start(c);
    attempt(c, 1, 0, new CalmTransportException("reset", ErrorDetails.none(), true, null));
    end(c, 0, 1, Outcome.AMBIGUOUS, lost);

    assertThat(registry)
        .hasSingleObservationThat()
        .hasLowCardinalityKeyValue("http.response.status_code", "none")
        .hasLowCardinalityKeyValue("outcome", "AMBIGUOUS")
        .hasLowCardinalityKeyValue("error.type", CalmAmbiguousOutcomeException.class.getName())
        .hasEvent("attempt", "attempt 1: CalmTransportException")
        .hasError(lost);
  }

  @Test
  void highCardinalityKeysAreTheRequestIdTheUrlTemplateAndTheMaskedUrlWithoutUserInfo() {
    CallInfo c =
        new CallInfo(
            "r-4",
            "http.call",
            "GET",
            "/v2/nodes",
            "https://user:pw@tms.example.com:8443/v2/nodes?token=***",
            "tms.example.com",
            8443);
    start(c);
    end(c, 200, 1, Outcome.SUCCESS, null);

    assertThat(registry)
        .hasSingleObservationThat()
        .hasHighCardinalityKeyValue("request.id", "r-4")
        .hasHighCardinalityKeyValue("url.template", "/v2/nodes")
        .hasHighCardinalityKeyValue("url.full", "https://tms.example.com:8443/v2/nodes?token=***")
        .hasLowCardinalityKeyValue("server.port", "8443")
        .doesNotHaveLowCardinalityKeyValueWithKey("request.id");
  }

  @Test
  void eachEventCounterCarriesItsAttemptsStatusAndEveryMeterNameKeepsOneSetOfTagKeys() {
    CallInfo c = importCall("r-5");
    start(c);
    attempt(c, 1, 503, null);
    retry(c, 1, "HTTP 503");
    attempt(c, 2, 0, new CalmTransportException("connect failed", ErrorDetails.none(), false, null));
    retry(c, 2, "connect failed");
    attempt(c, 3, 201, null);
    end(c, 201, 3, Outcome.SUCCESS, null);

    assertThat(meters.recordings(REQUESTS + ".retry"))
        .extracting(t -> t.get("http.response.status_code") + " " + t.get("outcome") + " " + t.get("error.type"))
        .containsExactly(
            "503 ERROR_STATUS 503", "none FAILURE " + CalmTransportException.class.getName());
    assertThat(meters.recordings(REQUESTS + ".attempt"))
        .extracting(t -> t.get("http.response.status_code"))
        .containsExactly("503", "none", "201");
    assertThat(meters.recordings(REQUESTS))
        .singleElement()
        .satisfies(t -> assertThat(t).containsEntry("outcome", "SUCCESS").containsEntry("error", "none"));
    Set<String> keys =
        Set.of(
            "operation", "http.request.method", "http.response.status_code", "outcome", "error.type",
            "server.address", "server.port");
    assertThat(meters.tagKeySets(REQUESTS + ".active")).containsExactly(keys);
    assertThat(meters.tagKeySets(REQUESTS + ".attempt")).containsExactly(keys);
    assertThat(meters.tagKeySets(REQUESTS + ".retry")).containsExactly(keys);
    assertThat(meters.tagKeySets(REQUESTS)).containsExactly(union(keys, "error"));
  }

  private static Set<String> union(Set<String> keys, String more) {
    List<String> all = new ArrayList<>(keys);
    all.add(more);
    return Set.copyOf(all);
  }

  @Test
  void aCallMadeDuringAnotherIsItsChildAndTheTokenEventBelongsToTheOuterCall() {
    CallInfo outer = importCall("outer");
    CallInfo token = tokenCall("inner");
    start(outer);
    start(token);
    attempt(token, 1, 200, null);
    end(token, 200, 1, Outcome.SUCCESS, null);
    listener.token(new TokenEvent(TokenEvent.Kind.FETCHED, "auth.example.com", "sb-client", MS, null));
    attempt(outer, 1, 200, null);
    end(outer, 200, 1, Outcome.SUCCESS, null);

    List<Observation.Context> contexts = new ArrayList<>();
    assertThat(registry).hasHandledContextsThatSatisfy(contexts::addAll);
    Observation.Context outerContext = byRequestId(contexts, "outer");
    assertThat(byRequestId(contexts, "inner").getParentObservation().getContextView()).isSameAs(outerContext);
    assertThat(contexts)
        .filteredOn(ctx -> ctx.getName().equals("calm.client.token"))
        .singleElement()
        .satisfies(ctx -> assertThat(ctx.getParentObservation().getContextView()).isSameAs(outerContext));
    assertThat(registry.getCurrentObservation()).as("no scope left open").isNull();
  }

  private static Observation.Context byRequestId(List<Observation.Context> contexts, String id) {
    return contexts.stream()
        .filter(c -> c instanceof CalmRequestContext r && r.call().requestId().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aNestedCallWhoseEndWasNeverReportedIsStoppedWithAnErrorWhenTheOuterCallEnds() {
    CallInfo outer = importCall("outer");
    start(outer);
    start(tokenCall("lost"));
    end(outer, 200, 1, Outcome.SUCCESS, null);

    assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo(REQUESTS, 2)
        .hasAnObservation(
            o -> o.hasHighCardinalityKeyValue("request.id", "lost")
                .assertThatError()
                .isInstanceOf(IllegalStateException.class));
    assertThat(meters.recordings(REQUESTS)).as("stopped").extracting(t -> t.get("operation") + " " + t.get("error"))
        .containsExactly("auth.token IllegalStateException", "transport.import none");
    assertThat(registry.getCurrentObservation()).isNull();
  }

  @Test
  void concurrentCallsOnTwoThreadsEachEndTheirOwnObservation() throws Exception {
    CyclicBarrier bothStarted = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> a = pool.submit(() -> oneCall(importCall("a"), 200, Outcome.SUCCESS, bothStarted));
      Future<?> b = pool.submit(() -> oneCall(importCall("b"), 404, Outcome.ERROR_STATUS, bothStarted));
      a.get(10, TimeUnit.SECONDS);
      b.get(10, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo(REQUESTS, 2)
        .hasAnObservation(
            o -> o.hasHighCardinalityKeyValue("request.id", "a").hasLowCardinalityKeyValue("outcome", "SUCCESS"))
        .hasAnObservation(
            o -> o.hasHighCardinalityKeyValue("request.id", "b")
                .hasLowCardinalityKeyValue("http.response.status_code", "404"));
    assertThat(meters.recordings(REQUESTS)).as("stopped").hasSize(2);
  }

  private Void oneCall(CallInfo c, int status, Outcome outcome, CyclicBarrier bothStarted) throws Exception {
    start(c);
    bothStarted.await(10, TimeUnit.SECONDS); // both calls are open at once, each on its own thread
    attempt(c, 1, status, null);
    end(c, status, 1, outcome, null);
    return null;
  }

  @Test
  void eventsOfACallNotStartedOnThisThreadAreIgnored() {
    CallInfo c = importCall("elsewhere");
    attempt(c, 1, 503, null);
    retry(c, 1, "HTTP 503");
    end(c, 200, 2, Outcome.SUCCESS, null);

    assertThat(registry).doesNotHaveAnyObservation();
  }

  @Test
  @org.junit.jupiter.api.Tag("swallows")
  void aHandlerThatThrowsNeverReachesTheCallAndIsLoggedByClassOnly() {
    TestObservationRegistry broken = TestObservationRegistry.create();
    broken.observationConfig().observationHandler(new Throwing());
    CalmListener l = ObservationCalmListener.create(broken);
    CallInfo c = importCall("r-9");

    assertThatCode(() -> {
          l.callStarted(new CallStarted(c, Instant.now()));
          l.attemptEnded(new AttemptEnded(c, 1, 503, MS, null));
          l.retryScheduled(new RetryScheduled(c, 1, "HTTP 503", MS));
          l.callEnded(new CallEnded(c, 200, 2, MS, Outcome.SUCCESS, null));
          l.token(new TokenEvent(TokenEvent.Kind.REFRESHED, "auth.example.com", "id", MS, null));
          l.ambiguousOutcome(
              new AmbiguousOutcome("transport.import", "r-9", AmbiguousOutcome.Resolution.APPLIED, List.of()));
        })
        .doesNotThrowAnyException();
    assertThat(swallowed.messages())
        .isNotEmpty()
        .allSatisfy(m -> assertThat(m).contains(IllegalStateException.class.getName()).doesNotContain("secret-ish"));
  }

  /** A handler that throws from every callback, its message quoting something that must not be logged. */
  private static final class Throwing implements ObservationHandler<Observation.Context> {
    @Override
    public boolean supportsContext(Observation.Context context) {
      return true;
    }

    @Override
    public void onStart(Observation.Context context) {
      throw new IllegalStateException("secret-ish");
    }

    @Override
    public void onEvent(Observation.Event event, Observation.Context context) {
      throw new IllegalStateException("secret-ish");
    }

    @Override
    public void onStop(Observation.Context context) {
      throw new IllegalStateException("secret-ish");
    }
  }

  @Test
  void eachTokenEventIsOneShortObservationWithAnEventNamedForItsKindAndNoClientIdOrSecret() {
    CalmAuthException failure = new CalmAuthException("token call failed", ErrorDetails.none(), null);
    listener.token(new TokenEvent(TokenEvent.Kind.FETCHED, "auth.example.com", "sb-client-id", MS, null));
    listener.token(new TokenEvent(TokenEvent.Kind.REFRESHED, "auth.example.com", "sb-client-id", MS, null));
    listener.token(new TokenEvent(TokenEvent.Kind.FAILED, "auth.example.com", "sb-client-id", MS, failure));

    assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo("calm.client.token", 3)
        .forAllObservationsWithNameEqualTo(
            "calm.client.token",
            o -> o.hasLowCardinalityKeyValue("server.address", "auth.example.com")
                .doesNotHaveHighCardinalityKeyValueWithKey("client.id"))
        .hasAnObservation(
            o -> o.hasLowCardinalityKeyValue("kind", "FAILED")
                .hasLowCardinalityKeyValue("error.type", CalmAuthException.class.getName())
                .hasError(failure));
    assertThat(meters.names())
        .contains("calm.client.token.fetched", "calm.client.token.refreshed", "calm.client.token.failed");
    assertThat(meters.recordings("calm.client.token")).extracting(t -> t.get("kind"))
        .containsExactly("FETCHED", "REFRESHED", "FAILED");
    assertThat(allValues()).noneMatch(v -> v.contains("sb-client-id"));
  }

  @Test
  void anAmbiguousOutcomeIsASettledObservationTaggedWithOperationAndResolution() {
    listener.ambiguousOutcome(
        new AmbiguousOutcome(
            "features.update",
            "r-7",
            AmbiguousOutcome.Resolution.NOT_APPLIED_RESENT,
            List.of("GET /Features(1): does not show the requested values", "PATCH sent once more")));
    listener.ambiguousOutcome(
        new AmbiguousOutcome("transport.export", null, AmbiguousOutcome.Resolution.UNRESOLVED, List.of()));

    assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo("calm.client.ambiguous", 2)
        .hasAnObservation(
            o -> o.hasLowCardinalityKeyValue("operation", "features.update")
                .hasLowCardinalityKeyValue("resolution", "NOT_APPLIED_RESENT")
                .hasHighCardinalityKeyValue("request.id", "r-7")
                .hasHighCardinalityKeyValue("checks", "2"))
        .hasAnObservation(o -> o.hasHighCardinalityKeyValue("request.id", "none"));
    assertThat(meters.recordings("calm.client.ambiguous.settled"))
        .extracting(t -> t.get("operation") + " " + t.get("resolution"))
        .containsExactly("features.update NOT_APPLIED_RESENT", "transport.export UNRESOLVED");
    assertThat(meters.recordings("calm.client.ambiguous")).as("stopped").hasSize(2);
  }

  @Test
  void theBuildersConventionNamesTheKeysAndItsOwnKeysReachTheEventCounters() {
    TestObservationRegistry custom = TestObservationRegistry.create();
    MeterNames customMeters = new MeterNames();
    custom.observationConfig().observationHandler(customMeters);
    CalmListener l =
        ObservationCalmListener.builder(custom)
            .convention(
                new DefaultCalmObservationConvention() {
                  @Override
                  public KeyValues getLowCardinalityKeyValues(CalmRequestContext context) {
                    return super.getLowCardinalityKeyValues(context)
                        .and("calm.retries", Integer.toString(context.retries()));
                  }
                })
            .build();
    CallInfo c = importCall("r-8");
    l.callStarted(new CallStarted(c, Instant.now()));
    l.attemptEnded(new AttemptEnded(c, 1, 503, MS, null));
    l.retryScheduled(new RetryScheduled(c, 1, "HTTP 503", MS));
    l.attemptEnded(new AttemptEnded(c, 2, 200, MS, null));
    l.callEnded(new CallEnded(c, 200, 2, MS, Outcome.SUCCESS, null));

    assertThat(custom).hasSingleObservationThat().hasLowCardinalityKeyValue("calm.retries", "1");
    assertThat(customMeters.recordings(REQUESTS + ".attempt"))
        .extracting(t -> t.get("calm.retries"))
        .containsExactly("0", "1");
  }

  @Test
  void aGlobalConventionOnTheRegistryIsUsedWhenTheBuilderSetsNone() {
    TestObservationRegistry withGlobal = TestObservationRegistry.create();
    withGlobal.observationConfig().observationConvention(new OperationOnly());
    CalmListener l = ObservationCalmListener.create(withGlobal);
    CallInfo c = importCall("r-10");
    l.callStarted(new CallStarted(c, Instant.now()));
    l.attemptEnded(new AttemptEnded(c, 1, 200, MS, null));
    l.callEnded(new CallEnded(c, 200, 1, MS, Outcome.SUCCESS, null));

    assertThat(withGlobal)
        .hasSingleObservationThat()
        .hasNameEqualTo("calm.calls")
        .hasLowCardinalityKeyValue("op", "transport.import")
        .doesNotHaveLowCardinalityKeyValueWithKey("outcome");
  }

  /** A global convention that names the observation and one key its own way. */
  private static final class OperationOnly
      implements GlobalObservationConvention<CalmRequestContext>, CalmObservationConvention {
    @Override
    public boolean supportsContext(Observation.Context context) {
      return context instanceof CalmRequestContext;
    }

    @Override
    public String getName() {
      return "calm.calls";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(CalmRequestContext context) {
      return KeyValues.of(KeyValue.of("op", context.call().operation()));
    }
  }

  private List<String> allValues() {
    List<String> values = new ArrayList<>();
    assertThat(registry)
        .hasHandledContextsThatSatisfy(
            cs -> cs.forEach(ctx -> {
              ctx.getAllKeyValues().forEach(kv -> values.add(kv.getKey() + "=" + kv.getValue()));
              values.add(String.valueOf(ctx.getContextualName()));
            }));
    return values;
  }

  @Test
  void theDocumentationListsTheNamesTheListenerUses() {
    assertThat(CalmObservationDocumentation.CLIENT_REQUESTS.getName()).isEqualTo(REQUESTS);
    assertThat(CalmObservationDocumentation.CLIENT_REQUESTS.getLowCardinalityKeyNames())
        .extracting(k -> k.asString())
        .containsExactly(
            "operation", "http.request.method", "http.response.status_code", "outcome", "error.type",
            "server.address", "server.port");
    assertThat(Map.of(
            CalmObservationDocumentation.TOKEN.getName(), "calm.client.token",
            CalmObservationDocumentation.AMBIGUOUS_OUTCOME.getName(), "calm.client.ambiguous"))
        .allSatisfy((k, v) -> assertThat(k).isEqualTo(v));
  }
}
