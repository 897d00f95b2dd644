package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.testkit.FakeCalm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --help prints usage on stdout and exits 0; an unknown command or option prints it on stderr and exits 2. */
class UsageTest {
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
  void helpPrintsTheUsageOnStdoutThroughThePublicEntryPoint() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit = Calm.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());

    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("usage: calm [-hV] [--service-key=FILE] [--transport-key=FILE] [--json] [--verbose] COMMAND")
        .contains("  doctor ", "  nodes ", "  export ", "  import ", "  retry ", "  status ", "  watch ",
            "  features ", "  demo ", "  fake ", "  generate-completion ", "  help ")
        .containsPattern("\\n  5 +Cloud ALM unavailable or timed out after retries\\n");
    assertThat(err.size()).isZero();
  }

  @Test
  void commandHelpPrintsThatCommandsUsage() {
    for (String command : new String[] {"doctor", "nodes", "export", "import", "retry", "status", "watch",
        "features", "demo"}) {
      CliRun r = cli.runWith(Map.of(), command, "--help");

      assertThat(r.exit()).isZero();
      assertThat(r.out()).startsWith("usage: calm " + command);
      assertThat(r.err()).isEmpty();
    }
    assertThat(cli.runWith(Map.of(), "help", "import").out()).startsWith("usage: calm import");
  }

  @Test
  void anUnknownCommandPrintsUsageOnStderrAndExits2() {
    CliRun r = cli.runWith(Map.of(), "deploy");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("calm: unknown command 'deploy'").contains("usage: calm");
  }

  @Test
  void anUnknownOptionOfACommandPrintsItsUsageOnStderrAndExits2() {
    CliRun r = cli.run("import", "--node", "QAS", "--everything");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("calm: unknown option --everything").contains("usage: calm import");
    assertThat(cli.fake.requests()).isEmpty();
  }

  @Test
  void anUnknownGlobalOptionPrintsUsageOnStderrAndExits2() {
    CliRun r = cli.runWith(Map.of(), "--quiet", "nodes");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("calm: unknown option --quiet").contains("usage: calm");
  }

  @Test
  void noCommandIsBadUsage() {
    CliRun r = cli.runWith(Map.of());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no command given").contains("usage: calm");
  }

  @Test
  void importNeedsEitherAllOrTransportRequests() {
    assertThat(cli.run("import", "--node", "QAS").err()).contains("pass either --all or --tr ID...");
    assertThat(cli.run("import", "--node", "QAS", "--all", "--tr", "1").exit()).isEqualTo(2);
    assertThat(cli.run("import", "--node", "QAS", "--tr", "abc").err()).contains("'abc' is not a transport request id");
    assertThat(cli.fake.requests()).isEmpty();
  }

  @Test
  void anUnknownStatusNamesTheValidOnes() {
    CliRun r = cli.run("status", "--node", "QAS", "--status", "broken");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("'broken' is not a status").contains(Inputs.STATUS_NAMES);
  }

  @Test
  void aNodeNameLongerThan30CharactersIsRejectedBeforeSending() {
    CliRun r = cli.run("status", "--node", "N".repeat(31));

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("nodeName");
    assertThat(cli.fake.requests()).isEmpty();
  }
}
