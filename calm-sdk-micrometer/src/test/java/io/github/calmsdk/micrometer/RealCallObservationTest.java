package io.github.calmsdk.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.features.FeatureUpdate;
import io.github.calmsdk.testkit.FakeCalm;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real calls through CalmClient against the testkit's FakeCalm, with the listener installed as users do. */
class RealCallObservationTest {
  private static final String REQUESTS = "calm.client.requests";

  @RegisterExtension final SwallowedFailures swallowed = new SwallowedFailures();

  private final TestObservationRegistry registry = TestObservationRegistry.create();
  private final MeterNames meters = new MeterNames();
  private FakeCalm fake;
  private CalmClient calm;

  @BeforeEach
  void start() {
    registry.observationConfig().observationHandler(meters);
    fake = FakeCalm.start();
    calm =
        CalmClient.builder()
            .serviceKey(ServiceKey.fromJson(fake.serviceKeyJson()))
            .sleeper(d -> {}) // retries without waiting; the waits asked for still show in the retry events
            .addListener(ObservationCalmListener.create(registry))
            .build();
  }

  @AfterEach
  void stop() {
    calm.close();
    fake.close();
    assertThat(swallowed.messages()).as("failures the adapter swallowed").isEmpty();
  }

  @Test
  void aCallAnswered503Then503Then200IsExactlyOneObservationWithThreeAttemptsAndTwoRetries() {
    calm.credentials().token(); // the token first, so only the nodes call is observed below
    registry.clear();
    fake.faults().on("GET", ".*/v2/nodes").status(503).times(2);

    calm.deployment().nodes();

    assertThat(registry)
        .hasNumberOfObservationsEqualTo(1)
        .hasSingleObservationThat()
        .hasNameEqualTo(REQUESTS)
        .hasBeenStopped()
        .hasLowCardinalityKeyValue("operation", "transport.nodes")
        .hasLowCardinalityKeyValue("http.request.method", "GET")
        .hasLowCardinalityKeyValue("http.response.status_code", "200")
        .hasLowCardinalityKeyValue("outcome", "SUCCESS")
        .hasLowCardinalityKeyValue("error.type", "none")
        .hasLowCardinalityKeyValue("server.address", fake.apiUri().getHost())
        .hasHighCardinalityKeyValueWithKey("request.id")
        .hasEvent("attempt", "attempt 3: 200")
        .doesNotHaveError();
    assertThat(meters.recordings(REQUESTS)).filteredOn(t -> t.get("operation").equals("transport.nodes")).hasSize(1);
    assertThat(meters.recordings(REQUESTS + ".attempt"))
        .filteredOn(t -> t.get("operation").equals("transport.nodes"))
        .extracting(t -> t.get("http.response.status_code"))
        .containsExactly("503", "503", "200");
    assertThat(meters.recordings(REQUESTS + ".retry"))
        .hasSize(2)
        .allSatisfy(
            t -> assertThat(t).containsEntry("error.type", "503").containsEntry("operation", "transport.nodes"));
  }

  @Test
  void theFirstCallsTokenFetchIsAChildCallAndAFetchedTokenObservation() {
    calm.deployment().nodes();

    List<Observation.Context> contexts = new ArrayList<>();
    assertThat(registry).hasHandledContextsThatSatisfy(contexts::addAll);
    CalmRequestContext nodes = call(contexts, "transport.nodes");
    CalmRequestContext token = call(contexts, "auth.token");
    assertThat(token.getParentObservation().getContextView()).isSameAs(nodes);
    assertThat(contexts)
        .filteredOn(c -> c.getName().equals("calm.client.token"))
        .singleElement()
        .satisfies(c -> assertThat(c.getLowCardinalityKeyValue("kind").getValue()).isEqualTo("FETCHED"));
    assertThat(meters.names()).contains("calm.client.token.fetched");
    assertThat(registry.getCurrentObservation()).as("no scope left open on the calling thread").isNull();
  }

  @Test
  void aTokenRefreshAfterExpiryIsCountedAsRefreshed() {
    calm.deployment().nodes();
    fake.expireAllTokens();
    calm.deployment().nodes();

    assertThat(meters.recordings("calm.client.token.refreshed")).hasSize(1);
  }

  @Test
  void noKeyValueOrNameEverHoldsTheSecretOrTheToken() {
    fake.faults().on("GET", ".*/v2/nodes").status(503).once();
    calm.deployment().nodes();

    List<String> values = new ArrayList<>();
    assertThat(registry)
        .hasHandledContextsThatSatisfy(
            cs -> cs.forEach(c -> {
              c.getAllKeyValues().forEach(kv -> values.add(kv.getKey() + "=" + kv.getValue()));
              values.add(c.getName() + " " + c.getContextualName());
            }));
    assertThat(values)
        .isNotEmpty()
        .noneMatch(v -> v.contains(fake.clientSecret()))
        .noneMatch(v -> v.contains(fake.accessToken()));
  }

  @Test
  void aFeatureUpdateWhoseAnswerWasLostIsAnAmbiguousCallThenAnAppliedSettlement() {
    String uuid = fake.addFeature("proj-1", "Payment run", null);
    fake.faults().on("PATCH", ".*").dropResponseAfterProcessing().once();

    calm.features().update(uuid, FeatureUpdate.builder().title("Payment run, phase 2").build());

    assertThat(registry)
        .hasAnObservation(
            o -> o.hasNameEqualTo(REQUESTS)
                .hasLowCardinalityKeyValue("operation", "features.update")
                .hasLowCardinalityKeyValue("outcome", "AMBIGUOUS")
                .hasLowCardinalityKeyValue("http.response.status_code", "none"))
        .hasAnObservation(
            o -> o.hasNameEqualTo("calm.client.ambiguous")
                .hasLowCardinalityKeyValue("operation", "features.update")
                .hasLowCardinalityKeyValue("resolution", "APPLIED"));
    assertThat(meters.recordings("calm.client.ambiguous.settled")).hasSize(1);
  }

  private static CalmRequestContext call(List<Observation.Context> contexts, String operation) {
    return contexts.stream()
        .filter(c -> c instanceof CalmRequestContext r && r.call().operation().equals(operation))
        .map(CalmRequestContext.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + operation + " call among " + contexts));
  }
}
