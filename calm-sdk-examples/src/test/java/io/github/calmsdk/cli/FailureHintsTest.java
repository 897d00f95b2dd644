package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.calmsdk.testkit.FakeCalm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures whose hint used to point the wrong way: each says what is wrong and the calm command that helps. */
class FailureHintsTest {
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

  /** A loopback port nothing listens on: bound, then released. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private Path keyWithTokenHost(String url) {
    return cli.writeKey("token-host.json", k -> {
      k.withObjectProperty("uaa").put("url", url);
      return k;
    });
  }

  @Test
  void aTransportRequestTheNodeDoesNotKnowIsReportedAsUnknownInThatNode() {
    CliRun r = cli.run("import", "--node", "QAS", "--tr", "999999");

    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.err().lines()).hasSize(2);
    assertThat(r.err()).contains("404")
        .contains("transport request 999999 is unknown in node QAS")
        .contains("'calm status --node QAS'")
        .doesNotContain("calm nodes");
  }

  @Test
  void withJsonTheUnknownTransportRequestKeepsItsTypeAndCarriesTheNewHint() {
    CliRun r = cli.run("--json", "import", "--node", "QAS", "--tr", "999999");

    JsonNode error = r.json().get("error");
    assertThat(error.get("exitCode").asInt()).isEqualTo(4);
    assertThat(error.get("type").asText()).isEqualTo("CalmNotFoundException");
    assertThat(error.get("status").asInt()).isEqualTo(404);
    assertThat(error.get("hint").asText()).contains("calm status --node QAS");
  }

  @Test
  void aNodeIdNoNodeHasStillPointsToTheNodes() {
    CliRun r = cli.run("import", "--node", "999", "--tr", "1");

    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.err()).contains("Node ID 999").contains("see the nodes with 'calm nodes'");
  }

  @Test
  void importingATransportRequestThatAlreadySucceededPointsToRetry() {
    long tr = cli.exportFile("app.mtar");
    assertThat(cli.run("import", "--node", "QAS", "--tr", Long.toString(tr), "--wait").exit()).isZero();

    CliRun r = cli.run("import", "--node", "QAS", "--tr", Long.toString(tr));

    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.err()).contains("succeeded").contains("'calm retry --node QAS --tr " + tr + "'");
  }

  @Test
  void aFeatureStatusCodeTheTenantDoesNotKnowPointsToFeaturesStatusesNotToAJavaMethod() {
    String uuid = cli.fake.addFeature("P1", "Checkout v2", null);

    CliRun r = cli.run("features", "set-status", uuid, "BOGUS");
    CliRun json = cli.run("--json", "features", "set-status", uuid, "BOGUS");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("'BOGUS' is not a status of this tenant").contains("IN_TESTING (In Testing)")
        .contains("'calm features statuses'").doesNotContain("refreshStatuses");
    assertThat(json.json().get("error").get("field").asText()).isEqualTo("statusCode");
    assertThat(json.json().get("error").get("type").asText()).isEqualTo("CalmValidationException");
    assertThat(cli.fake.feature(uuid).statusCode()).isEqualTo("NOT_PLANNED");
  }

  @Test
  void featuresStatusesListsTheTenantsCodesAndNames() {
    CliRun r = cli.run("features", "statuses");
    CliRun json = cli.run("--json", "features", "statuses");

    assertThat(r.exit()).isZero();
    assertThat(r.lines().get(0)).matches("CODE +NAME");
    assertThat(r.out()).containsPattern("IN_TESTING +In Testing");
    assertThat(json.json().get("statuses")).extracting(s -> s.get("code").asText())
        .contains("NOT_PLANNED", "IN_TESTING", "DEPLOYED");
  }

  @Test
  void anUnreachableTokenHostIsANetworkProblemNamingHostPortAndProxyWithExit5() throws IOException {
    int port = closedPort();
    Path key = keyWithTokenHost("http://127.0.0.1:" + port);

    CliRun r = cli.runWith(Map.of(), "--service-key", key.toString(), "nodes");
    CliRun json = cli.runWith(Map.of(), "--json", "--service-key", key.toString(), "nodes");

    assertThat(r.exit()).isEqualTo(5);
    assertThat(r.err()).contains("could not connect")
        .contains("could not reach the token host 127.0.0.1 port " + port)
        .contains("proxy")
        .doesNotContain("uaa.clientid").doesNotContain("uaa.clientsecret");
    assertThat(json.exit()).isEqualTo(5);
    assertThat(json.json().get("error").get("exitCode").asInt()).isEqualTo(5);
    assertThat(json.json().get("error").get("type").asText()).isEqualTo("CalmAuthException");
  }

  @Test
  void doctorReportsAnUnreachableTokenHostAsANetworkProblemWithExit5() throws IOException {
    int port = closedPort();
    Path key = keyWithTokenHost("http://127.0.0.1:" + port);

    CliRun r = cli.runWith(Map.of(), "--service-key", key.toString(), "doctor");

    assertThat(r.exit()).isEqualTo(5);
    assertThat(r.out()).containsPattern("FAIL +token +could not get an access token")
        .contains("token: could not reach the token host 127.0.0.1 port " + port)
        .contains("some checks failed (exit 5)")
        .doesNotContain("uaa.clientsecret");
  }

  @Test
  void aTokenHostAnswering503UntilTheRetriesAreExhaustedIsUnavailableNotBadCredentials() {
    cli.fake.faults().on("POST", ".+/oauth/token").status(503).always();

    CliRun r = cli.run("nodes");

    assertThat(r.exit()).isEqualTo(5);
    assertThat(r.err()).contains("503").contains("try again later").doesNotContain("uaa.clientsecret");
  }

  @Test
  void aWrongSecretIsStillBlamedOnTheCredentials() {
    Path key = cli.writeKey("wrong.json", k -> {
      k.withObjectProperty("uaa").put("clientsecret", "not-the-secret");
      return k;
    });

    CliRun r = cli.runWith(Map.of(), "--service-key", key.toString(), "nodes");

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("uaa.clientsecret").doesNotContain("token host");
  }
}
