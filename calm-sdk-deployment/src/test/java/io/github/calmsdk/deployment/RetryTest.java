package io.github.calmsdk.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.testing.FakeClock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retry does what each transport request's status needs, and refuses what it cannot do safely. */
class RetryTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private static final String RESET = Wm.path("/nodes/2/transportRequests/reset");
  private static final String IMPORT = Wm.path("/nodes/2/transportRequests/import");
  private static final String QUEUE = Wm.path("/nodes/2/transportRequests");

  private final FakeClock clock = new FakeClock();
  private DeploymentClient client;

  @BeforeEach
  void setUp() {
    client = Wm.client(wm, clock);
    wm.stubFor(post(RESET).willReturn(noContent()));
    wm.stubFor(post(IMPORT).willReturn(okJson("{\"actionId\":300,\"monitoringURL\":\"/v2/actions/300\"}")));
  }

  private static void queueIs(String... trs) {
    wm.stubFor(get(urlPathEqualTo(QUEUE)).willReturn(okJson(Wm.trs(trs))));
  }

  private ImportAction retry(long... ids) {
    TransportRequestId[] tr = new TransportRequestId[ids.length];
    for (int i = 0; i < ids.length; i++) {
      tr[i] = TransportRequestId.of(ids[i]);
    }
    return client.retry(RetryRequest.of(NodeId.of(2), tr).withNamedUser("jane"));
  }

  @ParameterizedTest(name = "{0} is reset, then imported")
  @ValueSource(strings = {"error", "skipped", "succeeded"})
  void resettableStatusesAreResetThenImported(String status) {
    queueIs(Wm.tr(4711, status));

    ImportAction a = retry(4711);

    assertThat(a.actionId()).isEqualTo(ActionId.of(300));
    assertThat(a.resetFirst()).containsExactly(TransportRequestId.of(4711));
    wm.verify(
        getRequestedFor(urlPathEqualTo(QUEUE)).withQueryParam("status", equalTo("in,ru,re,su,sk,wa,er,fa,de")));
    wm.verify(
        1,
        postRequestedFor(urlEqualTo(RESET))
            .withHeader("Content-Type", equalTo("application/json;charset=UTF-8"))
            .withRequestBody(equalTo("{\"transportRequests\":[4711],\"namedUser\":\"jane\"}")));
    wm.verify(
        1,
        postRequestedFor(urlEqualTo(IMPORT))
            .withRequestBody(equalTo("{\"transportRequests\":[4711],\"namedUser\":\"jane\"}")));
    List<String> order =
        wm.getAllServeEvents().stream()
            .map(e -> e.getRequest().getUrl())
            .filter(u -> u.endsWith("/reset") || u.endsWith("/import"))
            .toList();
    assertThat(order).containsExactly(IMPORT, RESET); // newest first
  }

  @ParameterizedTest(name = "{0} is imported directly")
  @ValueSource(strings = {"fatal", "repeat", "initial"})
  void importableStatusesAreImportedWithoutReset(String status) {
    queueIs(Wm.tr(4711, status));

    ImportAction a = retry(4711);

    assertThat(a.resetFirst()).isEmpty();
    wm.verify(0, postRequestedFor(urlEqualTo(RESET)));
    wm.verify(1, postRequestedFor(urlEqualTo(IMPORT)));
  }

  @Test
  void aMixOfStatusesResetsOnlyThoseThatNeedItAndImportsAllInOneAction() {
    queueIs(Wm.tr(1, "error"), Wm.tr(2, "fatal"), Wm.tr(3, "succeeded"));

    ImportAction a = retry(1, 2, 3);

    assertThat(a.resetFirst()).containsExactly(TransportRequestId.of(1), TransportRequestId.of(3));
    wm.verify(postRequestedFor(urlEqualTo(RESET)).withRequestBody(equalTo("{\"transportRequests\":[1,3],\"namedUser\":\"jane\"}")));
    wm.verify(
        postRequestedFor(urlEqualTo(IMPORT)).withRequestBody(equalTo("{\"transportRequests\":[1,2,3],\"namedUser\":\"jane\"}")));
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(strings = {"running", "deleted", "unknown", "transient", "warning"})
  void statusesWithoutASafeRetryAreRefusedBeforeAnythingIsSent(String status) {
    queueIs(Wm.tr(4711, status));

    assertThatThrownBy(() -> retry(4711))
        .isInstanceOfSatisfying(
            TransportNotRetryableException.class,
            e -> {
              assertThat(e.transportRequestId()).isEqualTo(TransportRequestId.of(4711));
              assertThat(e.transportStatus()).contains(TransportStatus.of(status));
              assertThat(e.field()).isEqualTo("transportRequests");
              assertThat(e.getMessage()).contains("4711").contains(status);
            });
    wm.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void archivedTransportRequestsAreRefused() {
    queueIs(Wm.tr(4711, "error").replace("\"archived\":false", "\"archived\":true"));

    assertThatThrownBy(() -> retry(4711))
        .isInstanceOfSatisfying(TransportNotRetryableException.class, e -> assertThat(e.archived()).isTrue())
        .hasMessageContaining("archived");
    wm.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void aTransportRequestNotInTheQueueIsRefused() {
    queueIs(Wm.tr(1, "error"));

    assertThatThrownBy(() -> retry(1, 4711))
        .isInstanceOfSatisfying(
            TransportNotRetryableException.class,
            e -> {
              assertThat(e.transportRequestId()).isEqualTo(TransportRequestId.of(4711));
              assertThat(e.transportStatus()).isEmpty();
            })
        .hasMessageContaining("not in the queue");
    wm.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void warningCanBeMadeResettableByConfiguration() {
    DeploymentClient lenient =
        DeploymentClient.create(
            Wm.context(clock),
            Wm.apiBase(wm),
            DeploymentOptions.builder()
                .resetThenImport(Set.of(TransportStatus.ERROR, TransportStatus.WARNING))
                .build());
    queueIs(Wm.tr(4711, "warning"));

    ImportAction a = lenient.retry(RetryRequest.of(NodeId.of(2), TransportRequestId.of(4711)));

    assertThat(a.resetFirst()).containsExactly(TransportRequestId.of(4711));
  }

  @Test
  void aLostResetAnswerWithTheTransportRequestNowRepeatableMeansTheResetHappened() {
    wm.stubFor(post(RESET).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wm.stubFor(
        get(urlPathEqualTo(QUEUE))
            .inScenario("reset")
            .whenScenarioStateIs(STARTED)
            .willReturn(okJson(Wm.trs(Wm.tr(4711, "error"))))
            .willSetStateTo("after"));
    wm.stubFor(
        get(urlPathEqualTo(QUEUE))
            .inScenario("reset")
            .whenScenarioStateIs("after")
            .willReturn(okJson(Wm.trs(Wm.tr(4711, "repeat")))));

    ImportAction a = retry(4711);

    assertThat(a.actionId()).isEqualTo(ActionId.of(300));
    wm.verify(1, postRequestedFor(urlEqualTo(RESET)));
    wm.verify(1, postRequestedFor(urlEqualTo(IMPORT)));
  }

  @Test
  void aLostResetAnswerWithTheStatusUnchangedResetsOnceMore() {
    wm.stubFor(
        post(RESET)
            .inScenario("lost")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("ok"));
    wm.stubFor(post(RESET).inScenario("lost").whenScenarioStateIs("ok").willReturn(noContent()));
    queueIs(Wm.tr(4711, "error"));

    retry(4711);

    wm.verify(2, postRequestedFor(urlEqualTo(RESET)));
    wm.verify(1, postRequestedFor(urlEqualTo(IMPORT)));
  }

  @Test
  void aLostResetAnswerWithTheStatusChangedOtherwiseIsUnresolvedAndNothingIsImported() {
    wm.stubFor(post(RESET).willReturn(aResponse().withStatus(504)));
    wm.stubFor(
        get(urlPathEqualTo(QUEUE))
            .inScenario("reset")
            .whenScenarioStateIs(STARTED)
            .willReturn(okJson(Wm.trs(Wm.tr(4711, "error"))))
            .willSetStateTo("after"));
    wm.stubFor(
        get(urlPathEqualTo(QUEUE))
            .inScenario("reset")
            .whenScenarioStateIs("after")
            .willReturn(okJson(Wm.trs(Wm.tr(4711, "running")))));

    assertThatThrownBy(() -> retry(4711))
        .isInstanceOfSatisfying(
            UnresolvedOutcomeException.class,
            e -> assertThat(e.observed()).containsEntry(TransportRequestId.of(4711), TransportStatus.RUNNING))
        .hasMessageContaining("4711 is now running (was error)");
    wm.verify(1, postRequestedFor(urlEqualTo(RESET)));
    wm.verify(0, postRequestedFor(urlEqualTo(IMPORT)));
  }

  @Test
  void aLostImportAnswerAfterResetComparesWithRepeatable() {
    wm.stubFor(post(IMPORT).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wm.stubFor(
        get(urlPathEqualTo(QUEUE))
            .inScenario("s")
            .whenScenarioStateIs(STARTED)
            .willReturn(okJson(Wm.trs(Wm.tr(4711, "error"))))
            .willSetStateTo("after"));
    wm.stubFor(
        get(urlPathEqualTo(QUEUE))
            .inScenario("s")
            .whenScenarioStateIs("after")
            .willReturn(okJson(Wm.trs(Wm.tr(4711, "repeat")))));

    assertThatThrownBy(() -> retry(4711))
        .isInstanceOf(UnresolvedOutcomeException.class)
        .hasMessageContaining("4711 repeat (unchanged)");
    wm.verify(1, postRequestedFor(urlEqualTo(IMPORT)));
  }

  @Test
  void aNamedNodeIsResolvedOnce() {
    wm.stubFor(get(Wm.path("/nodes")).willReturn(okJson(Wm.nodesJson())));
    queueIs(Wm.tr(4711, "fatal"));

    client.retry(RetryRequest.of(NodeName.of("QAS_NODE"), TransportRequestId.of(4711)));

    wm.verify(1, getRequestedFor(urlEqualTo(Wm.path("/nodes"))));
    wm.verify(1, postRequestedFor(urlEqualTo(IMPORT)));
  }
}
