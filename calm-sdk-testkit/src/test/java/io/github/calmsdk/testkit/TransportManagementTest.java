package io.github.calmsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransportManagementTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final FakeCalm fake = FakeCalm.builder().clock(clock).start();
  private final Http http = new Http(fake);

  @AfterEach
  void close() {
    fake.close();
  }

  private List<Long> ids(JsonNode transportRequests) {
    List<Long> out = new ArrayList<>();
    transportRequests.forEach(t -> out.add(t.get("id").asLong()));
    return out;
  }

  private JsonNode queue(String node, String status) throws Exception {
    Http.Res r = http.get(http.tms("/v2/nodes/" + fake.nodeId(node) + "/transportRequests?status=" + status));
    assertThat(r.status()).isEqualTo(200);
    return r.json().get("transportRequests");
  }

  private Http.Res action(String path, long... trIds) throws Exception {
    return http.post(http.tms(path), "{\"transportRequests\":" + Arrays.toString(trIds) + ",\"namedUser\":\"jane\"}");
  }

  private long importAndWait(String node, long trId) throws Exception {
    Http.Res r = action("/v2/nodes/" + fake.nodeId(node) + "/transportRequests/import", trId);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    long actionId = r.json().get("actionId").asLong();
    for (int i = 0; i < 5; i++) {
      if (!http.get(http.tms("/v2/actions/" + actionId)).json().get("status").asText().equals("running")) {
        return actionId;
      }
    }
    throw new AssertionError("import did not finish");
  }

  @Test
  void defaultLandscapeIsDevQasPrdWithRoutesBetweenThem() throws Exception {
    JsonNode nodes = http.get(http.tms("/v2/nodes")).json().get("nodes");
    JsonNode routes = http.get(http.tms("/v2/routes")).json().get("routes");
    Http.Res qas = http.get(http.tms("/v2/nodes/2"));
    Http.Res missing = http.get(http.tms("/v2/nodes/117"));

    assertThat(nodes).hasSize(3);
    assertThat(nodes.get(0).get("name").asText()).isEqualTo("DEV");
    assertThat(nodes.get(0).get("id").asLong()).isEqualTo(1);
    assertThat(nodes.get(0).get("uploadAllowed").asBoolean()).isTrue();
    assertThat(nodes.get(1).get("uploadAllowed").asBoolean()).isFalse();
    assertThat(nodes.get(0).has("forwardMode")).isTrue();
    assertThat(nodes.get(0).get("targets").isArray()).isTrue();
    assertThat(qas.json().get("name").asText()).isEqualTo("QAS");
    assertThat(routes).hasSize(2);
    assertThat(routes.get(0).get("sourceNodeId").asLong()).isEqualTo(1);
    assertThat(routes.get(0).get("targetNodeId").asLong()).isEqualTo(2);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("message").asText()).isEqualTo("Node ID 117 does not exist");
    assertThat(missing.json().get("errorType").asText()).endsWith("TsNotFoundException");
  }

  @Test
  void uploadedFileIsStreamedKeepingOnlySizeHashAndHead(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.mtar");
    byte[] chunk = new byte[64 * 1024];
    new Random(7).nextBytes(chunk);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (OutputStream out = Files.newOutputStream(big)) {
      for (int i = 0; i < 48; i++) {
        out.write(chunk);
        sha.update(chunk);
      }
      // near misses of the delimiter, one right before the real one, must not end the part
      byte[] tricky = "\r\n--xy\r\n--xz\r\n--xy".getBytes(StandardCharsets.US_ASCII);
      out.write(tricky);
      sha.update(tricky);
    }

    Http.Res r = Http.send(http.authorized(http.tms("/v2/files/upload"))
        .header("Content-Type", "multipart/form-data; boundary=\"xyz\"")
        .POST(Http.multipart("xyz", "big.mtar", Http.fileBody(big), "jane")).build());

    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().get("fileName").asText()).isEqualTo("big.mtar");
    UploadedFile file = fake.uploadedFiles().get(0);
    assertThat(file.fileId()).isEqualTo(r.json().get("fileId").asLong());
    assertThat(file.size()).isEqualTo(Files.size(big));
    assertThat(file.sha256()).isEqualTo(HexFormat.of().formatHex(sha.digest()));
    assertThat(file.firstBytes()).isEqualTo(Arrays.copyOf(chunk, 1024));
    assertThat(file.namedUser()).isEqualTo("jane");
  }

  @Test
  void uploadWithoutFilePartIsRejected() throws Exception {
    String body = "--b\r\nContent-Disposition: form-data; name=\"namedUser\"\r\n\r\njane\r\n--b--\r\n";
    Http.Res r = Http.send(http.authorized(http.tms("/v2/files/upload"))
        .header("Content-Type", "multipart/form-data; boundary=b").POST(BodyPublishers.ofString(body)).build());
    Http.Res json = http.post(http.tms("/v2/files/upload"), "{}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(json.status()).isEqualTo(415);
  }

  @Test
  void exportPutsTheTransportRequestIntoTheFollowOnQueue() throws Exception {
    long fileId = http.uploadBytes("app.mtar", new byte[] {1, 2, 3});

    Http.Res r = http.post(http.tms("/v2/nodes/export"), Http.exportBody("DEV", fileId, "Release 1"));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    long trId = r.json().get("transportRequestId").asLong();
    assertThat(r.json().get("transportRequestDescription").asText()).isEqualTo("Release 1");
    JsonNode entry = r.json().get("queueEntries").get(0);
    assertThat(entry.get("nodeId").asLong()).isEqualTo(fake.nodeId("QAS"));
    assertThat(entry.get("nodeName").asText()).isEqualTo("QAS");
    assertThat(entry.get("queueId").asLong()).isPositive();
    FakeTransportRequest tr = fake.transportRequest(trId);
    assertThat(tr.queueNodeIds()).containsExactly(fake.nodeId("QAS"));
    assertThat(tr.status()).isEqualTo("initial");
    assertThat(tr.entryUris()).containsExactly(Long.toString(fileId));
    assertThat(tr.namedUser()).isEqualTo("jane");
    assertThat(tr.createdAt()).isEqualTo(clock.instant());
    assertThat(ids(queue("DEV", "in"))).isEmpty();
    JsonNode listed = queue("QAS", "in").get(0);
    assertThat(listed.get("id").asLong()).isEqualTo(trId);
    assertThat(listed.get("status").asText()).isEqualTo("initial");
    assertThat(listed.get("position").asInt()).isEqualTo(1);
    assertThat(listed.get("createdBy").asText()).isEqualTo(fake.clientId());
    assertThat(listed.get("createdByNamedUser").asText()).isEqualTo("jane");
    assertThat(listed.get("createdAt").asText()).isEqualTo("2026-03-01T10:00:00.000Z");
    assertThat(listed.get("origin").asText()).isEqualTo("DEV");
    assertThat(listed.get("archived").asBoolean()).isFalse();
    JsonNode e = listed.get("entries").get(0);
    assertThat(e.get("uri").asText()).isEqualTo(Long.toString(fileId));
    assertThat(e.get("storageType").asText()).isEqualTo("FILE");
    assertThat(e.get("contentType").asText()).isEqualTo("MTA");
  }

  @Test
  void uploadPutsTheTransportRequestIntoTheNodesOwnQueue() throws Exception {
    long fileId = http.uploadBytes("app.mtar", new byte[] {1});

    Http.Res r = http.post(http.tms("/v2/nodes/upload"), Http.exportBody("DEV", fileId, "own"));
    Http.Res notAllowed = http.post(http.tms("/v2/nodes/upload"), Http.exportBody("QAS", fileId, "own"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().at("/queueEntries/0/nodeName").asText()).isEqualTo("DEV");
    assertThat(ids(queue("DEV", "in"))).containsExactly(r.json().get("transportRequestId").asLong());
    assertThat(notAllowed.status()).isEqualTo(400);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing nodeName|{\"contentType\":\"MTA\",\"storageType\":\"FILE\",\"description\":\"d\",\"entries\":[{\"uri\":\"FILE\"}]}|400",
      "nodeName over 30|{\"nodeName\":\"ABCDEFGHIJKLMNOPQRSTUVWXYZABCDE\",\"contentType\":\"MTA\",\"storageType\":\"FILE\",\"description\":\"d\",\"entries\":[{\"uri\":\"FILE\"}]}|400",
      "unknown contentType|{\"nodeName\":\"DEV\",\"contentType\":\"APPLICATION_CONTENT\",\"storageType\":\"FILE\",\"description\":\"d\",\"entries\":[{\"uri\":\"FILE\"}]}|400",
      "bad storageType|{\"nodeName\":\"DEV\",\"contentType\":\"MTA\",\"storageType\":\"DISK\",\"description\":\"d\",\"entries\":[{\"uri\":\"FILE\"}]}|400",
      "empty entries|{\"nodeName\":\"DEV\",\"contentType\":\"MTA\",\"storageType\":\"FILE\",\"description\":\"d\",\"entries\":[]}|400",
      "missing description|{\"nodeName\":\"DEV\",\"contentType\":\"MTA\",\"storageType\":\"FILE\",\"entries\":[{\"uri\":\"FILE\"}]}|400",
      "namedUser over 60|{\"nodeName\":\"DEV\",\"contentType\":\"MTA\",\"storageType\":\"FILE\",\"description\":\"d\",\"namedUser\":\"NAMED\",\"entries\":[{\"uri\":\"FILE\"}]}|400",
      "uri over 256|{\"nodeName\":\"DEV\",\"contentType\":\"MTA\",\"storageType\":\"REFERENCE\",\"description\":\"d\",\"entries\":[{\"uri\":\"LONGURI\"}]}|400",
      "uri not an uploaded file|{\"nodeName\":\"DEV\",\"contentType\":\"MTA\",\"storageType\":\"FILE\",\"description\":\"d\",\"entries\":[{\"uri\":\"99\"}]}|422",
      "unknown node|{\"nodeName\":\"XYZ\",\"contentType\":\"MTA\",\"storageType\":\"FILE\",\"description\":\"d\",\"entries\":[{\"uri\":\"FILE\"}]}|404",
      "not JSON|{nodeName|400"})
  void invalidExportIsRejectedWithErrorTypeAndMessageAndCreatesNothing(String name, String body, int status)
      throws Exception {
    long fileId = http.uploadBytes("a.mtar", new byte[] {1});
    String json = body.replace("\"FILE\"}", "\"" + fileId + "\"}")
        .replace("NAMED", "n".repeat(61)).replace("LONGURI", "u".repeat(257));

    Http.Res r = http.post(http.tms("/v2/nodes/export"), json);

    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().get("errorType").asText()).startsWith("com.sap.");
    assertThat(r.json().get("message").asText()).isNotBlank();
    assertThat(fake.transportRequests()).isEmpty();
  }

  @Test
  void longDescriptionIsRejectedButTheLimitItselfIsAccepted() throws Exception {
    long fileId = http.uploadBytes("a.mtar", new byte[] {1});

    Http.Res ok = http.post(http.tms("/v2/nodes/export"), Http.exportBody("DEV", fileId, "d".repeat(512)));
    Http.Res tooLong = http.post(http.tms("/v2/nodes/export"), Http.exportBody("DEV", fileId, "d".repeat(513)));

    assertThat(ok.status()).isEqualTo(200);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("message").asText()).contains("description");
  }

  @Test
  void listingNeedsStatusAndFiltersByCodesAndCreationTime() throws Exception {
    long first = http.export("DEV", "first");
    clock.advance(Duration.ofHours(1));
    long second = http.export("DEV", "second");
    fake.setTransportRequestStatus(second, "QAS", "error");
    long qas = fake.nodeId("QAS");

    Http.Res missing = http.get(http.tms("/v2/nodes/" + qas + "/transportRequests"));
    Http.Res bad = http.get(http.tms("/v2/nodes/" + qas + "/transportRequests?status=xx"));

    assertThat(missing.status()).isEqualTo(400);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(ids(queue("QAS", "in"))).containsExactly(first);
    assertThat(ids(queue("QAS", "in,re,er,fa"))).containsExactly(first, second);
    assertThat(ids(queue("QAS", "in%2cer"))).containsExactly(first, second);
    assertThat(ids(queue("QAS", "er&createdAtFrom=2026-03-01T10:30:00.000Z"))).containsExactly(second);
    assertThat(ids(queue("QAS", "in,er&createdAtTo=2026-03-01T10:30:00.000Z"))).containsExactly(first);
    assertThat(http.get(http.tms("/v2/nodes/" + qas + "/transportRequests?status=in&createdAtFrom=yesterday"))
        .status()).isEqualTo(400);
  }

  @Test
  void importActionRunsForTheConfiguredPollsThenSucceeds() throws Exception {
    long trId = http.export("DEV", "r1");
    long qas = fake.nodeId("QAS");

    Http.Res started = action("/v2/nodes/" + qas + "/transportRequests/import", trId);

    assertThat(started.status()).isEqualTo(200);
    long actionId = started.json().get("actionId").asLong();
    assertThat(started.json().get("monitoringURL").asText()).isEqualTo("/v2/actions/" + actionId);
    assertThat(queue("QAS", "ru").get(0).get("status").asText()).isEqualTo("running");
    JsonNode poll1 = http.get(http.tms("/v2/actions/" + actionId)).json();
    JsonNode poll2 = http.get(http.tms("/v2/actions/" + actionId)).json();
    JsonNode poll3 = http.get(http.tms("/v2/actions/" + actionId)).json();
    assertThat(poll1.get("status").asText()).isEqualTo("running");
    assertThat(poll1.get("endedAt").isNull()).isTrue();
    assertThat(poll1.at("/transportRequests/0/status").asText()).isEqualTo("running");
    assertThat(poll2.get("status").asText()).isEqualTo("running");
    assertThat(poll3.get("status").asText()).isEqualTo("succeeded");
    assertThat(poll3.get("type").asText()).isEqualTo("I");
    assertThat(poll3.get("nodeName").asText()).isEqualTo("QAS");
    assertThat(poll3.get("triggeredBy").asText()).isEqualTo(fake.clientId());
    assertThat(poll3.get("triggeredByNamedUser").asText()).isEqualTo("jane");
    assertThat(poll3.get("endedAt").asText()).isNotBlank();
    assertThat(poll3.at("/transportRequests/0/id").asLong()).isEqualTo(trId);
    assertThat(poll3.at("/transportRequests/0/status").asText()).isEqualTo("succeeded");
    assertThat(poll3.at("/transportRequests/0/entities/0/fileName").asText()).isEqualTo("app.mtar");
    assertThat(fake.transportRequest(trId).statusIn(qas)).isEqualTo("succeeded");
    assertThat(ids(queue("QAS", "su"))).containsExactly(trId);
  }

  @Test
  void importOutcomesAreChosenPerTransportRequestAndTheActionGetsTheWorst() throws Exception {
    long ok = http.export("DEV", "ok");
    long warn = http.export("DEV", "warn");
    long bad = http.export("DEV", "bad");
    fake.importOutcome(warn, "warning");
    fake.importOutcome(bad, "fatal");

    Http.Res r = action("/v2/nodes/" + fake.nodeId("QAS") + "/transportRequests/import", ok, warn, bad);
    fake.completeImports();
    JsonNode done = http.get(http.tms("/v2/actions/" + r.json().get("actionId").asLong())).json();

    assertThat(done.get("status").asText()).isEqualTo("fatal");
    assertThat(done.at("/transportRequests/0/status").asText()).isEqualTo("succeeded");
    assertThat(done.at("/transportRequests/1/status").asText()).isEqualTo("warning");
    assertThat(done.at("/transportRequests/2/status").asText()).isEqualTo("fatal");
    assertThat(fake.transportRequest(bad).status()).isEqualTo("fatal");
  }

  @Test
  void importEndsWhenTheFakeClockPassesTheImportDuration() throws Exception {
    try (FakeCalm timed = FakeCalm.builder().clock(clock).importDuration(Duration.ofMinutes(5)).start()) {
      Http h = new Http(timed);
      long trId = h.export("DEV", "timed");
      long actionId = h.post(h.tms("/v2/nodes/2/transportRequests/import"), "{\"transportRequests\":[" + trId + "]}")
          .json().get("actionId").asLong();

      for (int i = 0; i < 5; i++) {
        assertThat(h.get(h.tms("/v2/actions/" + actionId)).json().get("status").asText()).isEqualTo("running");
      }
      clock.advance(Duration.ofMinutes(5));

      assertThat(timed.transportRequest(trId).status()).isEqualTo("succeeded");
      assertThat(h.get(h.tms("/v2/actions/" + actionId)).json().get("status").asText()).isEqualTo("succeeded");
    }
  }

  @Test
  void importOfAnIdOutsideTheQueueOrNotImportableFailsAndChangesNothing() throws Exception {
    long good = http.export("DEV", "good");
    long failed = http.export("DEV", "failed");
    fake.setTransportRequestStatus(failed, "QAS", "error");
    String path = "/v2/nodes/" + fake.nodeId("QAS") + "/transportRequests/import";

    Http.Res unknown = action(path, good, 999_999);
    Http.Res notImportable = action(path, good, failed);
    Http.Res wrongQueue = action("/v2/nodes/" + fake.nodeId("PRD") + "/transportRequests/import", good);

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("errorType").asText()).endsWith("TsNotFoundException");
    assertThat(notImportable.status()).isEqualTo(400);
    assertThat(wrongQueue.status()).isEqualTo(404);
    assertThat(fake.transportRequest(good).status()).isEqualTo("initial");
    assertThat(fake.transportRequest(failed).status()).isEqualTo("error");
  }

  @Test
  void importAllTakesInitialFatalAndRepeatButNotError() throws Exception {
    long initial = http.export("DEV", "initial");
    long fatal = http.export("DEV", "fatal");
    long repeat = http.export("DEV", "repeat");
    long error = http.export("DEV", "error");
    fake.setTransportRequestStatus(fatal, "QAS", "fatal");
    fake.setTransportRequestStatus(repeat, "QAS", "repeat");
    fake.setTransportRequestStatus(error, "QAS", "error");

    Http.Res r = Http.send(http.authorized(http.tms("/v2/nodes/" + fake.nodeId("QAS") + "/transportRequests/importAll"))
        .POST(BodyPublishers.noBody()).build());

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode a = http.get(http.tms("/v2/actions/" + r.json().get("actionId").asLong())).json();
    assertThat(ids(a.get("transportRequests"))).containsExactly(initial, fatal, repeat);
    assertThat(fake.transportRequest(error).status()).isEqualTo("error");
  }

  @Test
  void resetWorksFromErrorSkippedAndSucceededOnlyAndGivesRepeat() throws Exception {
    long error = http.export("DEV", "error");
    long skipped = http.export("DEV", "skipped");
    long initial = http.export("DEV", "initial");
    fake.importOutcomes(error, "error", "succeeded");
    importAndWait("QAS", error);
    fake.setTransportRequestStatus(skipped, "QAS", "skipped");
    String reset = "/v2/nodes/" + fake.nodeId("QAS") + "/transportRequests/reset";

    Http.Res rejected = action(reset, error, initial);
    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.json().get("message").asText()).contains(Long.toString(initial));
    assertThat(fake.transportRequest(error).status()).isEqualTo("error");

    Http.Res ok = action(reset, error, skipped);
    assertThat(ok.status()).isEqualTo(204);
    assertThat(ok.body()).isEmpty();
    assertThat(fake.transportRequest(error).status()).isEqualTo("repeat");
    assertThat(fake.transportRequest(skipped).status()).isEqualTo("repeat");

    importAndWait("QAS", error);
    assertThat(fake.transportRequest(error).status()).isEqualTo("succeeded");
  }

  @Test
  void forwardAddsToTheTargetQueueAndRequeuesExistingEntriesAsRepeat() throws Exception {
    long a = http.export("DEV", "a");
    long b = http.export("DEV", "b");
    long qas = fake.nodeId("QAS");
    long prd = fake.nodeId("PRD");
    String forward = "/v2/nodes/" + qas + "/transportRequests/forward";

    assertThat(action(forward, a, b).status()).isEqualTo(204);
    assertThat(ids(queue("PRD", "in"))).containsExactly(a, b);

    fake.setTransportRequestStatus(a, "PRD", "succeeded");
    assertThat(action(forward, a).status()).isEqualTo(204);
    assertThat(ids(queue("PRD", "in,re"))).containsExactly(b, a);
    assertThat(fake.transportRequest(a).statusIn(prd)).isEqualTo("repeat");
    assertThat(fake.transportRequest(a).statusIn(qas)).isEqualTo("initial");
    assertThat(fake.transportRequest(a).queueNodeIds()).containsExactly(qas, prd);

    assertThat(action("/v2/nodes/" + prd + "/transportRequests/forward", a).status()).isEqualTo(400);
    assertThat(action(forward, 424242).status()).isEqualTo(404);
  }

  @Test
  void removeMarksTheEntryDeletedAndItIsListedOnlyUnderDe() throws Exception {
    long trId = http.export("DEV", "gone");

    Http.Res r = action("/v2/nodes/" + fake.nodeId("QAS") + "/transportRequests/remove", trId);

    assertThat(r.status()).isEqualTo(204);
    assertThat(fake.transportRequest(trId).status()).isEqualTo("deleted");
    assertThat(ids(queue("QAS", "in,re,er,fa"))).isEmpty();
    assertThat(ids(queue("QAS", "de"))).containsExactly(trId);
  }

  @Test
  void actionAndTransportRequestLogsCarryMessagesWithSeverity() throws Exception {
    long trId = http.export("DEV", "logged");
    fake.importOutcome(trId, "error");
    long actionId = importAndWait("QAS", trId);

    JsonNode actionLogs = http.get(http.tms("/v2/actions/" + actionId + "/logs")).json().get("logs");
    JsonNode trLogs = http.get(http.tms("/v2/nodes/" + fake.nodeId("QAS") + "/transportRequests/" + trId + "/logs"))
        .json().get("logs");

    assertThat(actionLogs.get(0).get("transportRequestId").asLong()).isEqualTo(trId);
    assertThat(actionLogs.get(0).get("status").asText()).isEqualTo("error");
    JsonNode messages = actionLogs.get(0).get("messages");
    assertThat(messages.get(messages.size() - 1).get("severity").asText()).isEqualTo("E");
    assertThat(messages.get(0).has("messageId")).isTrue();
    assertThat(messages.get(0).has("createdAt")).isTrue();
    assertThat(actionLogs.get(0).at("/entities/0/messages").isArray()).isTrue();
    JsonNode importLog = trLogs.get(trLogs.size() - 1);
    assertThat(importLog.get("actionId").asLong()).isEqualTo(actionId);
    assertThat(importLog.get("actionType").asText()).isEqualTo("I");
    assertThat(importLog.get("status").asText()).isEqualTo("error");
    assertThat(importLog.get("actionTriggeredBy").asText()).isEqualTo(fake.clientId());
    assertThat(importLog.has("actionStartedAt")).isTrue();
  }

  @Test
  void fileCanBeDeletedUnlessATransportRequestUsesIt() throws Exception {
    long loose = http.uploadBytes("loose.mtar", new byte[] {1});
    long trId = http.export("DEV", "uses a file");
    String used = fake.transportRequest(trId).entryUris().get(0);

    assertThat(http.delete(http.tms("/v2/files/" + loose)).status()).isEqualTo(204);
    assertThat(http.delete(http.tms("/v2/files/" + loose)).status()).isEqualTo(404);
    assertThat(http.delete(http.tms("/v2/files/" + used)).status()).isEqualTo(422);
    assertThat(fake.uploadedFiles()).extracting(UploadedFile::fileId).containsExactly(Long.parseLong(used));
  }

  @Test
  void mtaExtensionDescriptorsCanBeUploadedListedAndReplaced() throws Exception {
    String yaml = "_schema-version: '3.1'\nID: my.ext\nextends: com.example.app\n";
    String path = "/v2/nodes/" + fake.nodeId("QAS") + "/mtaExtDescriptors";
    String body = "--b\r\nContent-Disposition: form-data; name=\"mtaVersion\"\r\n\r\n1.0.0\r\n"
        + "--b\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nQAS values\r\n"
        + "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"qas.mtaext\"\r\n\r\n" + yaml
        + "\r\n--b--\r\n";

    Http.Res created = Http.send(http.authorized(http.tms(path)).header("tms-named-user", "jane")
        .header("Content-Type", "multipart/form-data; boundary=b").POST(BodyPublishers.ofString(body)).build());
    Http.Res listed = http.get(http.tms(path + "?mtaId=com.example.app&mtaVersion=1.0.0"));
    Http.Res replaced = Http.send(http.authorized(http.tms(path + "/" + created.json().get("id").asLong()))
        .header("Content-Type", "multipart/form-data; boundary=b").PUT(BodyPublishers.ofString(body)).build());

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("mtaId").asText()).isEqualTo("com.example.app");
    assertThat(created.json().get("mtaExtId").asText()).isEqualTo("my.ext");
    assertThat(created.json().get("mtaVersion").asText()).isEqualTo("1.0.0");
    assertThat(listed.json().get("mtaExtDescriptors")).hasSize(1);
    assertThat(replaced.status()).isEqualTo(200);
  }

  @Test
  void versionsEndpointListsV1AndV2() throws Exception {
    JsonNode v = http.get(http.tms("/versions")).json().get("supportedVersions");

    assertThat(v.get(1).get("path").asText()).isEqualTo("v2");
  }

  @Test
  void addedNodesAndRoutesExtendTheLandscape() throws Exception {
    long sandbox = fake.addNode("SBX");
    fake.addRoute("PRD", "SBX");
    long trId = http.export("PRD", "to the sandbox");

    assertThat(fake.transportRequest(trId).queueNodeIds()).containsExactly(sandbox);
    assertThatThrownBy(() -> fake.nodeId("NOPE")).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> fake.addNode("SBX")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void autoForwardPutsASuccessfulImportIntoTheNextQueue() throws Exception {
    try (FakeCalm auto = FakeCalm.builder().autoForward(true).importPollsUntilDone(0).start()) {
      Http h = new Http(auto);
      long trId = h.export("DEV", "auto");

      h.post(h.tms("/v2/nodes/2/transportRequests/import"), "{\"transportRequests\":[" + trId + "]}");

      FakeTransportRequest tr = auto.transportRequest(trId);
      assertThat(tr.statusIn(auto.nodeId("QAS"))).isEqualTo("succeeded");
      assertThat(tr.statusIn(auto.nodeId("PRD"))).isEqualTo("initial");
    }
  }
}
