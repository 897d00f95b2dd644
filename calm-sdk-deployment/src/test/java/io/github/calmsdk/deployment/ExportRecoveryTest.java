package io.github.calmsdk.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
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
import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmUnavailableException;
import io.github.calmsdk.core.testing.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A lost answer to a state-changing export call never yields a second transport request. */
class ExportRecoveryTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private static final String ALL = "in,ru,re,su,sk,wa,er,fa,de";

  @TempDir Path dir;

  private final FakeClock clock = new FakeClock();
  private DeploymentClient client;
  private Path mtar;

  @BeforeEach
  void setUp() throws IOException {
    client = Wm.client(wm, clock);
    mtar = dir.resolve("app.mtar");
    Files.write(mtar, new byte[] {1, 2, 3});
    wm.stubFor(
        post(Wm.path("/files/upload"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"fileId\":4711,\"fileName\":\"app.mtar\"}")));
    wm.stubFor(get(Wm.path("/nodes")).willReturn(okJson(Wm.nodesJson())));
  }

  private ExportRequest.Builder request() {
    return ExportRequest.builder().node("DEV_NODE").file(mtar).contentType(ContentType.MTA).description("Release 1");
  }

  private static void queue(long nodeId, String body) {
    wm.stubFor(get(urlPathEqualTo(Wm.path("/nodes/" + nodeId + "/transportRequests"))).willReturn(okJson(body)));
  }

  @Test
  void lostExportAnswerIsResolvedFromTheFollowOnQueueAndExportIsSentOnce() {
    wm.stubFor(post(Wm.path("/nodes/export")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wm.stubFor(
        get(Wm.path("/routes"))
            .willReturn(okJson("{\"routes\":[{\"id\":5,\"name\":\"DEV_QAS\",\"sourceNodeId\":1,\"targetNodeId\":2}]}")));
    queue(2, Wm.trs(Wm.tr(98, "initial", "4700"), Wm.tr(99, "initial", "4711")));

    ExportResult r = client.export(request().build());

    assertThat(r.recovered()).isTrue();
    assertThat(r.transportRequestId()).isEqualTo(TransportRequestId.of(99));
    assertThat(r.description()).isEqualTo("TR 99");
    assertThat(r.queueEntries())
        .containsExactly(new QueueEntry(OptionalLong.empty(), NodeId.of(2), NodeName.of("QAS_NODE")));
    assertThat(r.uploadedFiles()).containsExactly(new UploadedFile(4711, "app.mtar"));
    wm.verify(1, postRequestedFor(urlEqualTo(Wm.path("/nodes/export"))));
    wm.verify(
        getRequestedFor(urlPathEqualTo(Wm.path("/nodes/2/transportRequests")))
            .withQueryParam("status", equalTo(ALL))
            .withQueryParam("createdAtFrom", equalTo("2026-11-21T09:00:00.000Z")));
    wm.verify(0, getRequestedFor(urlPathEqualTo(Wm.path("/nodes/3/transportRequests"))));
  }

  @Test
  void exportAnswered500IsResolvedTheSameWayBecauseItMayHaveBeenApplied() {
    wm.stubFor(post(Wm.path("/nodes/export")).willReturn(aResponse().withStatus(500)));
    wm.stubFor(
        get(Wm.path("/routes")).willReturn(okJson("{\"routes\":[{\"sourceNodeId\":1,\"targetNodeId\":2}]}")));
    queue(2, Wm.trs(Wm.tr(99, "initial", "4711")));

    ExportResult r = client.export(request().build());

    assertThat(r.recovered()).isTrue();
    assertThat(r.transportRequestId()).isEqualTo(TransportRequestId.of(99));
    wm.verify(1, postRequestedFor(urlEqualTo(Wm.path("/nodes/export"))));
  }

  @Test
  void withoutRoutesEveryOtherNodeIsSearched() {
    wm.stubFor(post(Wm.path("/nodes/export")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wm.stubFor(get(Wm.path("/routes")).willReturn(notFound()));
    queue(2, Wm.trs());
    queue(3, Wm.trs(Wm.tr(99, "initial", "4711")));

    ExportResult r = client.export(request().build());

    assertThat(r.transportRequestId()).isEqualTo(TransportRequestId.of(99));
    assertThat(r.queueEntries()).extracting(QueueEntry::nodeName).containsExactly(NodeName.of("PRD_NODE"));
    wm.verify(0, getRequestedFor(urlPathEqualTo(Wm.path("/nodes/1/transportRequests"))));
    wm.verify(1, postRequestedFor(urlEqualTo(Wm.path("/nodes/export"))));
  }

  @Test
  void routesAreNotAskedWhenSwitchedOff() {
    DeploymentClient noRoutes =
        DeploymentClient.create(
            Wm.context(clock), Wm.apiBase(wm), DeploymentOptions.builder().recoveryUsesRoutes(false).build());
    wm.stubFor(post(Wm.path("/nodes/export")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    queue(2, Wm.trs(Wm.tr(99, "initial", "4711")));
    queue(3, Wm.trs());

    assertThat(noRoutes.export(request().build()).transportRequestId()).isEqualTo(TransportRequestId.of(99));
    wm.verify(0, getRequestedFor(urlEqualTo(Wm.path("/routes"))));
  }

  @Test
  void lostUploadOnlyAnswerIsResolvedFromTheNodesOwnQueue() {
    wm.stubFor(post(Wm.path("/nodes/upload")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    queue(1, Wm.trs(Wm.tr(77, "initial", "4711")));

    ExportResult r = client.export(request().mode(ExportMode.UPLOAD_ONLY).build());

    assertThat(r.recovered()).isTrue();
    assertThat(r.transportRequestId()).isEqualTo(TransportRequestId.of(77));
    assertThat(r.queueEntries()).extracting(QueueEntry::nodeId).containsExactly(NodeId.of(1));
    wm.verify(0, getRequestedFor(urlEqualTo(Wm.path("/routes"))));
    wm.verify(1, postRequestedFor(urlEqualTo(Wm.path("/nodes/upload"))));
  }

  @Test
  void lostExportThatShowsInNoQueueIsReportedWithWhatWasCheckedAndNotSentAgain() {
    wm.stubFor(post(Wm.path("/nodes/export")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wm.stubFor(
        get(Wm.path("/routes")).willReturn(okJson("{\"routes\":[{\"sourceNodeId\":1,\"targetNodeId\":2}]}")));
    queue(2, Wm.trs(Wm.tr(98, "initial", "4700")));

    assertThatThrownBy(() -> client.export(request().build()))
        .isInstanceOfSatisfying(
            UnresolvedOutcomeException.class,
            e -> {
              assertThat(e).isInstanceOf(CalmAmbiguousOutcomeException.class);
              assertThat(e.checks()).anySatisfy(c -> assertThat(c).contains("/v2/routes").contains("QAS_NODE"));
              assertThat(e.checks())
                  .anySatisfy(c -> assertThat(c).contains("/v2/nodes/2/transportRequests").contains("no transport"));
              assertThat(e.getMessage()).contains("look again before exporting again");
            });
    wm.verify(1, postRequestedFor(urlEqualTo(Wm.path("/nodes/export"))));
  }

  @Test
  void twoMatchingTransportRequestsAreReportedNotGuessed() {
    wm.stubFor(post(Wm.path("/nodes/export")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wm.stubFor(
        get(Wm.path("/routes")).willReturn(okJson("{\"routes\":[{\"sourceNodeId\":1,\"targetNodeId\":2}]}")));
    queue(2, Wm.trs(Wm.tr(98, "initial", "4711"), Wm.tr(99, "initial", "4711")));

    assertThatThrownBy(() -> client.export(request().build()))
        .isInstanceOf(UnresolvedOutcomeException.class)
        .hasMessageContaining("several");
  }

  @Test
  void queuesThatCannotBeReadLeaveTheOutcomeUnresolved() {
    wm.stubFor(post(Wm.path("/nodes/export")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wm.stubFor(
        get(Wm.path("/routes")).willReturn(okJson("{\"routes\":[{\"sourceNodeId\":1,\"targetNodeId\":2}]}")));
    wm.stubFor(
        get(urlPathEqualTo(Wm.path("/nodes/2/transportRequests"))).willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> client.export(request().build()))
        .isInstanceOfSatisfying(
            UnresolvedOutcomeException.class,
            e -> assertThat(e.getSuppressed()).anySatisfy(s -> assertThat(s).isInstanceOf(CalmUnavailableException.class)))
        .hasMessageContaining("could not be read");
    wm.verify(1, postRequestedFor(urlEqualTo(Wm.path("/nodes/export"))));
  }

  @Test
  void lostUploadAnswerIsUploadedAgainBecauseAnOrphanFileCreatesNoTransportRequest() {
    wm.stubFor(
        post(Wm.path("/files/upload"))
            .inScenario("lost")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("again"));
    wm.stubFor(
        post(Wm.path("/files/upload"))
            .inScenario("lost")
            .whenScenarioStateIs("again")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"fileId\":4712,\"fileName\":\"app.mtar\"}")));
    wm.stubFor(
        post(Wm.path("/nodes/export"))
            .willReturn(okJson("{\"transportRequestId\":99,\"queueEntries\":[]}")));

    ExportResult r = client.export(request().build());

    assertThat(r.uploadedFiles()).containsExactly(new UploadedFile(4712, "app.mtar"));
    assertThat(r.description()).isEqualTo("Release 1");
    wm.verify(2, postRequestedFor(urlEqualTo(Wm.path("/files/upload"))));
    wm.verify(
        postRequestedFor(urlEqualTo(Wm.path("/nodes/export")))
            .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("[{\"uri\":\"4712\"}]")));
  }

  @Test
  void uploadLostOnEveryAttemptFailsAsAmbiguousWithoutCreatingATransportRequest() {
    wm.stubFor(post(Wm.path("/files/upload")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    DeploymentClient three =
        DeploymentClient.create(Wm.context(clock), Wm.apiBase(wm), DeploymentOptions.builder().uploadAttempts(3).build());

    assertThatThrownBy(() -> three.export(request().build())).isInstanceOf(CalmAmbiguousOutcomeException.class);
    wm.verify(3, postRequestedFor(urlEqualTo(Wm.path("/files/upload"))));
    wm.verify(0, postRequestedFor(urlEqualTo(Wm.path("/nodes/export"))));
  }

  @Test
  void lostReferenceExportMatchesOnlyTheSameDescription() {
    wm.stubFor(post(Wm.path("/nodes/export")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wm.stubFor(
        get(Wm.path("/routes")).willReturn(okJson("{\"routes\":[{\"sourceNodeId\":1,\"targetNodeId\":2}]}")));
    String ref = "https://repo.example.com/app.mtar";
    queue(
        2,
        Wm.trs(
            "{\"id\":50,\"status\":\"succeeded\",\"description\":\"older export\",\"entries\":[{\"uri\":\"" + ref + "\"}]}",
            "{\"id\":51,\"status\":\"initial\",\"description\":\"App 1.2\",\"createdAt\":\"2026-11-21T10:00:00Z\","
                + "\"entries\":[{\"uri\":\"" + ref + "\"}]}"));

    ExportResult r =
        client.export(
            ExportRequest.builder()
                .node("DEV_NODE")
                .reference(ref)
                .contentType(ContentType.MTA)
                .description("App 1.2")
                .build());

    assertThat(r.transportRequestId()).isEqualTo(TransportRequestId.of(51));
    assertThat(r.recovered()).isTrue();
  }
}
