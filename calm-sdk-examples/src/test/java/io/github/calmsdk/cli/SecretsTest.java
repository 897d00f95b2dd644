package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.testkit.FakeCalm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret in any output, also with --verbose and stack traces. (Every run of the harness checks stdout and stderr
 * for the client secret and tokens; these runs are the ones most likely to leak.)
 */
class SecretsTest {
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
  void verboseFailuresShowAStackTraceButNoSecret() {
    cli.fake.faults().on("GET", ".+/v2/nodes").status(503).always();

    CliRun r = cli.run("--verbose", "nodes");

    assertThat(r.exit()).isEqualTo(5);
    assertThat(r.err()).contains("CalmUnavailableException").contains("\tat io.github.calmsdk");
  }

  @Test
  void withoutVerboseAnErrorIsTwoLinesWithoutAStackTrace() {
    cli.fake.faults().on("GET", ".+/v2/nodes").status(503).always();

    CliRun r = cli.run("nodes");

    assertThat(r.err().lines().count()).isEqualTo(2);
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void aRejectedSecretIsNeverEchoed() {
    Path key = cli.writeKey("wrong.json", k -> {
      k.withObjectProperty("uaa").put("clientsecret", "s3cr3t-value-42");
      return k;
    });

    CliRun r = cli.runWith(Map.of(), "--verbose", "--service-key", key.toString(), "doctor");

    assertThat(r.out() + r.err()).doesNotContain("s3cr3t-value-42");
  }

  @Test
  void aKeyPassedAsJsonInTheEnvironmentIsNeverPrinted() throws Exception {
    String json = Files.readString(cli.keyFile);

    CliRun r = cli.runWith(Map.of("CALM_SERVICE_KEY", json), "--verbose", "doctor");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("CALM_SERVICE_KEY (JSON)").doesNotContain(json);
  }

  @Test
  void aMalformedKeyIsReportedByPositionWithoutQuotingIt() throws Exception {
    Path key = dir.resolve("cut.json");
    String secret = cli.fake.clientSecret();
    Files.writeString(key, "{\"uaa\": {\"clientsecret\": \"" + secret + "\", \"url\": ");

    CliRun r = cli.runWith(Map.of(), "--verbose", "--service-key", key.toString(), "nodes");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("not valid JSON").contains("line 1");
  }
}
