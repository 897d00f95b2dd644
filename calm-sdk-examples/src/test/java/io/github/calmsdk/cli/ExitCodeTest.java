package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.testkit.FakeCalm;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each exit code, 0 to 5, reached by a real cause against the fake. */
class ExitCodeTest {
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
  void exit0WhenTheCallWorked() {
    assertThat(cli.run("nodes").exit()).isZero();
  }

  @Test
  void exit1WhenAnImportEndsInError() {
    long tr = cli.exportFile("app.mtar");
    cli.fake.importOutcome(tr, "error");

    CliRun r = cli.run("--json", "import", "--node", "QAS", "--tr", Long.toString(tr), "--wait", "90s");

    assertThat(r.exit()).isEqualTo(1);
    long action = r.json().get("actionId").asLong();
    assertThat(r.json().get("successful").asBoolean()).isFalse();
    assertThat(r.err().lines()).containsExactly(
        "calm: import action " + action + " ended error: TR " + tr + " error",
        "  fix the cause in the target system, then: calm retry --node QAS --tr " + tr);
  }

  @Test
  void exit0WithoutARetryHintWhenTheTransportRequestsEndSkippedWhichSapCallsEquivalentToSucceeded() {
    long skipped = cli.exportFile("skipped.mtar");
    long ok = cli.exportFile("ok.mtar");
    cli.fake.importOutcome(skipped, "skipped");

    CliRun r = cli.run("--json", "import", "--node", "QAS", "--tr", Long.toString(skipped), Long.toString(ok),
        "--wait", "90s");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get("successful").asBoolean()).isTrue();
    assertThat(r.json().get("transportRequests")).extracting(t -> t.get("status").asText())
        .containsExactlyInAnyOrder("skipped", "succeeded");
    assertThat(r.err()).doesNotContain("calm retry").doesNotContain("calm: ");

    CliRun human = cli.run("retry", "--node", "QAS", "--tr", Long.toString(skipped), "--wait", "90s");
    assertThat(human.exit()).as(human.err()).isZero();
    assertThat(human.out()).contains("ended");
    assertThat(human.err()).doesNotContain("calm retry");
  }

  @Test
  void exit2ForABadDurationAndNothingIsSent() {
    long tr = cli.exportFile("app.mtar");
    int before = cli.fake.requests().size();

    CliRun r = cli.run("import", "--node", "QAS", "--tr", Long.toString(tr), "--wait", "5 minutes");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--wait: '5 minutes' is not a duration").contains("90s, 5m, 1h");
    assertThat(cli.fake.requests()).hasSize(before);
  }

  @Test
  void exit2WhenNoServiceKeyIsGiven() {
    CliRun r = cli.runWith(Map.of(), "nodes");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no service key").contains("--service-key FILE").contains("CALM_SERVICE_KEY")
        .contains("calm demo");
    assertThat(r.err().lines().count()).as("no usage text: the syntax was right").isEqualTo(2);
    assertThat(cli.fake.requests()).isEmpty();
  }

  @Test
  void exit2WhenTheKeySendsPlainHttpToAHostThatIsNotLoopback() {
    Path key = cli.writeKey("http.json", k -> {
      k.withObjectProperty("endpoints").put("Api", "http://calm.example.com/api");
      return k;
    });

    CliRun r = cli.runWith(Map.of("CALM_SERVICE_KEY", key.toString()), "nodes");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("endpoints.Api")
        .contains("http://calm.example.com")
        .contains("plain http is accepted only for loopback hosts");
    assertThat(r.err().lines().count()).isEqualTo(2);
  }

  @Test
  void exit3WhenTheClientSecretIsWrong() {
    Path key = cli.writeKey("wrong.json", k -> {
      k.withObjectProperty("uaa").put("clientsecret", "not-the-secret");
      return k;
    });

    CliRun r = cli.runWith(Map.of(), "--service-key", key.toString(), "nodes");

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("401").contains("uaa.clientsecret").doesNotContain("not-the-secret");
  }

  @Test
  void exit4ForAnUnknownNode() {
    CliRun r = cli.run("status", "--node", "NOPE");

    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.err()).contains("no node named 'NOPE'").contains("calm nodes");
  }

  @Test
  void exit4ForAnUnknownNodeId() {
    CliRun r = cli.run("status", "--node", "999");

    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.err()).contains("404");
  }

  @Test
  void exit5WhenCloudAlmAnswers503UntilTheRetriesAreExhausted() {
    cli.fake.faults().on("GET", ".+/v2/nodes").status(503).always();

    CliRun r = cli.run("nodes");

    assertThat(r.exit()).isEqualTo(5);
    assertThat(r.err()).contains("503").contains("4 attempts").contains("try again later");
    assertThat(cli.fake.requestCount("GET", ".+/v2/nodes")).isEqualTo(4);
    assertThat(cli.sleeps).as("three backoffs, none slept for real").hasSize(3);
  }
}
