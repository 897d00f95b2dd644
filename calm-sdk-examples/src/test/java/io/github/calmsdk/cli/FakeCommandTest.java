package io.github.calmsdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.calmsdk.testing.JavaProcess;
import io.github.calmsdk.testkit.FakeCalm;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** calm fake: a FakeCalm in the foreground and a service key for it, until Ctrl-C. */
class FakeCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;
  private CliHarness cli;
  private ExecutorService threads;

  @BeforeEach
  void start() {
    // the harness's fake is only there for the secret check; calm fake starts its own
    cli = new CliHarness(FakeCalm.start(), dir);
    threads = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stop() {
    threads.shutdownNow();
    cli.close();
  }

  /** Ctrl-C as soon as the command registers for it: the fake starts, reports, and stops again at once. */
  private CliHarness ctrlCRightAway() {
    return cli.interrupts(action -> {
      threads.submit(action);
      return () -> { };
    });
  }

  @Test
  void theFakeWritesItsKeyToKeyOutKeepsItAndSaysHowToUseIt() throws Exception {
    Path key = dir.resolve("fake-key.json");

    CliRun r = ctrlCRightAway().runWith(Map.of(), "fake", "--key-out", key.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.lines().get(0)).matches("FakeCalm listening on http://127\\.0\\.0\\.1:\\d+ .*Ctrl-C to stop");
    String url = r.lines().get(0).replaceAll(".*(http://127\\.0\\.0\\.1:\\d+).*", "$1");
    assertThat(r.out()).contains("service key: " + key.toAbsolutePath())
        .contains("export CALM_SERVICE_KEY=" + key.toAbsolutePath() + "; calm doctor")
        .endsWith("FakeCalm stopped\n");
    JsonNode written = MAPPER.readTree(Files.readString(key));
    assertThat(written.get("uaa").get("url").asText()).startsWith(url);
    assertThat(written.get("uaa").get("clientsecret").asText()).isNotBlank();
  }

  @Test
  void ctmsKeyOutAlsoWritesACloudTransportManagementKeyForTheFake() throws Exception {
    Path ctms = dir.resolve("ctms-key.json");

    CliRun r = ctrlCRightAway().runWith(Map.of(), "--json", "fake", "--ctms-key-out", ctms.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode doc = r.json();
    assertThat(doc.get("ctmsKeyFile").asText()).isEqualTo(ctms.toAbsolutePath().toString());
    JsonNode written = MAPPER.readTree(Files.readString(ctms));
    assertThat(written.get("uri").asText()).startsWith(doc.get("url").asText());
    assertThat(written.get("uaa").get("clientsecret").asText()).isNotBlank();
    assertThat(written.has("endpoints")).as("a CTMS key has no Cloud ALM endpoints").isFalse();
  }

  @Test
  void withoutKeyOutTheKeyIsATemporaryFileDeletedWhenTheFakeStops() {
    CliRun r = ctrlCRightAway().runWith(Map.of(), "--json", "fake");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode doc = r.json();
    assertThat(doc.get("url").asText()).isEqualTo("http://127.0.0.1:" + doc.get("port").asInt());
    assertThat(Files.exists(Path.of(doc.get("keyFile").asText()))).isFalse();
  }

  @Test
  void aBadPortIsBadUsage() {
    CliRun r = cli.runWith(Map.of(), "fake", "--port", "70000");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("calm: --port: '70000' is not a port; use 1 to 65535, or 0 for a free one");
  }

  @Test
  void theFakeListensOnTheChosenPort() throws Exception {
    int free;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      free = s.getLocalPort();
    }

    CliRun r = ctrlCRightAway().runWith(Map.of(), "--json", "fake", "--port", Integer.toString(free));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get("port").asInt()).isEqualTo(free);
  }

  @Test
  void aPortInUseIsBadUsageThatSaysWhatToDo() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CliRun r = cli.runWith(Map.of(), "fake", "--port", Integer.toString(taken.getLocalPort()));

      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).contains("cannot listen on port " + taken.getLocalPort()).contains("leave --port out");
    }
  }

  @Test
  void inAChildProcessTheFakeServesDoctorAndNodesUntilItIsTerminated() throws Exception {
    Process p = JavaProcess.start(Calm.class, Map.of(), dir, "--json", "fake");
    try {
      BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      Future<String> first = threads.submit(stdout::readLine);
      JsonNode ready = MAPPER.readTree(first.get(60, TimeUnit.SECONDS));
      Path key = Path.of(ready.get("keyFile").asText());

      CliRun doctor = run("--service-key", key.toString(), "doctor");
      CliRun nodes = run("--json", "--service-key", key.toString(), "nodes");

      assertThat(doctor.exit()).as(doctor.out() + doctor.err()).isZero();
      assertThat(doctor.out()).contains("all checks passed").contains(ready.get("url").asText());
      assertThat(nodes.exit()).as(nodes.err()).isZero();
      assertThat(nodes.json().get("nodes")).extracting(n -> n.get("name").asText()).containsExactly("DEV", "QAS", "PRD");

      p.destroy(); // SIGTERM, as Ctrl-C's shutdown path
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the fake ends on SIGTERM").isTrue();
      assertThat(Files.exists(key)).as("its temporary key is deleted").isFalse();
    } finally {
      p.destroyForcibly();
    }
  }

  private static CliRun run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = Calm.run(args, o, e, Map.of());
    }
    return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
