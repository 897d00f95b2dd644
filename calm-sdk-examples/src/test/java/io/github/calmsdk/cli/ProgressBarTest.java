package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.testkit.FakeCalm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upload shows a progress bar on a terminal and stays quiet when piped or with --json. */
class ProgressBarTest {
  @TempDir Path dir;
  private CliHarness cli;
  private Path file;

  @BeforeEach
  void start() throws Exception {
    cli = new CliHarness(FakeCalm.start(), dir);
    file = dir.resolve("app.mtar");
    Files.write(file, new byte[300 * 1024]);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void anUploadIsSilentWhenNotOnATerminal() {
    CliRun r = cli.terminal(false).run("export", "--node", "DEV", "--file", file.toString());

    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("transport request").doesNotContain("%");
  }

  @Test
  void anUploadDrawsABarOnATerminal() {
    CliRun r = cli.terminal(true).run("export", "--node", "DEV", "--file", file.toString());

    assertThat(r.exit()).isZero();
    assertThat(r.err()).startsWith("\ruploading app.mtar [").containsPattern("100% 300\\.\\d KiB/300\\.\\d KiB\n$");
    assertThat(r.out()).doesNotContain("uploading");
  }

  @Test
  void anUploadWithJsonDrawsNoBarEvenOnATerminal() {
    CliRun r = cli.terminal(true).run("--json", "export", "--node", "DEV", "--file", file.toString());

    assertThat(r.err()).isEmpty();
    assertThat(r.json().get("transportRequestId").asLong()).isPositive();
  }

  @Test
  void theBarFillsWithThePercentage() {
    assertThat(ProgressBar.render("up", 50, 15, 512, 1024))
        .isEqualTo("up [###############               ]  50% 512 B/1.0 KiB");
  }
}
