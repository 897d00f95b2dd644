package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.calmsdk.testkit.FakeCalm;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** calm doctor: the key, the token, the scopes and one read of each API, as a checklist. */
class DoctorTest {
  @TempDir Path dir;

  @Test
  void aGoodKeyPassesEveryCheckAndShowsTheClientIdExpiryAndScopes() {
    try (CliHarness cli = new CliHarness(FakeCalm.start(), dir)) {
      CliRun r = cli.run("doctor");

      assertThat(r.exit()).as(r.out() + r.err()).isZero();
      assertThat(r.out())
          .contains("client id")
          .contains(cli.fake.clientId())
          .contains("token expiry")
          .contains("sapcloudalm!b2.imp-cdm-feature-manage-ui")
          .contains("all checks passed");
      assertThat(r.out().lines().filter(l -> l.startsWith("OK "))).hasSize(6);
      assertThat(r.out()).doesNotContain("FAIL");
      assertThat(r.err()).isEmpty();
    }
  }

  @Test
  void aKeyMissingScopesIsReportedWithTheScopesAndTheFix() {
    FakeCalm fake = FakeCalm.builder().scopes(Set.of("sapcloudalm!b2.imp-cdm-feature-display-ui")).start();
    try (CliHarness cli = new CliHarness(fake, dir)) {
      CliRun r = cli.run("doctor");

      assertThat(r.exit()).isEqualTo(3);
      assertThat(r.out())
          // the read of /v2/nodes worked: the missing write scope is a warning, not a failure
          .containsPattern("WARN +transport management scopes +missing imp-cdm-feature-manage-ui; the read below"
              + " worked")
          .containsPattern("FAIL +features scopes +missing calm-api.features.read, calm-api.features.write")
          .containsPattern("OK +GET /v2/nodes +3 nodes")
          .containsPattern("FAIL +GET Features\\?\\$top=1 +HTTP 403")
          .contains("create a new binding with the authorities \"$XSMASTERAPPNAME.imp-cdm-feature-manage-ui\"")
          .contains("create a new binding with the scopes \"calm-api.features.read\", \"calm-api.features.write\"");
      assertThat(r.err()).contains("doctor: 2 of 6 checks failed");
    }
  }

  @Test
  void withJsonTheChecklistIsOneDocument() {
    FakeCalm fake = FakeCalm.builder().scopes(Set.of("calm-api.features.read", "calm-api.features.write")).start();
    try (CliHarness cli = new CliHarness(fake, dir)) {
      CliRun r = cli.run("--json", "doctor");

      JsonNode doc = r.json();
      assertThat(r.exit()).isEqualTo(3);
      assertThat(doc.get("exitCode").asInt()).isEqualTo(3);
      assertThat(doc.get("serviceKey").get("clientId").asText()).isEqualTo(fake.clientId());
      assertThat(doc.get("token").get("scopes")).extracting(JsonNode::asText)
          .containsExactlyInAnyOrder("calm-api.features.read", "calm-api.features.write");
      assertThat(doc.get("token").get("expiresAt").asText()).endsWith("Z");
      assertThat(doc.get("checks")).filteredOn(c -> c.get("result").asText().equals("FAIL"))
          .extracting(c -> c.get("check").asText())
          .containsExactly("transport management scopes", "GET /v2/nodes");
    }
  }

  @Test
  void aMalformedKeyFailsTheFirstCheckNamingTheJsonPath() {
    try (CliHarness cli = new CliHarness(FakeCalm.start(), dir)) {
      Path key = cli.writeKey("broken.json", k -> {
        k.withObjectProperty("uaa").remove("clientid");
        return k;
      });

      CliRun r = cli.runWith(Map.of("CALM_SERVICE_KEY", key.toString()), "doctor");

      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.out()).containsPattern("FAIL +service key +uaa.clientid: missing").containsPattern("SKIP +scopes");
      assertThat(cli.fake.requests()).isEmpty();
    }
  }

  @Test
  void aWrongSecretFailsTheTokenCheckWithExit3() {
    try (CliHarness cli = new CliHarness(FakeCalm.start(), dir)) {
      Path key = cli.writeKey("wrong.json", k -> {
        k.withObjectProperty("uaa").put("clientsecret", "wrong-secret");
        return k;
      });

      CliRun r = cli.runWith(Map.of(), "--service-key", key.toString(), "doctor");

      assertThat(r.exit()).isEqualTo(3);
      assertThat(r.out()).containsPattern("FAIL +token +.*401").contains("uaa.clientsecret")
          .doesNotContain("wrong-secret");
    }
  }

  @Test
  void aMissingKeyFailsWithExit2AndSaysWhereToPutOne() {
    try (CliHarness cli = new CliHarness(FakeCalm.start(), dir)) {
      CliRun r = cli.runWith(Map.of(), "doctor");

      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.out()).containsPattern("FAIL +service key +no service key: pass --service-key FILE");
    }
  }

  @Test
  void anUnavailableApiFailsItsProbeWithExit5() {
    try (CliHarness cli = new CliHarness(FakeCalm.start(), dir)) {
      cli.fake.faults().on("GET", ".+/v2/nodes").status(503).always();

      CliRun r = cli.run("doctor");

      assertThat(r.exit()).isEqualTo(5);
      assertThat(r.out()).containsPattern("FAIL +GET /v2/nodes +Cloud ALM unavailable: HTTP 503")
          .containsPattern("OK +GET Features");
    }
  }

  @Test
  void aTenantThatWantsAProjectStillPassesTheFeaturesProbeBecauseItAuthorizedTheCall() {
    try (CliHarness cli = new CliHarness(FakeCalm.builder().requireProjectIdParameter(true).start(), dir)) {
      CliRun r = cli.run("doctor");

      assertThat(r.exit()).isZero();
      assertThat(r.out()).containsPattern("OK +GET Features\\?\\$top=1 +reachable and authorized \\(HTTP 400");
    }
  }

  @Test
  void aCtmsKeyAloneIsCheckedForTransportsAndFeaturesNotConfiguredIsInformationNotAFailure() {
    try (CliHarness cli = new CliHarness(FakeCalm.start(), dir)) {
      Path ctms = cli.writeCtmsKey("ctms.json");

      CliRun r = cli.runWith(Map.of(), "--service-key", ctms.toString(), "doctor");

      assertThat(r.exit()).as(r.out() + r.err()).isZero();
      assertThat(r.out())
          .containsPattern("OK +service key +file .*ctms.json: every field readable \\(Cloud Transport Management key")
          .containsPattern("OK +token +fetched from " + cli.fake.tokenUri())
          .containsPattern("INFO +transport management scopes +not checked for a Cloud Transport Management key")
          .containsPattern("OK +GET /v2/nodes +3 nodes")
          .containsPattern("INFO +features +not configured: the features commands need a Cloud ALM service key"
              + " \\(with endpoints.Api\\), via --service-key or CALM_SERVICE_KEY")
          .doesNotContain("FAIL")
          .doesNotContain("features scopes")
          .contains("all checks passed");
      assertThat(r.err()).isEmpty();
      assertThat(cli.fake.requests()).extracting(q -> q.path()).contains("/ctms/v2/nodes")
          .noneMatch(p -> p.startsWith("/api/"));
    }
  }

  @Test
  void onlyATransportKeyIsCheckedUnderItsOwnNameAndFeaturesAreInformation() {
    try (CliHarness cli = new CliHarness(FakeCalm.start(), dir)) {
      Path ctms = cli.writeCtmsKey("ctms.json");

      CliRun r = cli.runWith(Map.of("CALM_TRANSPORT_KEY", ctms.toString()), "--json", "doctor");

      assertThat(r.exit()).as(r.out() + r.err()).isZero();
      JsonNode doc = r.json();
      assertThat(doc.get("serviceKey").isNull()).isTrue();
      assertThat(doc.get("token").isNull()).isTrue();
      assertThat(doc.get("transportKey").get("kind").asText()).isEqualTo("TRANSPORT_MANAGEMENT");
      assertThat(doc.get("transportKey").get("source").asText()).isEqualTo("CALM_TRANSPORT_KEY -> file " + ctms);
      assertThat(doc.get("transportKey").get("apiBase").asText()).isEqualTo(cli.fake.ctmsUri().toString());
      assertThat(doc.get("transportKey").get("token").get("scopes")).isNotEmpty();
      assertThat(doc.get("checks")).extracting(c -> c.get("result").asText() + " " + c.get("check").asText())
          .containsExactly("OK transport key", "OK transport key token", "INFO transport management scopes",
              "OK GET /v2/nodes", "INFO features");
      assertThat(doc.get("exitCode").asInt()).isZero();
    }
  }

  @Test
  void aCloudAlmKeyAndATransportKeyAreEachCheckedForTheApisTheyServe() {
    try (CliHarness cli = new CliHarness(FakeCalm.start(), dir)) {
      Path ctms = cli.writeCtmsKey("ctms.json");

      CliRun r = cli.run("--transport-key", ctms.toString(), "--json", "doctor");

      assertThat(r.exit()).as(r.out() + r.err()).isZero();
      JsonNode doc = r.json();
      assertThat(doc.get("serviceKey").get("kind").asText()).isEqualTo("CLOUD_ALM");
      assertThat(doc.get("serviceKey").get("clientId").asText()).isEqualTo(cli.fake.clientId());
      assertThat(doc.get("token").get("expiresAt").asText()).endsWith("Z");
      assertThat(doc.get("transportKey").get("kind").asText()).isEqualTo("TRANSPORT_MANAGEMENT");
      assertThat(doc.get("transportKey").get("token").get("expiresAt").asText()).endsWith("Z");
      assertThat(doc.get("checks")).extracting(c -> c.get("result").asText() + " " + c.get("check").asText())
          .containsExactly("OK service key", "OK transport key", "OK token", "OK features scopes",
              "OK GET Features?$top=1", "OK transport key token", "INFO transport management scopes",
              "OK GET /v2/nodes");
      assertThat(cli.fake.requests()).extracting(q -> q.path())
          .contains("/ctms/v2/nodes").noneMatch(p -> p.startsWith("/api/imp-cdm-transport-management-api/"));
      assertThat(cli.fake.tokenRequests()).as("one token per key").isEqualTo(2);
    }
  }

  @Test
  void anUnreadableTransportKeyFailsItsLineAndSkipsTheRest() throws Exception {
    try (CliHarness cli = new CliHarness(FakeCalm.start(), dir)) {
      Path broken = dir.resolve("broken.json");
      java.nio.file.Files.writeString(broken, "{\"uri\":\"" + cli.fake.ctmsUri() + "\",\"uaa\":{}}");

      CliRun r = cli.run("--transport-key", broken.toString(), "doctor");

      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.out()).containsPattern("OK +service key").containsPattern("FAIL +transport key +.*uaa")
          .containsPattern("SKIP +scopes")
          .contains("check the transport key (--transport-key FILE or CALM_TRANSPORT_KEY)");
      assertThat(cli.fake.requests()).isEmpty();
    }
  }

  @Test
  void aMissingFeaturesScopeNameIsAWarningWhenTheFeaturesReadWorkedAndTheExitIs0() {
    FakeCalm fake = FakeCalm.builder()
        .scopes(Set.of("sapcloudalm!b2.imp-cdm-feature-display-ui", "sapcloudalm!b2.imp-cdm-feature-manage-ui",
            "calm-api.features.read"))
        .start();
    try (CliHarness cli = new CliHarness(fake, dir)) {
      CliRun r = cli.run("doctor");

      assertThat(r.exit()).as(r.out() + r.err()).isZero();
      assertThat(r.out())
          .containsPattern("WARN +features scopes +missing calm-api.features.write; the read below worked")
          .containsPattern("OK +GET Features\\?\\$top=1 +readable")
          .contains("features scopes: create a new binding with the scopes \"calm-api.features.write\"")
          .contains("all checks passed (1 warning)")
          .doesNotContain("FAIL");
      assertThat(r.err()).isEmpty();
    }
  }

  @Test
  void aMissingScopeNameIsAFailureWhenTheProbeIsRefusedWith403() {
    FakeCalm fake = FakeCalm.builder()
        .scopes(Set.of("sapcloudalm!b2.imp-cdm-feature-manage-ui", "calm-api.features.write"))
        .start();
    try (CliHarness cli = new CliHarness(fake, dir)) {
      cli.fake.faults().on("GET", "/api/calm-features/v1/Features").status(403).always();

      CliRun r = cli.run("--json", "doctor");

      assertThat(r.exit()).isEqualTo(3);
      assertThat(r.json().get("checks"))
          .filteredOn(c -> c.get("check").asText().equals("features scopes"))
          .extracting(c -> c.get("result").asText() + " " + c.get("detail").asText())
          .containsExactly("FAIL missing calm-api.features.read");
    }
  }

  @Test
  void aMissingScopeNameStaysAWarningWhenTheProbeFailsForAnotherReason() {
    FakeCalm fake = FakeCalm.builder().scopes(Set.of("sapcloudalm!b2.imp-cdm-feature-manage-ui")).start();
    try (CliHarness cli = new CliHarness(fake, dir)) {
      cli.fake.faults().on("GET", "/api/calm-features/v1/Features").status(503).always();

      CliRun r = cli.run("--json", "doctor");

      assertThat(r.exit()).as("the probe's 503 decides").isEqualTo(5);
      assertThat(r.json().get("checks")).extracting(c -> c.get("result").asText() + " " + c.get("check").asText())
          .contains("WARN features scopes", "FAIL GET Features?$top=1");
    }
  }

  private static int closedPort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aRefusedTokenHostOfTheServiceKeyIsANetworkProblemNotASecretToCheck() throws Exception {
    try (CliHarness cli = new CliHarness(FakeCalm.start(), dir)) {
      int port = closedPort();
      Path key = cli.writeKey("refused.json", k -> {
        k.withObjectProperty("uaa").put("url", "http://127.0.0.1:" + port + "/uaa");
        return k;
      });

      CliRun r = cli.runWith(Map.of(), "--service-key", key.toString(), "doctor");

      assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(5);
      assertThat(r.out()).containsPattern("FAIL +token ")
          .contains("token: could not reach the token host 127.0.0.1 port " + port)
          .contains("proxy")
          .doesNotContain("clientsecret");
    }
  }

  @Test
  void aRefusedTokenHostOfTheTransportKeyIsANetworkProblemNotASecretToCheck() throws Exception {
    try (CliHarness cli = new CliHarness(FakeCalm.start(), dir)) {
      int port = closedPort();
      Path ctms = cli.writeCtmsKey("refused-ctms.json", k -> {
        k.withObjectProperty("uaa").put("url", "http://127.0.0.1:" + port + "/uaa");
        return k;
      });

      CliRun r = cli.run("--transport-key", ctms.toString(), "doctor");

      assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(5);
      assertThat(r.out())
          .containsPattern("OK +token +fetched from " + cli.fake.tokenUri())
          .containsPattern("FAIL +transport key token ")
          .containsPattern("SKIP +transport management +no token")
          .contains("transport key token: could not reach the token host 127.0.0.1 port " + port)
          .contains("proxy")
          .doesNotContain("clientsecret");
      assertThat(cli.fake.requests()).extracting(q -> q.path()).noneMatch(p -> p.startsWith("/ctms/"));
    }
  }
}
