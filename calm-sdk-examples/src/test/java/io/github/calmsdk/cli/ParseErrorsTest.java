package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.calmsdk.testkit.FakeCalm;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** picocli's parse errors, reported as calm reports bad usage: exit 2, one message line, a hint, nothing sent. */
class ParseErrorsTest {
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

  private String firstLine(CliRun r) {
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(cli.fake.requests()).as("nothing sent").isEmpty();
    return r.err().lines().findFirst().orElse("");
  }

  @Test
  void aMissingRequiredOptionIsNamedWithWhatItTakes() {
    assertThat(firstLine(cli.run("status"))).isEqualTo("calm: missing --node: give the node, by name or numeric id");
    assertThat(firstLine(cli.run("export", "--node", "DEV")))
        .isEqualTo("calm: missing --file: give one or more files to export, each at most 1 GB");
    assertThat(firstLine(cli.run("retry", "--node", "QAS")))
        .isEqualTo("calm: missing --tr: give the transport requests to retry");
  }

  @Test
  void anOptionWithoutItsValueSaysItNeedsOne() {
    assertThat(firstLine(cli.run("status", "--node"))).startsWith("calm: --node needs a value");
    assertThat(firstLine(cli.runWith(Map.of(), "--service-key", "--json", "nodes")))
        .startsWith("calm: --service-key needs a value: the service key JSON file");
  }

  @Test
  void unknownAndMissingSubcommandsOfANestedCommandNameTheValidOnes() {
    assertThat(firstLine(cli.run("features", "bogus")))
        .isEqualTo("calm: unknown features subcommand 'bogus'; use list, get, set-status, parent or statuses");
    assertThat(firstLine(cli.run("features")))
        .isEqualTo("calm: features needs a subcommand: list, get, set-status, parent or statuses");
  }

  @Test
  void anArgumentACommandDoesNotTakeIsNamed() {
    assertThat(firstLine(cli.run("nodes", "extra"))).isEqualTo("calm: nodes: unexpected argument 'extra'");
  }

  @Test
  void aMissingParameterIsNamedByItsLabel() {
    CliRun r = cli.run("features", "set-status");

    assertThat(firstLine(r)).isEqualTo("calm: features set-status needs UUID|DISPLAY-ID and CODE|NAME");
    assertThat(r.err()).contains("usage: calm features set-status");
  }

  @Test
  void withJsonAParseErrorIsStillOneDocumentAndTheUsageGoesToStderr() {
    CliRun r = cli.run("--json", "import", "--node", "QAS", "--all", "--tr", "1");

    JsonNode error = r.json().get("error");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(error.get("exitCode").asInt()).isEqualTo(2);
    assertThat(error.get("type").asText()).isEqualTo("UsageException");
    assertThat(error.get("message").asText()).isEqualTo("pass either --all or --tr ID...");
    assertThat(r.err()).contains("usage: calm import");
  }

  @Test
  void anOptionGivenTwiceTakesTheLastValueAsBefore() {
    CliRun r = cli.run("--json", "status", "--node", "DEV", "--node=QAS");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get("node").asText()).isEqualTo("QAS");
  }
}
