package io.github.calmsdk.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.core.error.CalmUnavailableException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.event.AmbiguousOutcome;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.core.testing.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The one component that settles a lost answer by reading state, usable with persisted data alone. */
class OutcomeResolverTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().jettyAcceptors(1)).build();

  private static final Instant SENT = Instant.parse("2026-11-21T10:00:00Z");
  private static final TransportRequestId TR = TransportRequestId.of(4711);

  @TempDir Path dir;

  private final FakeClock clock = new FakeClock();
  private final List<AmbiguousOutcome> reported = new CopyOnWriteArrayList<>();
  private DeploymentClient client;

  @BeforeEach
  void setUp() {
    CalmListener recorder =
        new CalmListener() {
          @Override
          public void ambiguousOutcome(AmbiguousOutcome event) {
            reported.add(event);
          }
        };
    ClientContext context =
        ClientContext.builder().clock(clock).sleeper(clock.sleeper()).addListener(recorder).build();
    client = DeploymentClient.create(context, Wm.apiBase(wm), DeploymentOptions.defaults());
    wm.stubFor(get(Wm.path("/nodes")).willReturn(okJson(Wm.nodesJson())));
    wm.stubFor(get(Wm.path("/routes")).willReturn(okJson("{\"routes\":[{\"sourceNodeId\":1,\"targetNodeId\":2}]}")));
  }

  private static void queue(long node, String body) {
    wm.stubFor(get(urlPathEqualTo(Wm.path("/nodes/" + node + "/transportRequests"))).willReturn(okJson(body)));
  }

  private static LostExport lostFile(long fileId) {
    return LostExport.ofFiles(NodeName.of("DEV_NODE"), ExportMode.EXPORT, List.of(fileId), SENT);
  }

  @Test
  void aPersistedFileIdAloneFindsTheTransportRequestAndSendsNothing() {
    queue(2, Wm.trs(Wm.tr(98, "initial", "4700"), Wm.tr(99, "succeeded", "4711")));

    ExportLookup look = client.resolver().findExport(lostFile(4711));

    assertThat(look.finding()).isEqualTo(Finding.FOUND);
    ExportResult found = look.found().orElseThrow();
    assertThat(found.transportRequestId()).isEqualTo(TransportRequestId.of(99));
    assertThat(found.recovered()).isTrue();
    assertThat(found.queueEntries())
        .containsExactly(new QueueEntry(OptionalLong.empty(), NodeId.of(2), NodeName.of("QAS_NODE")));
    assertThat(look.checks())
        .hasSize(3)
        .anySatisfy(c -> assertThat(c).contains("/v2/routes").contains("QAS_NODE"))
        .anySatisfy(c -> assertThat(c).contains("/v2/nodes/2/transportRequests").contains("found 99"));
    assertThat(look.failure()).isNull();
    wm.verify(0, postRequestedFor(anyUrl()));
    assertThat(reported).as("a resolver used directly reports nothing; its caller decides").isEmpty();
  }

  @Test
  void noMatchSeveralMatchesAndAnUnknownNodeAreEachTheirOwnFinding() {
    queue(2, Wm.trs(Wm.tr(98, "initial", "4711"), Wm.tr(99, "initial", "4711", "4712")));

    ExportLookup none = client.resolver().findExport(lostFile(4800));
    ExportLookup several = client.resolver().findExport(lostFile(4711));
    ExportLookup nowhere =
        client.resolver().findExport(LostExport.ofFiles(NodeName.of("GONE"), ExportMode.EXPORT, List.of(1L), SENT));

    assertThat(none.finding()).isEqualTo(Finding.NOT_FOUND);
    assertThat(none.found()).isEmpty();
    assertThat(several.finding()).isEqualTo(Finding.SEVERAL);
    assertThat(several.matches()).extracting(ExportResult::transportRequestId)
        .containsExactly(TransportRequestId.of(98), TransportRequestId.of(99));
    assertThat(several.found()).isEmpty();
    assertThat(nowhere.finding()).isEqualTo(Finding.UNREADABLE);
    assertThat(nowhere.summary()).contains("GONE").contains("not in the node list");
  }

  @Test
  void aQueueThatCannotBeReadIsUnreadableWithTheFailureNotThrown() {
    wm.stubFor(get(urlPathEqualTo(Wm.path("/nodes/2/transportRequests"))).willReturn(aResponse().withStatus(503)));

    ExportLookup look = client.resolver().findExport(lostFile(4711));

    assertThat(look.finding()).isEqualTo(Finding.UNREADABLE);
    assertThat(look.failure()).isInstanceOf(CalmUnavailableException.class);
    assertThat(look.checks()).last().asString().contains("reading the queues failed");
  }

  @Test
  void aReferenceMatchesOnlyWithItsDescriptionAndWhenRecent() {
    String ref = "https://repo.example.com/app.mtar";
    queue(
        2,
        Wm.trs(
            "{\"id\":50,\"status\":\"succeeded\",\"description\":\"App 1.2\",\"createdAt\":\"2026-11-20T10:00:00Z\","
                + "\"entries\":[{\"uri\":\"" + ref + "\"}]}",
            "{\"id\":51,\"status\":\"initial\",\"description\":\"App 1.3\",\"createdAt\":\"2026-11-21T10:00:00Z\","
                + "\"entries\":[{\"uri\":\"" + ref + "\"}]}",
            "{\"id\":52,\"status\":\"initial\",\"description\":\"App 1.2\",\"createdAt\":\"2026-11-21T10:00:01Z\","
                + "\"entries\":[{\"uri\":\"" + ref + "\"}]}"));

    ExportLookup look =
        client.resolver()
            .findExport(LostExport.ofReferences(NodeName.of("DEV_NODE"), ExportMode.EXPORT, List.of(ref), "App 1.2", SENT));

    assertThat(look.found().map(ExportResult::transportRequestId)).contains(TransportRequestId.of(52));
  }

  @Test
  void aLostReferenceExportWithoutItsDescriptionIsRefusedNamingTheField() {
    assertThatThrownBy(
            () -> LostExport.ofReferences(NodeName.of("DEV_NODE"), ExportMode.EXPORT, List.of("x"), null, SENT))
        .isInstanceOfSatisfying(
            CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("description"));
    assertThatThrownBy(() -> LostExport.ofFiles(NodeName.of("DEV_NODE"), ExportMode.EXPORT, List.of(), SENT))
        .isInstanceOfSatisfying(CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("entryUris"));
  }

  @Test
  void statusesAreComparedWithWhatTheyWereBefore() {
    queue(
        2,
        Wm.trs(Wm.tr(4711, "running"), Wm.tr(4712, "initial"), Wm.tr(4714, "error")));
    TransportRequestId a = TransportRequestId.of(4711);
    TransportRequestId b = TransportRequestId.of(4712);
    TransportRequestId gone = TransportRequestId.of(4713);
    TransportRequestId c = TransportRequestId.of(4714);

    StatusReading r =
        client.resolver().readStatuses(NodeName.of("QAS_NODE"), List.of(a, b, gone, c), Map.of(c, TransportStatus.ERROR));

    assertThat(r.finding()).isEqualTo(Finding.NOT_FOUND);
    assertThat(r.missing()).containsExactly(gone);
    assertThat(r.changed()).containsExactly(a);
    assertThat(r.unchanged()).containsExactly(b, c);
    assertThat(r.importEvidence()).isTrue();
    assertThat(r.summary())
        .isEqualTo("4711 running (changed), 4712 initial (unchanged), 4713 not in the queue, 4714 error (unchanged)");
    assertThat(r.importActions()).isEmpty();
  }

  @Test
  void withTheSendInstantTheLogsShowAnImportActionStartedSinceEvenWhileStatusesAreUnchanged() {
    queue(2, Wm.trs(Wm.tr(4711, "initial")));
    wm.stubFor(
        get(Wm.path("/nodes/2/transportRequests/4711/logs"))
            .willReturn(
                okJson(
                    "{\"logs\":["
                        + "{\"actionId\":100,\"actionType\":\"I\",\"status\":\"error\","
                        + "\"actionStartedAt\":\"2026-11-21T08:00:00Z\"},"
                        + "{\"actionId\":150,\"actionType\":\"RQ\",\"status\":\"succeeded\","
                        + "\"actionStartedAt\":\"2026-11-21T10:00:00Z\"},"
                        + "{\"actionId\":171,\"actionType\":\"I\",\"status\":\"running\","
                        + "\"actionStartedAt\":\"2026-11-21T09:59:30Z\"}]}")));

    StatusReading r = client.resolver().readStatuses(NodeId.of(2), List.of(TR), Map.of(), SENT);

    assertThat(r.unchanged()).containsExactly(TR);
    assertThat(r.importActions()).as("the older import and the reset do not count").containsExactly(ActionId.of(171));
    assertThat(r.importLogged()).isTrue();
    assertThat(r.importEvidence()).isTrue();
    assertThat(r.checks()).last().asString().contains("/v2/nodes/2/transportRequests/4711/logs").contains("171");
  }

  @Test
  void aResetCheckTellsDoneFromStillToResetFromNeither() {
    queue(2, Wm.trs(Wm.tr(1, "repeat"), Wm.tr(2, "error"), Wm.tr(3, "running"), Wm.tr(4, "succeeded")));
    List<TransportRequestId> ids =
        List.of(TransportRequestId.of(1), TransportRequestId.of(2), TransportRequestId.of(3), TransportRequestId.of(4));

    ResetCheck c =
        client.resolver().resetPending(NodeId.of(2), ids, Map.of(TransportRequestId.of(3), TransportStatus.ERROR));

    assertThat(c.finding()).isEqualTo(Finding.FOUND);
    assertThat(c.done()).containsExactly(TransportRequestId.of(1));
    assertThat(c.again()).containsExactly(TransportRequestId.of(2), TransportRequestId.of(4));
    assertThat(c.unclear()).containsExactly("3 is now running (was error)");
    assertThat(c.settled()).isFalse();
  }

  @Test
  void everySettlingByTheClientIsReportedToListenersWithItsChecks() throws IOException {
    Path mtar = Files.write(dir.resolve("app.mtar"), new byte[] {1});
    wm.stubFor(
        post(Wm.path("/files/upload"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"fileId\":4711,\"fileName\":\"app.mtar\"}")));
    wm.stubFor(post(Wm.path("/nodes/export")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    queue(2, Wm.trs(Wm.tr(99, "initial", "4711")));
    wm.stubFor(
        post(Wm.path("/nodes/2/transportRequests/import"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    client.export(ExportRequest.builder().node("DEV_NODE").file(mtar).contentType(ContentType.MTA).description("R").build());
    assertThatThrownBy(() -> client.importTransports(ImportRequest.of(NodeId.of(2), TransportRequestId.of(99))))
        .isInstanceOf(UnresolvedOutcomeException.class);

    assertThat(reported).hasSize(2);
    assertThat(reported.get(0).operation()).isEqualTo("transport.export");
    assertThat(reported.get(0).resolution()).isEqualTo(AmbiguousOutcome.Resolution.APPLIED);
    assertThat(reported.get(0).requestId()).isNotBlank();
    assertThat(reported.get(0).checks()).anySatisfy(c -> assertThat(c).contains("found 99"));
    assertThat(reported.get(1).operation()).isEqualTo("transport.import");
    assertThat(reported.get(1).resolution()).isEqualTo(AmbiguousOutcome.Resolution.UNRESOLVED);
    assertThat(reported.get(1).checks()).singleElement().asString().contains("99 initial (unchanged)");
  }
}
