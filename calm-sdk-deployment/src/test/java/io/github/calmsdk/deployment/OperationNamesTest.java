package io.github.calmsdk.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.event.CallStarted;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.core.testing.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every call is named with a low-cardinality operation and URL template, for listeners and metrics. */
class OperationNamesTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  @TempDir Path dir;

  private final FakeClock clock = new FakeClock();
  private final List<CallStarted> started = new CopyOnWriteArrayList<>();

  private DeploymentClient client() {
    CalmListener recorder =
        new CalmListener() {
          @Override
          public void callStarted(CallStarted event) {
            started.add(event);
          }
        };
    ClientContext context =
        ClientContext.builder().clock(clock).sleeper(clock.sleeper()).addListener(recorder).build();
    return DeploymentClient.create(context, Wm.apiBase(wm), DeploymentOptions.defaults());
  }

  @Test
  void anExportThenImportFlowNamesEachCallByOperationAndTemplate() throws IOException {
    Path mtar = Files.write(dir.resolve("app.mtar"), new byte[] {1, 2, 3});
    wm.stubFor(
        post(Wm.path("/files/upload"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"fileId\":4711,\"fileName\":\"app.mtar\"}")));
    wm.stubFor(post(Wm.path("/nodes/export")).willReturn(okJson("{\"transportRequestId\":99,\"queueEntries\":[]}")));
    wm.stubFor(get(Wm.path("/nodes")).willReturn(okJson(Wm.nodesJson())));
    wm.stubFor(get(urlPathEqualTo(Wm.path("/nodes/2/transportRequests"))).willReturn(okJson(Wm.trs(Wm.tr(99, "error")))));
    wm.stubFor(post(Wm.path("/nodes/2/transportRequests/reset")).willReturn(noContent()));
    wm.stubFor(post(Wm.path("/nodes/2/transportRequests/forward")).willReturn(noContent()));
    wm.stubFor(
        post(Wm.path("/nodes/2/transportRequests/import"))
            .willReturn(okJson("{\"actionId\":171,\"monitoringURL\":\"/v2/actions/171\"}")));
    wm.stubFor(
        post(Wm.path("/nodes/2/transportRequests/importAll"))
            .willReturn(okJson("{\"actionId\":172,\"monitoringURL\":\"/v2/actions/172\"}")));
    wm.stubFor(get(Wm.path("/actions/171")).willReturn(okJson("{\"id\":171,\"status\":\"succeeded\"}")));
    wm.stubFor(get(Wm.path("/actions/171/logs")).willReturn(okJson("{\"logs\":[]}")));
    wm.stubFor(get(Wm.path("/nodes/2/transportRequests/99/logs")).willReturn(okJson("{\"logs\":[]}")));
    DeploymentClient client = client();
    TransportRequestId tr = TransportRequestId.of(99);

    client.export(
        ExportRequest.builder().node("DEV_NODE").file(mtar).contentType(ContentType.MTA).description("R1").build());
    ImportAction action = client.retry(RetryRequest.of(NodeName.of("QAS_NODE"), tr));
    action.await(Duration.ofMinutes(1));
    action.logs();
    client.transportRequestLogs(NodeId.of(2), tr);
    client.importTransports(ImportRequest.all(NodeId.of(2)));
    client.forward(TransitionRequest.of(NodeId.of(2), tr));

    assertThat(started)
        .extracting(e -> e.call().operation() + " " + e.call().method() + " " + e.call().urlTemplate())
        .containsExactly(
            "transport.upload POST /v2/files/upload",
            "transport.export POST /v2/nodes/export",
            "transport.nodes GET /v2/nodes",
            "transport.get GET /v2/nodes/{nodeId}/transportRequests/{transportRequestId}",
            "transport.list GET /v2/nodes/{nodeId}/transportRequests",
            "transport.reset POST /v2/nodes/{nodeId}/transportRequests/reset",
            "transport.import POST /v2/nodes/{nodeId}/transportRequests/import",
            "transport.action GET /v2/actions/{actionId}",
            "transport.actionLogs GET /v2/actions/{actionId}/logs",
            "transport.logs GET /v2/nodes/{nodeId}/transportRequests/{transportRequestId}/logs",
            "transport.nodes GET /v2/nodes",
            "transport.importAll POST /v2/nodes/{nodeId}/transportRequests/importAll",
            "transport.forward POST /v2/nodes/{nodeId}/transportRequests/forward");
  }
}
