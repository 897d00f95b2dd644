package io.github.calmsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The testkit side of "Transport targets": CTMS keys, TMS 2.3.1 reads, refusing nodes and the spec's details. */
class TransportTargetsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final FakeCalm fake = FakeCalm.builder().clock(clock).importPollsUntilDone(0).start();
  private final Http http = new Http(fake);

  @AfterEach
  void close() {
    fake.close();
  }

  private Http.Res importSelected(Http h, long nodeId, long trId) throws Exception {
    return h.post(h.tms("/v2/nodes/" + nodeId + "/transportRequests/import"),
        "{\"transportRequests\":[" + trId + "]}");
  }

  private Http.Res importAll(Http h, long nodeId) throws Exception {
    return h.post(h.tms("/v2/nodes/" + nodeId + "/transportRequests/importAll"), "{}");
  }

  private static String descriptorForm(String yaml) {
    return "--b\r\nContent-Disposition: form-data; name=\"mtaVersion\"\r\n\r\n1.0.0\r\n"
        + "--b\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nQAS values\r\n"
        + "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"qas.mtaext\"\r\n\r\n" + yaml
        + "\r\n--b--\r\n";
  }

  // ------------------------------------------------------------------------------------------------ CTMS key

  @Test
  void ctmsServiceKeyHasUriAndUaaAndPipersTokenRequestOpensTmsUnderUriV2() throws Exception {
    JsonNode key = Http.JSON.readTree(fake.ctmsServiceKeyJson());
    JsonNode uaa = key.get("uaa");
    String basic = Base64.getEncoder().encodeToString(
        (uaa.get("clientid").asText() + ":" + uaa.get("clientsecret").asText()).getBytes(StandardCharsets.UTF_8));
    // Project Piper's exact token call: client_credentials in the query, a password grant in the form body
    Http.Res token = Http.send(HttpRequest.newBuilder(
            URI.create(uaa.get("url").asText() + "/oauth/token/?grant_type=client_credentials&response_type=token"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
        .POST(BodyPublishers.ofString("username=" + uaa.get("clientid").asText() + "&password=x&grant_type=password"))
        .build());
    String bearer = token.json().get("token_type").asText() + " " + token.json().get("access_token").asText();
    Http.Res nodes = Http.send(HttpRequest.newBuilder(URI.create(key.get("uri").asText() + "/v2/nodes"))
        .header("Authorization", bearer).GET().build());

    assertThat(key.has("endpoints")).isFalse();
    assertThat(key.get("uri").asText()).isEqualTo(fake.ctmsUri().toString());
    assertThat(uaa.get("tenantmode").asText()).isEqualTo("dedicated");
    assertThat(uaa.has("identityzone")).isTrue();
    assertThat(uaa.has("uaadomain")).isTrue();
    assertThat(token.status()).as(token.body()).isEqualTo(200);
    assertThat(nodes.status()).as(nodes.body()).isEqualTo(200);
    assertThat(nodes.json().get("nodes")).hasSize(3);
  }

  @Test
  void ctmsAndCloudAlmPathsServeTheSameTransportState() throws Exception {
    long fileId = http.uploadBytes("app.mtar", new byte[] {1, 2});
    Http.Res viaCtms = Http.send(http.authorized(URI.create(fake.ctmsUri() + "/v2/nodes/export"))
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(Http.exportBody("DEV", fileId, "via ctms"))).build());
    long trId = viaCtms.json().get("transportRequestId").asLong();

    Http.Res viaCalm = http.get(http.tms("/v2/nodes/" + fake.nodeId("QAS") + "/transportRequests?status=in"));
    Http.Res unauthenticated = Http.send(HttpRequest.newBuilder(URI.create(fake.ctmsUri() + "/v2/nodes")).build());

    assertThat(viaCtms.status()).as(viaCtms.body()).isEqualTo(200);
    assertThat(viaCalm.json().get("transportRequests").get(0).get("id").asLong()).isEqualTo(trId);
    assertThat(fake.transportRequest(trId).description()).isEqualTo("via ctms");
    assertThat(unauthenticated.status()).isEqualTo(401);
    assertThat(fake.serviceKeyJson()).contains("\"endpoints\"");
  }

  // ------------------------------------------------------------------------------------------------ 2.3.1 reads

  @Test
  void singleTransportRequestReadHasTheShapeOfAQueueElement() throws Exception {
    long trId = http.export("DEV", "one");
    long qas = fake.nodeId("QAS");

    JsonNode listed = http.get(http.tms("/v2/nodes/" + qas + "/transportRequests?status=in"))
        .json().get("transportRequests").get(0);
    Http.Res one = http.get(http.tms("/v2/nodes/" + qas + "/transportRequests/" + trId));
    Http.Res notInThatQueue = http.get(http.tms("/v2/nodes/" + fake.nodeId("PRD") + "/transportRequests/" + trId));

    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json()).isEqualTo(listed);
    assertThat(notInThatQueue.status()).isEqualTo(404);
    assertThat(notInThatQueue.json().get("errorType").asText()).endsWith("TsNotFoundException");
  }

  @Test
  void trackingListsTheStatusInEveryNodeTheTransportRequestEntered() throws Exception {
    long trId = http.export("DEV", "tracked");
    long qas = fake.nodeId("QAS");
    importSelected(http, qas, trId);
    http.post(http.tms("/v2/nodes/" + qas + "/transportRequests/forward"), "{\"transportRequests\":[" + trId + "]}");

    Http.Res tracking = http.get(http.tms("/v2/transportRequests/" + trId + "/tracking"));
    Http.Res unknown = http.get(http.tms("/v2/transportRequests/999999/tracking"));

    JsonNode nodes = tracking.json().get("nodes");
    assertThat(tracking.json().get("transportRequestId").asLong()).isEqualTo(trId);
    assertThat(nodes).hasSize(2);
    assertThat(nodes.get(0).get("nodeName").asText()).isEqualTo("QAS");
    assertThat(nodes.get(0).get("nodeId").asLong()).isEqualTo(qas);
    assertThat(nodes.get(0).get("status").asText()).isEqualTo("succeeded");
    assertThat(nodes.get(1).get("nodeName").asText()).isEqualTo("PRD");
    assertThat(nodes.get(1).get("status").asText()).isEqualTo("initial");
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  void switchedOffTms231ReadsAnswer404ByDefaultOr405WhenConfigured() throws Exception {
    try (FakeCalm old = FakeCalm.builder().tms231Reads(false).start();
        FakeCalm old405 = FakeCalm.builder().tms231Reads(false).tms231AbsentStatus(405).start()) {
      Http h = new Http(old);
      Http h405 = new Http(old405);
      long trId = h.export("DEV", "old");
      long trId405 = h405.export("DEV", "old");

      Http.Res one = h.get(h.tms("/v2/nodes/2/transportRequests/" + trId));
      Http.Res tracking = h.get(h.tms("/v2/transportRequests/" + trId + "/tracking"));
      Http.Res one405 = h405.get(h405.tms("/v2/nodes/2/transportRequests/" + trId405));
      Http.Res tracking405 = h405.get(h405.tms("/v2/transportRequests/" + trId405 + "/tracking"));
      Http.Res listStillServed = h.get(h.tms("/v2/nodes/2/transportRequests?status=in"));

      assertThat(one.status()).isEqualTo(404);
      assertThat(tracking.status()).isEqualTo(404);
      assertThat(one405.status()).isEqualTo(405);
      assertThat(tracking405.status()).isEqualTo(405);
      assertThat(listStillServed.status()).isEqualTo(200);
    }
    assertThatThrownBy(() -> FakeCalm.builder().tms231AbsentStatus(500))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("404 or 405");
  }

  // ------------------------------------------------------------------------------------------------ refusing nodes

  @Test
  void btpAbapNodeRefusesImportSelectedButImportsAll() throws Exception {
    long abap = fake.addNode(NodeSpec.named("ABAP").withContentType("BTP_ABAP"));
    long trId = uploadTo("ABAP", "abap");

    Http.Res selected = importSelected(http, abap, trId);
    Http.Res all = importAll(http, abap);
    JsonNode node = http.get(http.tms("/v2/nodes/" + abap)).json();

    assertThat(selected.status()).isEqualTo(400);
    assertThat(selected.json().get("errorType").asText()).endsWith("TsBadRequestException");
    assertThat(selected.json().get("message").asText()).contains("BTP_ABAP");
    assertThat(all.status()).as(all.body()).isEqualTo(200);
    assertThat(fake.transportRequest(trId).statusIn(abap)).isEqualTo("succeeded");
    assertThat(node.get("targets").get(0).get("contentType").asText()).isEqualTo("BTP_ABAP");
    assertThat(node.has("controlledBy")).isFalse();
  }

  @Test
  void nodeControlledBySolutionManagerRefusesEveryImportAndSaysSoInTheNodeList() throws Exception {
    long solman = fake.addNode(NodeSpec.named("SM_PRD").controlledBySolutionManager());
    long trId = uploadTo("SM_PRD", "solman");

    Http.Res selected = importSelected(http, solman, trId);
    Http.Res all = importAll(http, solman);
    JsonNode listed = http.get(http.tms("/v2/nodes")).json().get("nodes").get(3);

    assertThat(selected.status()).isEqualTo(400);
    assertThat(all.status()).isEqualTo(400);
    assertThat(all.json().get("message").asText()).contains("SAP Solution Manager");
    assertThat(fake.transportRequest(trId).statusIn(solman)).isEqualTo("initial");
    assertThat(listed.get("name").asText()).isEqualTo("SM_PRD");
    assertThat(listed.get("controlledBy").asText()).isEqualTo("CHARM");
    assertThat(http.get(http.tms("/v2/nodes/1")).json().has("controlledBy")).isFalse();
  }

  @Test
  void nodeSpecRejectsUnknownContentTypeAndBadName() {
    assertThatThrownBy(() -> NodeSpec.named("X").withContentType("ZIP"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contentType");
    assertThatThrownBy(() -> NodeSpec.named("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fake.addNode(NodeSpec.named("DEV"))).isInstanceOf(IllegalArgumentException.class);
  }

  /** Uploads a file and creates a transport request in the node's own queue. */
  private long uploadTo(String node, String description) throws Exception {
    long fileId = http.uploadBytes("a.bin", new byte[] {7});
    Http.Res r = http.post(http.tms("/v2/nodes/upload"), Http.exportBody(node, fileId, description));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("transportRequestId").asLong();
  }

  // ------------------------------------------------------------------------------------------------ timestamps

  @Test
  void specTimestampsRenderFourFractionDigitsAndAnOffsetWithoutColon() throws Exception {
    MutableClock at = new MutableClock(Instant.parse("2019-05-07T06:40:48.072512Z"));
    try (FakeCalm spec = FakeCalm.builder().clock(at).importPollsUntilDone(0).specTimestamps(true).start()) {
      Http h = new Http(spec);
      long trId = h.export("DEV", "stamps");
      long actionId = importSelected(h, 2, trId).json().get("actionId").asLong();

      JsonNode action = h.get(h.tms("/v2/actions/" + actionId)).json();
      JsonNode log = h.get(h.tms("/v2/actions/" + actionId + "/logs")).json().get("logs").get(0);
      JsonNode trLog = h.get(h.tms("/v2/nodes/2/transportRequests/" + trId + "/logs")).json().get("logs").get(0);
      JsonNode queued = h.get(h.tms("/v2/nodes/2/transportRequests?status=su")).json().get("transportRequests");

      assertThat(action.get("startedAt").asText()).isEqualTo("2019-05-07T06:40:48.0725+0000");
      assertThat(action.get("endedAt").asText()).isEqualTo("2019-05-07T06:40:48.0725+0000");
      assertThat(log.get("messages").get(0).get("createdAt").asText()).isEqualTo("2019-05-07T06:40:48.0725+0000");
      assertThat(trLog.get("actionStartedAt").asText()).isEqualTo("2019-05-07T06:40:48.0725+0000");
      assertThat(queued.get(0).get("queuedAt").asText()).isEqualTo("2019-05-07T06:40:48.072Z");
    }
    long trId = http.export("DEV", "default");
    long actionId = importSelected(http, 2, trId).json().get("actionId").asLong();
    assertThat(http.get(http.tms("/v2/actions/" + actionId)).json().get("startedAt").asText())
        .isEqualTo("2026-03-01T10:00:00.000Z");
  }

  // ------------------------------------------------------------------------------------------------ files

  @Test
  void deletedFileIsRecordedAndLeavesTheUploadedFiles() throws Exception {
    long kept = http.uploadBytes("kept.mtar", new byte[] {1});
    long orphan = http.uploadBytes("orphan.mtar", new byte[] {2});

    Http.Res deleted = http.delete(http.tms("/v2/files/" + orphan));
    Http.Res unknown = http.delete(http.tms("/v2/files/424242"));

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("message").asText()).isEqualTo("File ID 424242 does not exist");
    assertThat(fake.deletedFiles()).extracting(UploadedFile::fileId).containsExactly(orphan);
    assertThat(fake.deletedFiles().get(0).fileName()).isEqualTo("orphan.mtar");
    assertThat(fake.uploadedFiles()).extracting(UploadedFile::fileId).containsExactly(kept);
  }

  // ------------------------------------------------------------------------------------------------ descriptors

  @Test
  void mtaExtDescriptorsAreStoredPerNodeReadByIdAndDeleted() throws Exception {
    String yaml = "_schema-version: '3.1'\nID: my.ext\nextends: com.example.app\n";
    String path = "/v2/nodes/" + fake.nodeId("QAS") + "/mtaExtDescriptors";
    Http.Res created = Http.send(http.authorized(http.tms(path)).header("tms-named-user", "jane")
        .header("Content-Type", "multipart/form-data; boundary=b")
        .POST(BodyPublishers.ofString(descriptorForm(yaml))).build());
    long id = created.json().get("id").asLong();

    FakeMtaExtDescriptor stored = fake.mtaExtDescriptors("QAS").get(0);
    Http.Res one = http.get(http.tms(path + "/" + id));
    Http.Res onOtherNode = http.get(http.tms("/v2/nodes/" + fake.nodeId("PRD") + "/mtaExtDescriptors/" + id));
    Http.Res deleted = http.delete(http.tms(path + "/" + id));
    Http.Res again = http.delete(http.tms(path + "/" + id));

    assertThat(stored.id()).isEqualTo(id);
    assertThat(stored.nodeId()).isEqualTo(fake.nodeId("QAS"));
    assertThat(stored.mtaId()).isEqualTo("com.example.app");
    assertThat(stored.mtaExtId()).isEqualTo("my.ext");
    assertThat(stored.mtaVersion()).isEqualTo("1.0.0");
    assertThat(stored.description()).isEqualTo("QAS values");
    assertThat(stored.namedUser()).isEqualTo("jane");
    assertThat(stored.content()).isEqualTo(yaml);
    assertThat(fake.mtaExtDescriptors("PRD")).isEmpty();
    assertThat(one.json()).isEqualTo(created.json());
    assertThat(onOtherNode.status()).isEqualTo(404);
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(again.status()).isEqualTo(404);
    assertThat(fake.mtaExtDescriptors("QAS")).isEmpty();
  }

  // ------------------------------------------------------------------------------------------------ port

  @Test
  void fixedPortIsBoundAndAnInvalidOneIsRejected() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    try (FakeCalm fixed = FakeCalm.builder().port(port).start()) {
      assertThat(fixed.baseUri().getPort()).isEqualTo(port);
      assertThat(new Http(fixed).get(new Http(fixed).tms("/v2/nodes")).status()).isEqualTo(200);
    }
    assertThatThrownBy(() -> FakeCalm.builder().port(70_000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
  }
}
