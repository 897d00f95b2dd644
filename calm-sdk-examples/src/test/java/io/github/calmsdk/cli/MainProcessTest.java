package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.testing.JavaProcess;
import io.github.calmsdk.testkit.FakeCalm;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** main in a fresh JVM: logging is configured before any logger exists, and the exit code reaches the shell. */
class MainProcessTest {
  @TempDir Path dir;

  @Test
  void verboseLogsTheSdksDebugLinesOnStderrWithoutASecret() {
    try (CliHarness cli = new CliHarness(FakeCalm.start(), dir)) {
      JavaProcess.Result r = JavaProcess.run(Calm.class, Map.of("CALM_SERVICE_KEY", cli.keyFile.toString()), dir,
          "--verbose", "--json", "nodes");

      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).startsWith("{\"nodes\":[").endsWith("}\n");
      assertThat(r.err()).contains("DEBUG io.github.calmsdk").contains("/v2/nodes");
      CliHarness.assertNoSecret(r.out() + r.err(), cli.fake);
    }
  }

  @Test
  void withoutVerboseNothingIsLoggedAndTheExitCodeReachesTheShell() {
    try (CliHarness cli = new CliHarness(FakeCalm.start(), dir)) {
      JavaProcess.Result r = JavaProcess.run(Calm.class, Map.of("CALM_SERVICE_KEY", cli.keyFile.toString()), dir,
          "status", "--node", "NOPE");

      assertThat(r.exit()).isEqualTo(4);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).startsWith("calm: no node named 'NOPE'").doesNotContain("DEBUG");
    }
  }
}
