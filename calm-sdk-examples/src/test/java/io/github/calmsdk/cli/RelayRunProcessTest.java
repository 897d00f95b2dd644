package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.testing.JavaProcess;
import io.github.calmsdk.testkit.FakeCalm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calm relay run} in a fresh JVM: it delivers, and SIGTERM ends it with exit 0. */
class RelayRunProcessTest {
  @TempDir Path dir;

  @Test
  void runDeliversFromTheDefaultStoreInTheWorkingDirectoryAndSigtermEndsItWithExitZero() throws Exception {
    try (CliHarness cli = new CliHarness(FakeCalm.start(), dir)) {
      Path store = dir.resolve(RelayStoreOption.DEFAULT);
      Path file = dir.resolve("app.mtar");
      Files.writeString(file, "content of app");
      CliRun submitted = cli.runWith(Map.of(), "relay", "submit", "export", "--store", store.toString(),
          "--node", "DEV", "--file", file.toString(), "--description", "Relayed by a daemon");
      assertThat(submitted.exit()).as(submitted.err()).isZero();

      // no --store: calm-relay.db in the working directory; a long interval, so the first pass delivers it
      Process p = JavaProcess.start(Calm.class, Map.of("CALM_SERVICE_KEY", cli.keyFile.toString()), dir,
          "relay", "run", "--interval", "1h", "--package-size", "5");
      try {
        awaitDelivered(cli, p);
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("relay run ends on SIGTERM").isTrue();
        assertThat(p.exitValue()).as(stderr()).isZero();
      } finally {
        p.destroyForcibly();
      }

      assertThat(cli.fake.transportRequests()).singleElement()
          .satisfies(t -> assertThat(t.description()).isEqualTo("Relayed by a daemon"));
      CliRun list = cli.runWith(Map.of(), "--json", "relay", "list", "--store", store.toString());
      assertThat(list.exit()).as(list.err()).isZero();
      assertThat(list.json().get("entries")).singleElement()
          .satisfies(e -> assertThat(e.get("state").asText()).isEqualTo("delivered"));
      assertThat(stderr()).contains("SIGTERM or Ctrl-C to stop").contains("stopped").doesNotContain("WARN");
    }
  }

  /** Waits (bounded) until the fake holds the transport request, failing early when the process ends. */
  private static void awaitDelivered(CliHarness cli, Process p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (cli.fake.transportRequests().isEmpty()) {
      assertThat(p.isAlive()).as("relay run still runs").isTrue();
      assertThat(System.nanoTime()).as("delivered within 60 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private String stderr() throws IOException {
    StringBuilder all = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.filter(f -> f.getFileName().toString().startsWith("err"))::iterator) {
        all.append(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    return all.toString();
  }
}
