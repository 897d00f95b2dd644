package io.github.calmsdk.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.core.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ImportContractTest {
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

  private static String action(String status, String trStatus) {
    return "{\"id\":171,\"type\":\"I\",\"status\":\"" + status + "\",\"startedAt\":\"2026-11-21T10:00:01.000Z\","
        + (status.equals("running") ? "" : "\"endedAt\":\"2026-11-21T10:00:09.000Z\",")
        + "\"triggeredBy\":\"sb-client\",\"triggeredByNamedUser\":\"jane\",\"nodeName\":\"QAS_NODE\","
        + "\"transportRequests\":[{\"id\":4711,\"status\":\"" + trStatus + "\",\"entities\":"
        + "[{\"id\":1,\"uri\":\"4711\",\"fileName\":\"app.mtar\",\"status\":\"" + trStatus + "\"}]}]}";
  }

  private static void importAnswers() {
    wm.stubFor(
        post(Wm.path("/nodes/2/transportRequests/import"))
            .willReturn(okJson("{\"actionId\":171,\"monitoringURL\":\"/v2/actions/171\"}")));
  }

  @Test
  void importSendsTheChosenIdsAndNamedUserAsJsonUtf8AndReturnsTheAction() {
    importAnswers();

    ImportAction a =
        client.importTransports(
            ImportRequest.of(NodeId.of(2), TransportRequestId.of(4711), TransportRequestId.of(4712))
                .withNamedUser("jane"));

    wm.verify(
        1,
        postRequestedFor(urlEqualTo(Wm.path("/nodes/2/transportRequests/import")))
            .withHeader("Content-Type", equalTo("application/json;charset=UTF-8"))
            .withRequestBody(equalTo("{\"transportRequests\":[4711,4712],\"namedUser\":\"jane\"}")));
    assertThat(a.actionId()).isEqualTo(ActionId.of(171));
    assertThat(a.node()).contains(NodeId.of(2));
    assertThat(a.monitoringUrl()).contains("/v2/actions/171");
    assertThat(a.transportRequests()).containsExactly(TransportRequestId.of(4711), TransportRequestId.of(4712));
    assertThat(a.resetFirst()).isEmpty();
  }

  @Test
  void aNodeNameIsResolvedToItsIdThroughTheNodeList() {
    importAnswers();

    client.importTransports(ImportRequest.of(NodeName.of("QAS_NODE"), TransportRequestId.of(4711)));

    wm.verify(1, getRequestedFor(urlEqualTo(Wm.path("/nodes"))));
    wm.verify(
        postRequestedFor(urlEqualTo(Wm.path("/nodes/2/transportRequests/import")))
            .withRequestBody(equalTo("{\"transportRequests\":[4711]}")));
  }

  @Test
  void anUnknownNodeNameFailsBeforeAnyImportIsSent() {
    assertThatThrownBy(
            () -> client.importTransports(ImportRequest.of(NodeName.of("NOPE"), TransportRequestId.of(1))))
        .isInstanceOf(CalmNotFoundException.class)
        .hasMessageContaining("NOPE")
        .hasMessageContaining("QAS_NODE");
    wm.verify(0, postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
  }

  @Test
  void importAllSendsOnlyTheNamedUser() {
    wm.stubFor(
        post(Wm.path("/nodes/2/transportRequests/importAll")).willReturn(okJson("{\"actionId\":172}")));

    ImportAction a = client.importTransports(ImportRequest.all(NodeId.of(2)).withNamedUser("jane"));
    client.importTransports(ImportRequest.all(NodeId.of(2)));

    assertThat(a.actionId()).isEqualTo(ActionId.of(172));
    assertThat(a.transportRequests()).isEmpty();
    wm.verify(
        postRequestedFor(urlEqualTo(Wm.path("/nodes/2/transportRequests/importAll")))
            .withRequestBody(equalTo("{\"namedUser\":\"jane\"}")));
    wm.verify(
        postRequestedFor(urlEqualTo(Wm.path("/nodes/2/transportRequests/importAll")))
            .withRequestBody(equalTo("{}")));
  }

  @Test
  void importIntoAnUnknownNodeIsNotFound() {
    wm.stubFor(
        post(Wm.path("/nodes/117/transportRequests/import"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withBody("{\"message\":\"Node ID 117 does not exist\",\"errorType\":\"x.TsNotFoundException\"}")));

    assertThatThrownBy(() -> client.importTransports(ImportRequest.of(NodeId.of(117), TransportRequestId.of(1))))
        .isInstanceOfSatisfying(
            CalmNotFoundException.class, e -> assertThat(e.serverMessage()).isEqualTo("Node ID 117 does not exist"));
  }

  @Test
  void importWithoutTheScopeIsAnAuthException() {
    wm.stubFor(post(Wm.path("/nodes/2/transportRequests/import")).willReturn(aResponse().withStatus(403)));

    assertThatThrownBy(() -> client.importTransports(ImportRequest.of(NodeId.of(2), TransportRequestId.of(1))))
        .isInstanceOf(CalmAuthException.class);
  }

  @Test
  void anImportAcceptedWithoutAReadableActionIdIsAnUnresolvedOutcomeNotAFailureToRepeat() {
    wm.stubFor(post(Wm.path("/nodes/2/transportRequests/import")).willReturn(okJson("{\"monitoringURL\":\"x\"}")));

    assertThatThrownBy(() -> client.importTransports(ImportRequest.of(NodeId.of(2), TransportRequestId.of(1))))
        .isInstanceOf(UnresolvedOutcomeException.class)
        .satisfies(e -> assertThat(e.getCause().getCause()).isInstanceOf(CalmDecodingException.class))
        .hasStackTraceContaining("actionId");
    wm.verify(1, postRequestedFor(urlPathEqualTo(Wm.path("/nodes/2/transportRequests/import"))));
  }

  @Test
  void awaitPollsAtGrowingIntervalsUntilTheActionIsNoLongerRunning() {
    importAnswers();
    String path = Wm.path("/actions/171");
    for (int i = 0; i < 5; i++) {
      wm.stubFor(
          get(path)
              .inScenario("poll")
              .whenScenarioStateIs(i == 0 ? STARTED : "p" + i)
              .willReturn(okJson(action(i < 2 ? "initial" : "running", "running")))
              .willSetStateTo("p" + (i + 1)));
    }
    wm.stubFor(get(path).inScenario("poll").whenScenarioStateIs("p5").willReturn(okJson(action("error", "error"))));

    ImportOutcome o =
        client.importTransports(ImportRequest.of(NodeId.of(2), TransportRequestId.of(4711))).await(Duration.ofMinutes(5));

    assertThat(o.isFinished()).isTrue();
    assertThat(o.isSuccessful()).isFalse();
    assertThat(o.status()).isEqualTo(TransportStatus.ERROR);
    assertThat(o.startedAt()).isEqualTo(Instant.parse("2026-11-21T10:00:01Z"));
    assertThat(o.outcome(TransportRequestId.of(4711)).orElseThrow().entities().get(0).fileName()).isEqualTo("app.mtar");
    assertThat(clock.sleeps())
        .containsExactly(
            Duration.ofMillis(1000),
            Duration.ofMillis(1500),
            Duration.ofMillis(2250),
            Duration.ofMillis(3375),
            Duration.ofNanos(5_062_500_000L));
    wm.verify(6, getRequestedFor(urlEqualTo(path)));
  }

  @Test
  void pollIntervalsStopGrowingAtTheCap() {
    wm.stubFor(get(Wm.path("/actions/9")).willReturn(okJson("{\"id\":9,\"status\":\"running\"}")));
    DeploymentClient c =
        DeploymentClient.create(
            Wm.context(clock),
            Wm.apiBase(wm),
            DeploymentOptions.builder().pollSchedule(Duration.ofSeconds(10), 3, Duration.ofSeconds(30)).build());

    assertThatThrownBy(() -> c.action(ActionId.of(9)).await(Duration.ofSeconds(100)))
        .isInstanceOf(ImportStillRunningException.class);
    assertThat(clock.sleeps())
        .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  @Test
  void awaitGivesUpAtTheTimeoutWithTheLastStateSeen() {
    wm.stubFor(get(Wm.path("/actions/171")).willReturn(okJson(action("running", "running"))));

    assertThatThrownBy(() -> client.action(ActionId.of(171)).await(Duration.ofSeconds(10)))
        .isInstanceOfSatisfying(
            ImportStillRunningException.class,
            e -> {
              assertThat(e.lastSeen().status()).isEqualTo(TransportStatus.RUNNING);
              assertThat(e.getMessage()).contains("171").contains("still running");
            });
    Duration slept = clock.sleeps().stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(slept).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void anUnknownActionStatusEndsTheWaitAndIsKept() {
    wm.stubFor(
        get(Wm.path("/actions/171"))
            .willReturn(okJson("{\"id\":171,\"status\":\"transient\",\"transportRequests\":[{\"id\":4711,\"status\":\"queued\"}]}")));

    ImportOutcome o = client.action(ActionId.of(171)).await(Duration.ofMinutes(1));

    assertThat(o.status().kind()).isEqualTo(TransportStatus.Kind.OTHER);
    assertThat(o.status().value()).isEqualTo("transient");
    assertThat(o.transportRequests().get(0).status().value()).isEqualTo("queued");
    assertThat(clock.sleeps()).isEmpty();
  }

  @Test
  void awaitAsyncCompletesWithTheOutcome() throws Exception {
    wm.stubFor(get(Wm.path("/actions/171")).willReturn(okJson(action("succeeded", "succeeded"))));

    ImportOutcome o = client.action(ActionId.of(171)).awaitAsync(Duration.ofMinutes(1)).get(10, TimeUnit.SECONDS);

    assertThat(o.isSuccessful()).isTrue();
  }

  @Test
  void actionLogsAreTyped() {
    wm.stubFor(
        get(Wm.path("/actions/171/logs"))
            .willReturn(
                okJson(
                    "{\"logs\":[{\"transportRequestId\":4711,\"status\":\"error\",\"messages\":[{\"id\":1,"
                        + "\"messageId\":\"TS123\",\"severity\":\"E\",\"message\":\"Deploy failed\","
                        + "\"createdAt\":\"2026-11-21T10:00:05.000Z\"}],\"entities\":[{\"id\":2,\"uri\":\"4711\","
                        + "\"fileName\":\"app.mtar\",\"status\":\"error\",\"messages\":[{\"severity\":\"Q\","
                        + "\"message\":\"odd\"}]}]}]}")));

    List<ActionLog> logs = client.action(ActionId.of(171)).logs();

    assertThat(logs).hasSize(1);
    ActionLog log = logs.get(0);
    assertThat(log.transportRequestId()).isEqualTo(TransportRequestId.of(4711));
    assertThat(log.status()).isEqualTo(TransportStatus.ERROR);
    assertThat(log.messages())
        .containsExactly(
            new LogMessage(1, "TS123", LogSeverity.ERROR, "E", "Deploy failed", Instant.parse("2026-11-21T10:00:05Z")));
    LogMessage odd = log.entities().get(0).messages().get(0);
    assertThat(odd.severity()).isEqualTo(LogSeverity.OTHER);
    assertThat(odd.severityCode()).isEqualTo("Q");
    assertThat(client.actionLogs(ActionId.of(171))).isEqualTo(logs);
  }

  @Test
  void transportRequestLogsAreReadPerNode() {
    wm.stubFor(
        get(Wm.path("/nodes/2/transportRequests/4711/logs"))
            .willReturn(
                okJson(
                    "{\"logs\":[{\"actionId\":171,\"actionType\":\"I\",\"status\":\"fatal\","
                        + "\"actionStartedAt\":\"2026-11-21T10:00:01Z\",\"actionTriggeredBy\":\"sb\","
                        + "\"messages\":[{\"severity\":\"F\",\"message\":\"No target\"}]}]}")));

    List<TransportRequestLog> logs =
        client.transportRequestLogs(NodeName.of("QAS_NODE"), TransportRequestId.of(4711));

    assertThat(logs).hasSize(1);
    assertThat(logs.get(0).actionId()).isEqualTo(ActionId.of(171));
    assertThat(logs.get(0).actionType()).isEqualTo("I");
    assertThat(logs.get(0).status()).isEqualTo(TransportStatus.FATAL);
    assertThat(logs.get(0).actionStartedAt()).isEqualTo(Instant.parse("2026-11-21T10:00:01Z"));
    assertThat(logs.get(0).messages().get(0).severity()).isEqualTo(LogSeverity.FATAL);
    assertThat(logs.get(0).entities()).isEmpty();
  }

  @Test
  void lostImportAnswerIsReportedWithTheStatusesReadAndNeverSentAgain() {
    wm.stubFor(
        post(Wm.path("/nodes/2/transportRequests/import"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wm.stubFor(
        get(urlPathEqualTo(Wm.path("/nodes/2/transportRequests")))
            .willReturn(okJson(Wm.trs(Wm.tr(4711, "running"), Wm.tr(4712, "initial")))));

    assertThatThrownBy(
            () ->
                client.importTransports(
                    ImportRequest.of(NodeId.of(2), TransportRequestId.of(4711), TransportRequestId.of(4712))))
        .isInstanceOfSatisfying(
            UnresolvedOutcomeException.class,
            e -> {
              assertThat(e.observed())
                  .containsEntry(TransportRequestId.of(4711), TransportStatus.RUNNING)
                  .containsEntry(TransportRequestId.of(4712), TransportStatus.INITIAL);
              assertThat(e.getMessage()).contains("4711 running (changed)").contains("do not import again");
            });
    wm.verify(1, postRequestedFor(urlEqualTo(Wm.path("/nodes/2/transportRequests/import"))));
  }

  @Test
  void lostImportAnswerWithUnchangedStatusesSaysSoAndStillDoesNotResend() {
    wm.stubFor(
        post(Wm.path("/nodes/2/transportRequests/import")).willReturn(aResponse().withStatus(502)));
    wm.stubFor(
        get(urlPathEqualTo(Wm.path("/nodes/2/transportRequests")))
            .willReturn(okJson(Wm.trs(Wm.tr(4711, "initial")))));

    assertThatThrownBy(() -> client.importTransports(ImportRequest.of(NodeId.of(2), TransportRequestId.of(4711))))
        .isInstanceOf(UnresolvedOutcomeException.class)
        .hasMessageContaining("4711 initial (unchanged)")
        .hasMessageContaining("look again before importing again");
    wm.verify(1, postRequestedFor(urlEqualTo(Wm.path("/nodes/2/transportRequests/import"))));
  }
}
