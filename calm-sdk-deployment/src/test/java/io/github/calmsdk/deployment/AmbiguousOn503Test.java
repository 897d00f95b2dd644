package io.github.calmsdk.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
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

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.event.AmbiguousOutcome;
import io.github.calmsdk.core.event.AmbiguousOutcome.Resolution;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.core.testing.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state-changing call answered 503 may have been applied, so the pipeline does not resend it; the client reads the
 * state and sends it once more only when the state shows it was not applied.
 */
class AmbiguousOn503Test {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private static final String EXPORT = Wm.path("/nodes/export");
  private static final String QUEUE = Wm.path("/nodes/2/transportRequests");
  private static final String IMPORT = QUEUE + "/import";
  private static final String RESET = QUEUE + "/reset";
  private static final String LOGS = QUEUE + "/4711/logs";
  private static final TransportRequestId TR = TransportRequestId.of(4711);

  @TempDir Path dir;

  private final FakeClock clock = new FakeClock();
  private final List<AmbiguousOutcome> reported = new CopyOnWriteArrayList<>();
  private Path mtar;

  @BeforeEach
  void setUp() throws IOException {
    mtar = Files.write(dir.resolve("app.mtar"), new byte[] {1, 2, 3});
    wm.stubFor(
        post(Wm.path("/files/upload"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"fileId\":4711,\"fileName\":\"app.mtar\"}")));
    wm.stubFor(get(Wm.path("/nodes")).willReturn(okJson(Wm.nodesJson())));
    wm.stubFor(get(Wm.path("/routes")).willReturn(okJson("{\"routes\":[{\"sourceNodeId\":1,\"targetNodeId\":2}]}")));
  }

  private DeploymentClient client(DeploymentOptions options) {
    CalmListener recorder =
        new CalmListener() {
          @Override
          public void ambiguousOutcome(AmbiguousOutcome event) {
            reported.add(event);
          }
        };
    ClientContext context =
        ClientContext.builder().clock(clock).sleeper(clock.sleeper()).addListener(recorder).build();
    return DeploymentClient.create(context, Wm.apiBase(wm), options);
  }

  /** These tests count the 2.2.1 queue reads; the TMS 2.3.1 single reads have their own test (Tms231ReadsTest). */
  private DeploymentClient client() {
    return client(DeploymentOptions.builder().tms231Reads(Tms231Reads.ALWAYS_SCAN).build());
  }

  private ExportRequest export() {
    return ExportRequest.builder().node("DEV_NODE").file(mtar).contentType(ContentType.MTA).description("R1").build();
  }

  /** The first call to a path gets {@code first}, every later one {@code then}. */
  private static void firstThen(String path, ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
    wm.stubFor(post(path).inScenario(path).whenScenarioStateIs(STARTED).willReturn(first).willSetStateTo("then"));
    wm.stubFor(post(path).inScenario(path).whenScenarioStateIs("then").willReturn(then));
  }

  private static void queueIs(String... trs) {
    wm.stubFor(get(urlPathEqualTo(QUEUE)).willReturn(okJson(Wm.trs(trs))));
  }

  private static int requests() {
    return wm.findAll(anyRequestedFor(anyUrl())).size();
  }

  private static List<Resolution> resolutions(List<AmbiguousOutcome> events) {
    return events.stream().map(AmbiguousOutcome::resolution).toList();
  }

  @Test
  void anExportAnswered503ThatNoQueueHoldsCostsThreeReadsThenExactlyOneResend() {
    firstThen(EXPORT, aResponse().withStatus(503), okJson("{\"transportRequestId\":99,\"queueEntries\":[]}"));
    queueIs(Wm.tr(98, "initial", "4700"));

    ExportResult r = client().export(export());

    assertThat(r.transportRequestId()).isEqualTo(TransportRequestId.of(99));
    assertThat(r.recovered()).isFalse();
    wm.verify(2, postRequestedFor(urlEqualTo(EXPORT)));
    wm.verify(1, getRequestedFor(urlEqualTo(Wm.path("/nodes"))));
    wm.verify(1, getRequestedFor(urlEqualTo(Wm.path("/routes"))));
    wm.verify(1, getRequestedFor(urlPathEqualTo(QUEUE)));
    assertThat(requests()).as("upload + create + nodes + routes + queue + create").isEqualTo(6);
    assertThat(reported).singleElement().satisfies(e -> {
      assertThat(e.operation()).isEqualTo("transport.export");
      assertThat(e.resolution()).isEqualTo(Resolution.NOT_APPLIED_RESENT);
      assertThat(e.checks()).anySatisfy(c -> assertThat(c).contains("no transport request with these entries"));
    });
  }

  @Test
  void anExportAnswered503ThatWasProcessedIsRecoveredAndNotResent() {
    wm.stubFor(post(EXPORT).willReturn(aResponse().withStatus(503)));
    queueIs(Wm.tr(99, "initial", "4711"));

    ExportResult r = client().export(export());

    assertThat(r.recovered()).isTrue();
    assertThat(r.transportRequestId()).isEqualTo(TransportRequestId.of(99));
    wm.verify(1, postRequestedFor(urlEqualTo(EXPORT)));
    assertThat(resolutions(reported)).containsExactly(Resolution.APPLIED);
  }

  @Test
  void anExportAnswered503TwiceIsResentOnlyOnceAndThenUnresolved() {
    wm.stubFor(post(EXPORT).willReturn(aResponse().withStatus(503)));
    queueIs();

    assertThatThrownBy(() -> client().export(export()))
        .isInstanceOf(UnresolvedOutcomeException.class)
        .hasMessageContaining("look again before exporting again");
    wm.verify(2, postRequestedFor(urlEqualTo(EXPORT)));
    wm.verify(2, getRequestedFor(urlPathEqualTo(QUEUE)));
    assertThat(resolutions(reported)).containsExactly(Resolution.NOT_APPLIED_RESENT, Resolution.UNRESOLVED);
  }

  @Test
  void anExportAnswered502OrWithResendSwitchedOffIsNotResentEvenWhenNoQueueHoldsIt() {
    wm.stubFor(post(EXPORT).willReturn(aResponse().withStatus(502)));
    queueIs();
    assertThatThrownBy(() -> client().export(export())).isInstanceOf(UnresolvedOutcomeException.class);
    wm.verify(1, postRequestedFor(urlEqualTo(EXPORT)));

    wm.resetRequests();
    wm.stubFor(post(EXPORT).willReturn(aResponse().withStatus(503)));
    DeploymentClient never = client(DeploymentOptions.builder().resendWhenNotApplied(Set.of()).build());
    assertThatThrownBy(() -> never.export(export())).isInstanceOf(UnresolvedOutcomeException.class);
    wm.verify(1, postRequestedFor(urlEqualTo(EXPORT)));
  }

  @Test
  void anExportAnswered429IsResentByThePipelineWithoutReadingState() {
    firstThen(
        EXPORT,
        aResponse().withStatus(429).withHeader("Retry-After", "1"),
        okJson("{\"transportRequestId\":99,\"queueEntries\":[]}"));

    assertThat(client().export(export()).transportRequestId()).isEqualTo(TransportRequestId.of(99));
    wm.verify(2, postRequestedFor(urlEqualTo(EXPORT)));
    wm.verify(0, getRequestedFor(anyUrl()));
    assertThat(reported).isEmpty();
  }

  @Test
  void anImportAnswered503WithNothingStartedCostsAQueueAndALogReadThenOneResend() {
    firstThen(IMPORT, aResponse().withStatus(503), okJson("{\"actionId\":171,\"monitoringURL\":\"/v2/actions/171\"}"));
    queueIs(Wm.tr(4711, "initial"));
    wm.stubFor(
        get(LOGS)
            .willReturn(
                okJson("{\"logs\":[{\"actionId\":100,\"actionType\":\"NE\",\"actionStartedAt\":\"2026-11-21T09:58:00Z\"}]}")));

    ImportAction a = client().importTransports(ImportRequest.of(NodeId.of(2), TR));

    assertThat(a.actionId()).isEqualTo(ActionId.of(171));
    wm.verify(2, postRequestedFor(urlEqualTo(IMPORT)));
    wm.verify(1, getRequestedFor(urlPathEqualTo(QUEUE)));
    wm.verify(1, getRequestedFor(urlEqualTo(LOGS)));
    // 5: an import by node id reads GET /v2/nodes once to check what the node can take (unstubbed here: 404,
    // so only declarations are checked)
    assertThat(requests()).isEqualTo(5);
    assertThat(resolutions(reported)).containsExactly(Resolution.NOT_APPLIED_RESENT);
    assertThat(reported.get(0).operation()).isEqualTo("transport.import");
  }

  @Test
  void anImportAnswered503WhoseLogShowsTheImportIsAwaitedNotResent() {
    wm.stubFor(post(IMPORT).willReturn(aResponse().withStatus(503)));
    queueIs(Wm.tr(4711, "initial"));
    wm.stubFor(
        get(LOGS)
            .willReturn(
                okJson("{\"logs\":[{\"actionId\":172,\"actionType\":\"I\",\"status\":\"running\","
                    + "\"actionStartedAt\":\"2026-11-21T10:00:00.500Z\"}]}")));

    ImportAction a = client().importTransports(ImportRequest.of(NodeId.of(2), TR));

    assertThat(a.actionId()).isEqualTo(ActionId.of(172));
    assertThat(a.transportRequests()).containsExactly(TR);
    wm.verify(1, postRequestedFor(urlEqualTo(IMPORT)));
    assertThat(resolutions(reported)).containsExactly(Resolution.APPLIED);
  }

  @Test
  void anImportAnswered503WithAChangedStatusIsUnresolvedAndNotResent() {
    wm.stubFor(post(IMPORT).willReturn(aResponse().withStatus(503)));
    queueIs(Wm.tr(4711, "running"));
    wm.stubFor(get(LOGS).willReturn(okJson("{\"logs\":[]}")));

    assertThatThrownBy(() -> client().importTransports(ImportRequest.of(NodeId.of(2), TR)))
        .isInstanceOf(UnresolvedOutcomeException.class)
        .hasMessageContaining("4711 running (changed)")
        .hasMessageContaining("do not import again");
    wm.verify(1, postRequestedFor(urlEqualTo(IMPORT)));
    assertThat(resolutions(reported)).containsExactly(Resolution.UNRESOLVED);
  }

  @Test
  void anImportAnswered503WhoseLogCannotBeReadIsUnresolvedAndNotResent() {
    wm.stubFor(post(IMPORT).willReturn(aResponse().withStatus(503)));
    queueIs(Wm.tr(4711, "initial"));
    wm.stubFor(get(LOGS).willReturn(aResponse().withStatus(404)));

    assertThatThrownBy(() -> client().importTransports(ImportRequest.of(NodeId.of(2), TR)))
        .isInstanceOfSatisfying(
            UnresolvedOutcomeException.class,
            e -> assertThat(e.checks()).last().asString().contains("/logs failed"));
    wm.verify(1, postRequestedFor(urlEqualTo(IMPORT)));
  }

  @Test
  void anImportOfAllAnswered503IsNeverResent() {
    wm.stubFor(post(QUEUE + "/importAll").willReturn(aResponse().withStatus(503)));
    queueIs(Wm.tr(4711, "initial"));

    assertThatThrownBy(() -> client().importTransports(ImportRequest.all(NodeId.of(2))))
        .isInstanceOf(UnresolvedOutcomeException.class)
        .hasMessageContaining("nothing running");
    wm.verify(1, postRequestedFor(urlEqualTo(QUEUE + "/importAll")));
    assertThat(reported).singleElement().satisfies(e -> assertThat(e.operation()).isEqualTo("transport.importAll"));
  }

  @Test
  void aResetAnswered503WithStatusesUnchangedIsResentOnceAfterOneQueueRead() {
    firstThen(RESET, aResponse().withStatus(503), noContent());
    queueIs(Wm.tr(4711, "error"));

    client().reset(TransitionRequest.of(NodeId.of(2), TR));

    wm.verify(2, postRequestedFor(urlEqualTo(RESET)));
    wm.verify(1, getRequestedFor(urlPathEqualTo(QUEUE)));
    assertThat(requests()).isEqualTo(3);
    assertThat(resolutions(reported)).containsExactly(Resolution.NOT_APPLIED_RESENT);
  }

  @Test
  void aResetAnswered503ThatWasAppliedIsNotResent() {
    wm.stubFor(post(RESET).willReturn(aResponse().withStatus(503)));
    queueIs(Wm.tr(4711, "repeat"));

    client().reset(TransitionRequest.of(NodeId.of(2), TR));

    wm.verify(1, postRequestedFor(urlEqualTo(RESET)));
    assertThat(resolutions(reported)).containsExactly(Resolution.APPLIED);
  }
}
