package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.calmsdk.testkit.FakeCalm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each command's happy path with --json: exactly one JSON document on stdout, read back. */
class JsonOutputTest {
  @TempDir Path dir;
  private CliHarness cli;

  @BeforeEach
  void start() {
    cli = new CliHarness(FakeCalm.start(), dir);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void nodesListsTheLandscape() {
    CliRun r = cli.run("--json", "nodes");

    assertThat(r.exit()).isZero();
    JsonNode nodes = r.json().get("nodes");
    assertThat(nodes).extracting(n -> n.get("name").asText()).containsExactly("DEV", "QAS", "PRD");
    assertThat(nodes.get(0).get("id").asLong()).isEqualTo(cli.fake.nodeId("DEV"));
    assertThat(nodes.get(0).get("uploadAllowed").asBoolean()).isTrue();
  }

  @Test
  void globalOptionsMayFollowTheCommand() {
    CliRun r = cli.run("nodes", "--json");

    assertThat(r.exit()).isZero();
    assertThat(r.json().get("nodes")).hasSize(3);
  }

  @Test
  void exportCreatesATransportRequestQueuedInTheFollowOnNode() throws Exception {
    Path file = dir.resolve("app.mtar");
    Files.writeString(file, "mta");

    CliRun r = cli.run("--json", "export", "--node", "DEV", "--file", file.toString(),
        "--description", "Release 42", "--named-user", "jane");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode doc = r.json();
    long tr = doc.get("transportRequestId").asLong();
    assertThat(doc.get("description").asText()).isEqualTo("Release 42");
    assertThat(doc.get("queueEntries").get(0).get("nodeName").asText()).isEqualTo("QAS");
    assertThat(doc.get("uploadedFiles").get(0).get("fileName").asText()).isEqualTo("app.mtar");
    assertThat(cli.fake.transportRequest(tr).namedUser()).isEqualTo("jane");
    assertThat(cli.fake.transportRequest(tr).contentType()).isEqualTo("MTA");
  }

  @Test
  void exportWithUploadOnlyQueuesInTheNodeItself() throws Exception {
    Path file = dir.resolve("app.mtar");
    Files.writeString(file, "mta");

    CliRun r = cli.run("--json", "export", "--node", "DEV", "--file", file.toString(), "--upload-only",
        "--content-type", "btp_abap");

    assertThat(r.exit()).as(r.err()).isZero();
    long tr = r.json().get("transportRequestId").asLong();
    assertThat(cli.fake.transportRequest(tr).queueNodeIds()).containsExactly(cli.fake.nodeId("DEV"));
    assertThat(cli.fake.transportRequest(tr).contentType()).isEqualTo("BTP_ABAP");
    assertThat(cli.fake.transportRequest(tr).description()).isEqualTo("calm export: app.mtar");
  }

  @Test
  void importWithoutWaitReportsTheStartedAction() {
    long tr = cli.exportFile("app.mtar");

    CliRun r = cli.run("--json", "import", "--node", "QAS", "--tr", Long.toString(tr));

    assertThat(r.exit()).isZero();
    assertThat(r.json().get("finished").asBoolean()).isFalse();
    assertThat(r.json().get("actionId").asLong()).isPositive();
    assertThat(r.json().get("transportRequests")).extracting(JsonNode::asLong).containsExactly(tr);
  }

  @Test
  void importWithWaitReportsEachTransportRequestsOutcome() {
    long tr = cli.exportFile("app.mtar");

    CliRun r = cli.run("--json", "import", "--node", "QAS", "--tr", Long.toString(tr), "--wait", "5m");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode doc = r.json();
    assertThat(doc.get("status").asText()).isEqualTo("succeeded");
    assertThat(doc.get("successful").asBoolean()).isTrue();
    assertThat(doc.get("transportRequests").get(0).get("id").asLong()).isEqualTo(tr);
    assertThat(cli.sleeps).as("the import was polled; nothing slept for real").isNotEmpty();
  }

  @Test
  void importAllByNodeIdImportsTheWholeQueue() {
    long a = cli.exportFile("a.mtar");
    long b = cli.exportFile("b.mtar");

    CliRun r = cli.run("--json", "import", "--node", Long.toString(cli.fake.nodeId("QAS")), "--all", "--wait");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get("transportRequests")).extracting(t -> t.get("id").asLong()).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void retryResetsAFailedTransportRequestAndImportsItAgain() {
    long tr = cli.exportFile("app.mtar");
    cli.fake.importOutcomes(tr, "error", "succeeded");
    assertThat(cli.run("import", "--node", "QAS", "--tr", Long.toString(tr), "--wait").exit()).isEqualTo(1);

    CliRun r = cli.run("--json", "retry", "--node", "QAS", "--tr", Long.toString(tr), "--wait", "PT5M");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get("resetFirst")).extracting(JsonNode::asLong).containsExactly(tr);
    assertThat(r.json().get("status").asText()).isEqualTo("succeeded");
    assertThat(cli.fake.transportRequest(tr).statusIn(cli.fake.nodeId("QAS"))).isEqualTo("succeeded");
  }

  @Test
  void statusListsTheQueueFilteredByStatus() {
    long ok = cli.exportFile("ok.mtar");
    long bad = cli.exportFile("bad.mtar");
    cli.fake.importOutcome(bad, "error");
    cli.run("import", "--node", "QAS", "--tr", Long.toString(ok), Long.toString(bad), "--wait");

    CliRun all = cli.run("--json", "status", "--node", "QAS");
    CliRun failed = cli.run("--json", "status", "--node", "QAS", "--status", "error,fatal");

    assertThat(all.json().get("transportRequests")).extracting(t -> t.get("id").asLong()).containsExactly(ok, bad);
    assertThat(failed.json().get("transportRequests")).extracting(t -> t.get("id").asLong()).containsExactly(bad);
    assertThat(failed.json().get("transportRequests").get(0).get("status").asText()).isEqualTo("error");
    assertThat(failed.json().get("statuses")).extracting(JsonNode::asText).containsExactly("error", "fatal");
  }

  @Test
  void featuresListGetSetStatusAndParent() {
    String uuid = cli.fake.addFeature("P1", "Checkout v2", null);
    cli.fake.addFeature("P1", "Invoice layout", null);
    cli.fake.addFeature("P2", "Elsewhere", null);
    cli.fake.assignTransport("S4DK900123", uuid);

    JsonNode list = cli.run("--json", "features", "list", "--project", "P1").json();
    String displayId = list.get("features").get(0).get("displayId").asText();
    JsonNode got = cli.run("--json", "features", "get", displayId).json();
    JsonNode set = cli.run("--json", "features", "set-status", uuid, "In Testing").json();
    JsonNode parent = cli.run("--json", "features", "parent", "S4DK900123").json();
    JsonNode none = cli.run("--json", "features", "parent", "S4DK999999").json();

    assertThat(list.get("features")).extracting(f -> f.get("title").asText())
        .containsExactly("Checkout v2", "Invoice layout");
    assertThat(got.get("uuid").asText()).isEqualTo(uuid);
    assertThat(set.get("from").asText()).isEqualTo("NOT_PLANNED");
    assertThat(set.get("to").asText()).isEqualTo("IN_TESTING");
    assertThat(cli.fake.feature(uuid).statusCode()).isEqualTo("IN_TESTING");
    assertThat(parent.get("feature").get("uuid").asText()).isEqualTo(uuid);
    assertThat(none.get("feature").isNull()).isTrue();
  }

  @Test
  void featuresListHonoursStatusAndTop() {
    cli.fake.addFeature("P1", "One", "IN_TESTING");
    cli.fake.addFeature("P1", "Two", "IN_TESTING");
    cli.fake.addFeature("P1", "Three", "DEPLOYED");

    JsonNode r = cli.run("--json", "features", "list", "--project", "P1", "--status", "IN_TESTING", "--top", "1").json();

    assertThat(r.get("features")).extracting(f -> f.get("title").asText()).containsExactly("One");
  }

  @Test
  void aFailureWithJsonStillWritesOneDocumentNamingTheExitCode() {
    CliRun r = cli.run("--json", "status", "--node", "NOPE");

    assertThat(r.exit()).isEqualTo(4);
    JsonNode error = r.json().get("error");
    assertThat(error.get("exitCode").asInt()).isEqualTo(4);
    assertThat(error.get("message").asText()).contains("NOPE");
    assertThat(r.err()).contains("calm: ").contains("NOPE");
  }

  @Test
  void importWithWaitPrintsTheActionTimesWhenTheServerWritesThemInTheSpecsForm() throws Exception {
    Path specDir = Files.createDirectories(dir.resolve("spec"));
    try (CliHarness spec = new CliHarness(FakeCalm.builder().specTimestamps(true).start(), specDir)) {
      long tr = spec.exportFile("app.mtar");

      CliRun r = spec.run("--json", "import", "--node", "QAS", "--tr", Long.toString(tr), "--wait", "5m");

      assertThat(r.exit()).as(r.err()).isZero();
      JsonNode doc = r.json();
      // the fake wrote them as 2019-05-07T06:40:48.0725+0000; they used to come back null
      assertThat(doc.get("startedAt").isTextual()).as("startedAt: %s", doc).isTrue();
      assertThat(doc.get("endedAt").isTextual()).as("endedAt: %s", doc).isTrue();
      java.time.Instant started = java.time.Instant.parse(doc.get("startedAt").asText());
      java.time.Instant ended = java.time.Instant.parse(doc.get("endedAt").asText());
      assertThat(ended).isAfterOrEqualTo(started);
    }
  }
}
