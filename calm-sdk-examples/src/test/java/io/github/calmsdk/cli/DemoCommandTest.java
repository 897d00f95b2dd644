package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.calmsdk.testkit.FakeCalm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** calm demo: the whole flow against its own embedded fake, without a key. */
class DemoCommandTest {
  @TempDir Path dir;
  private CliHarness cli;

  @BeforeEach
  void start() {
    // the harness's fake is only there for the secret check; the demo starts its own
    cli = new CliHarness(FakeCalm.start(), dir);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void theDemoNarratesEveryStepAndExits0WithoutAKey() {
    CliRun r = cli.runWith(Map.of(), "demo");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(" 2  nodes")
        .contains("export both from DEV")
        .containsPattern("import transport requests \\d+ and \\d+ into QAS")
        .containsPattern("action \\d+ ended error")
        .containsPattern("watch: \\S+Z  QAS  TR \\d+ +initial +-> error")
        .containsPattern("retry transport request \\d+: it is in error, so it is reset, then imported")
        .containsPattern("watch: \\S+Z  QAS  TR \\d+ +error +-> succeeded")
        .contains("features of project DEMO")
        .contains("Not Planned (NOT_PLANNED) -> In Testing (IN_TESTING)")
        .contains("'Payment run: new bank format'")
        .containsPattern("done in .*; the fake is stopped and .* is deleted");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void withJsonTheDemoWritesOneSummaryAndLeavesNothingBehind() {
    CliRun r = cli.runWith(Map.of(), "--json", "demo");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode doc = r.json();
    assertThat(doc.get("import").get("status").asText()).isEqualTo("error");
    assertThat(doc.get("retry").get("status").asText()).isEqualTo("succeeded");
    assertThat(doc.get("changes")).extracting(c -> c.get("from").asText() + "->" + c.get("to").asText())
        .containsExactly("initial->succeeded", "initial->error", "error->succeeded");
    assertThat(doc.get("status")).extracting(t -> t.get("status").asText()).containsOnly("succeeded");
    assertThat(doc.get("statusChange").get("to").asText()).isEqualTo("IN_TESTING");
    assertThat(doc.get("workDirDeleted").asBoolean()).isTrue();
    assertThat(Files.exists(Path.of(doc.get("workDir").asText()))).isFalse();
  }
}
