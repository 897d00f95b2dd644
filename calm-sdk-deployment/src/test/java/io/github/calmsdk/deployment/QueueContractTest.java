package io.github.calmsdk.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.core.error.CalmUnavailableException;
import io.github.calmsdk.core.testing.FakeClock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Nodes, the queue listing and the explicit transitions. */
class QueueContractTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private final FakeClock clock = new FakeClock();
  private DeploymentClient client;

  @BeforeEach
  void setUp() {
    client = Wm.client(wm, clock);
    wm.stubFor(get(Wm.path("/nodes")).willReturn(okJson(Wm.nodesJson())));
  }

  @Test
  void nodesAreReadFromTheCloudAlmPassThroughPathAndTyped() {
    List<Node> nodes = client.nodes();

    wm.verify(
        getRequestedFor(urlEqualTo("/api/imp-cdm-transport-management-api/v1/v2/nodes"))
            .withHeader("Accept", equalTo("application/json")));
    assertThat(nodes).hasSize(3);
    assertThat(nodes.get(0))
        .isEqualTo(new Node(NodeId.of(1), NodeName.of("DEV_NODE"), "Development", true, false, null, "AUTO", false));
    assertThat(nodes.get(2).importDisabled()).isTrue();
    assertThat(nodes.get(2).importDisabledReason()).isEqualTo("freeze");
  }

  @Test
  void aNodeIsFoundByIdOrByName() {
    assertThat(client.node(NodeId.of(2)).map(Node::name)).contains(NodeName.of("QAS_NODE"));
    assertThat(client.node(NodeName.of("PRD_NODE")).map(Node::id)).contains(NodeId.of(3));
    assertThat(client.node(NodeName.of("NONE"))).isEqualTo(Optional.empty());
    assertThat(client.node(NodeId.of(99))).isEmpty();
  }

  @Test
  void theBasePathIsConfigurable() {
    wm.stubFor(get("/tms/v2/nodes").willReturn(okJson("{\"nodes\":[]}")));
    DeploymentClient c =
        DeploymentClient.create(
            Wm.context(clock),
            java.net.URI.create(wm.baseUrl() + "/tms/"),
            DeploymentOptions.builder().basePath("").build());

    assertThat(c.nodes()).isEmpty();
  }

  @Test
  void aNodeNameOver30CharactersFromTheServerIsADecodingFailureNotAValidationError() {
    wm.stubFor(get(Wm.path("/nodes")).willReturn(okJson("{\"nodes\":[{\"id\":1,\"name\":\"" + "N".repeat(31) + "\"}]}")));

    assertThatThrownBy(() -> client.nodes())
        .isInstanceOf(CalmDecodingException.class)
        .hasMessageContaining("nodeName");
  }

  @Test
  void nodesWithoutScopeIsAnAuthException() {
    wm.stubFor(
        get(Wm.path("/nodes"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody("{\"error\":\"unauthorized\",\"error_description\":\"Full authentication is required\"}")));

    assertThatThrownBy(() -> client.nodes())
        .isInstanceOfSatisfying(
            CalmAuthException.class,
            e -> assertThat(e.serverMessage()).isEqualTo("Full authentication is required"));
  }

  @Test
  void nodesAnswering500AreRetriedThenUnavailable() {
    wm.stubFor(get(Wm.path("/nodes")).willReturn(aResponse().withStatus(500)));

    assertThatThrownBy(() -> client.nodes()).isInstanceOf(CalmUnavailableException.class);
    wm.verify(4, getRequestedFor(urlEqualTo(Wm.path("/nodes"))));
  }

  @Test
  void theQueueQuerySendsStatusesAsACommaListAndTimesInUtcMillis() {
    wm.stubFor(
        get(urlEqualTo(
                Wm.path(
                    "/nodes/2/transportRequests?status=in,er&createdAtFrom=2026-11-20T08:30:00.000Z"
                        + "&createdAtTo=2026-11-21T10:00:00.123Z&owner=CI%20USER%2Fjane")))
            .willReturn(okJson(Wm.trs(Wm.tr(4711, "error", "4711")))));

    List<TransportRequest> trs =
        client.transportRequests(
            TransportQuery.builder()
                .node(NodeName.of("QAS_NODE"))
                .status(TransportStatus.ERROR)
                .status(TransportStatus.INITIAL)
                .createdAfter(Instant.parse("2026-11-20T08:30:00Z"))
                .createdBefore(Instant.parse("2026-11-21T10:00:00.123456Z"))
                .owner("CI USER/jane")
                .build());

    assertThat(trs).hasSize(1);
  }

  @Test
  void queuedTransportRequestsAreTypedAndUnknownStatusesKept() {
    wm.stubFor(
        get(urlEqualTo(Wm.path("/nodes/2/transportRequests?status=in,ru,re,su,sk,wa,er,fa,de")))
            .willReturn(
                okJson(
                    "{\"transportRequests\":[{\"id\":4711,\"status\":\"error\",\"archived\":true,\"position\":3,"
                        + "\"createdBy\":\"sb-client\",\"createdByNamedUser\":\"jane\","
                        + "\"createdAt\":\"2026-11-21T09:00:00.000Z\",\"queuedAt\":\"2026-11-21T09:00:01.500Z\","
                        + "\"description\":\"Release 1\",\"origin\":\"DEV_NODE\",\"entries\":[{\"id\":9,"
                        + "\"storageType\":\"FILE\",\"contentType\":\"MTA\",\"uri\":\"4711\"}]},"
                        + "{\"id\":4712,\"status\":\"transient\",\"createdAt\":\"not a date\"}]}")));

    List<TransportRequest> trs = client.transportRequests(TransportQuery.allStatuses(NodeId.of(2)));

    assertThat(trs.get(0))
        .isEqualTo(
            new TransportRequest(
                TransportRequestId.of(4711),
                TransportStatus.ERROR,
                true,
                3,
                "sb-client",
                "jane",
                Instant.parse("2026-11-21T09:00:00Z"),
                Instant.parse("2026-11-21T09:00:01.500Z"),
                "Release 1",
                "DEV_NODE",
                List.of(new TransportEntry(9, StorageType.FILE, ContentType.MTA, "4711"))));
    assertThat(trs.get(1).status().value()).isEqualTo("transient");
    assertThat(trs.get(1).status().kind()).isEqualTo(TransportStatus.Kind.OTHER);
    assertThat(trs.get(1).createdAt()).isNull();
    assertThat(trs.get(1).entries()).isEmpty();
  }

  @Test
  void statusesCanBeAskedOneCallEachWhereCommaListsAreNotAccepted() {
    wm.stubFor(
        get(urlEqualTo(Wm.path("/nodes/2/transportRequests?status=in")))
            .willReturn(okJson(Wm.trs(Wm.tr(1, "initial"), Wm.tr(2, "initial")))));
    wm.stubFor(
        get(urlEqualTo(Wm.path("/nodes/2/transportRequests?status=er")))
            .willReturn(okJson(Wm.trs(Wm.tr(3, "error"), Wm.tr(2, "initial")))));
    DeploymentClient oneEach =
        DeploymentClient.create(
            Wm.context(clock), Wm.apiBase(wm), DeploymentOptions.builder().statusFilter(StatusFilter.ONE_CALL_PER_STATUS).build());

    List<TransportRequest> trs =
        oneEach.transportRequests(TransportQuery.of(NodeId.of(2), TransportStatus.ERROR, TransportStatus.INITIAL));

    assertThat(trs).extracting(t -> t.id().value()).containsExactly(1L, 2L, 3L);
    wm.verify(0, getRequestedFor(urlEqualTo(Wm.path("/nodes/2/transportRequests?status=in,er"))));
  }

  @Test
  void theQueueOfAnUnknownNodeIsNotFound() {
    wm.stubFor(
        get(urlEqualTo(Wm.path("/nodes/117/transportRequests?status=er")))
            .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Node ID 117 does not exist\"}")));

    assertThatThrownBy(() -> client.transportRequests(TransportQuery.of(NodeId.of(117), TransportStatus.ERROR)))
        .isInstanceOf(CalmNotFoundException.class);
  }

  @ParameterizedTest(name = "{0} answered {1} -> {2}")
  @CsvSource({
    "action, 401, CalmAuthException",
    "action, 404, CalmNotFoundException",
    "actionLogs, 403, CalmAuthException",
    "trLogs, 404, CalmNotFoundException",
    "queue, 400, CalmInvalidRequestException",
    "queue, 403, CalmAuthException",
    "forward, 400, CalmInvalidRequestException",
    "remove, 404, CalmNotFoundException",
    "reset, 422, CalmInvalidRequestException",
  })
  void documentedErrorStatusesMapToTheCoreExceptions(String call, int status, String type) {
    wm.stubFor(
        any(urlPathMatching(Wm.ROOT + "/(actions|nodes/2/).*"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"errorType\":\"x.Ts" + status + "\",\"message\":\"m\"}")));
    TransitionRequest one = TransitionRequest.of(NodeId.of(2), TransportRequestId.of(4711));
    Runnable r =
        switch (call) {
          case "action" -> () -> client.action(ActionId.of(171)).poll();
          case "actionLogs" -> () -> client.actionLogs(ActionId.of(171));
          case "trLogs" -> () -> client.transportRequestLogs(NodeId.of(2), TransportRequestId.of(4711));
          case "queue" -> () -> client.transportRequests(TransportQuery.allStatuses(NodeId.of(2)));
          case "forward" -> () -> client.forward(one);
          case "remove" -> () -> client.remove(one);
          case "reset" -> () -> client.reset(one);
          default -> throw new IllegalArgumentException(call);
        };

    assertThatThrownBy(r::run)
        .satisfies(e -> assertThat(e.getClass().getSimpleName()).isEqualTo(type))
        .isInstanceOfSatisfying(
            io.github.calmsdk.core.error.CalmException.class,
            e -> {
              assertThat(e.status()).isEqualTo(status);
              assertThat(e.errorCode()).isEqualTo("Ts" + status);
            });
  }

  @Test
  void forwardResetAndRemoveSendTheIdsAndNamedUserAndExpect204() {
    for (String verb : List.of("forward", "reset", "remove")) {
      wm.stubFor(post(Wm.path("/nodes/2/transportRequests/" + verb)).willReturn(noContent()));
    }
    TransitionRequest r =
        TransitionRequest.of(NodeName.of("QAS_NODE"), TransportRequestId.of(4711), TransportRequestId.of(4712))
            .withNamedUser("jane");

    client.forward(r);
    client.reset(r);
    client.remove(r);

    for (String verb : List.of("forward", "reset", "remove")) {
      wm.verify(
          1,
          postRequestedFor(urlEqualTo(Wm.path("/nodes/2/transportRequests/" + verb)))
              .withHeader("Content-Type", equalTo("application/json;charset=UTF-8"))
              .withRequestBody(equalTo("{\"transportRequests\":[4711,4712],\"namedUser\":\"jane\"}")));
    }
  }

  @Test
  void aLostForwardAnswerIsPassedOnAsAmbiguousAndNotSentAgain() {
    wm.stubFor(
        post(Wm.path("/nodes/2/transportRequests/forward"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> client.forward(TransitionRequest.of(NodeId.of(2), TransportRequestId.of(1))))
        .isInstanceOf(CalmAmbiguousOutcomeException.class);
    wm.verify(1, postRequestedFor(urlEqualTo(Wm.path("/nodes/2/transportRequests/forward"))));
  }

  @Test
  void aLostResetAnswerIsSettledByReadingTheStatus() {
    wm.stubFor(
        post(Wm.path("/nodes/2/transportRequests/reset"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wm.stubFor(
        get(urlEqualTo(Wm.path("/nodes/2/transportRequests?status=in,ru,re,su,sk,wa,er,fa,de")))
            .willReturn(okJson(Wm.trs(Wm.tr(4711, "repeat")))));

    client.reset(TransitionRequest.of(NodeId.of(2), TransportRequestId.of(4711)));

    wm.verify(1, postRequestedFor(urlEqualTo(Wm.path("/nodes/2/transportRequests/reset"))));
  }
}
