package io.github.calmsdk.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ImportRequest;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.relay.internal.JdbcStore;
import io.github.calmsdk.relay.internal.StoredEntry;
import io.github.calmsdk.testkit.FakeCalm;
import io.github.calmsdk.testkit.FakeTransportRequest;
import io.github.calmsdk.testkit.RecordedRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM runs the relay and is killed with SIGKILL, again and again: each cycle aims at one of four windows in
 * turn (during an upload, between upload and create, between the create's answer and persisting it, around an
 * import call), waits until the child reaches it, and kills it a few random milliseconds later. After the last
 * restart nothing is lost, no transport request exists twice and no import was triggered twice.
 */
class KillTest {
  private static final int EXPORTS = 240;
  private static final int IMPORTS = 60;
  private static final int MIN_CYCLES = 50;
  /** The windows, aimed at in turn; the last one alternates between just before and just after the import call. */
  private static final String[] TARGETS = {
    "during upload",
    "between upload and export",
    "between the export's answer and persisting it",
    "during an import"
  };
  /** The child's point that opens each of the first three windows. */
  private static final String[] POINTS = {"BEFORE_UPLOAD", "BEFORE_CREATE", "AFTER_CREATE_ANSWER"};

  @TempDir Path dir;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void sigkillInEachStepWindowLosesNothingAndDuplicatesNothing() throws Exception {
    Random random = new Random(20261121L);
    try (FakeCalm fake = FakeCalm.builder().importPollsUntilDone(0).start();
        CalmClient calm = CalmClient.builder().serviceKey(ServiceKey.fromJson(fake.serviceKeyJson())).build()) {
      Path key = Files.writeString(dir.resolve("key.json"), fake.serviceKeyJson());
      Path db = dir.resolve("relay.db");
      Path spool = dir.resolve("spool");
      List<Long> importTrs = new ArrayList<>();
      for (int i = 0; i < IMPORTS; i++) {
        importTrs.add(calm.deployment().export(ExportRequest.builder().node("DEV")
            .reference("https://repo.example.com/imp-" + i).contentType(ContentType.MTA)
            .description("imp-" + i).build()).transportRequestId().value());
      }
      try (RelayStore store = RelayStore.sqlite(db, Clock.systemUTC());
          Relay relay = Relay.builder().client(calm).store(store)
              .options(RelayOptions.builder().spoolDirectory(spool).build()).build()) {
        for (int i = 0; i < EXPORTS; i++) {
          Path f = Files.writeString(dir.resolve("kill-" + i + ".mtar"), "content " + i);
          relay.submit(ExportRequest.builder().node("DEV").file(f).contentType(ContentType.MTA)
              .description("kill-" + i).build());
          if (i % 4 == 3 && i / 4 < IMPORTS) {
            relay.submit(ImportRequest.of(NodeName.of("QAS"),
                io.github.calmsdk.deployment.TransportRequestId.of(importTrs.get(i / 4))));
          }
        }
      }

      Path archive = dir.resolve("child.jsa");
      ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kill-test-watchdog");
        t.setDaemon(true);
        return t;
      });
      Map<String, Integer> killedAt = new TreeMap<>();
      Map<String, Integer> importPoints = new TreeMap<>();
      int cycles = 0;
      String firstMiss = null;
      long millis;
      try {
        Process warmup = start(db, key, spool, 0, "-XX:ArchiveClassesAtExit=" + archive, "warmup", watchdog);
        warmup.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(warmup.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String cds = Files.exists(archive) ? "-XX:SharedArchiveFile=" + archive : "-Xshare:auto";
        long started = System.nanoTime();
        while (true) {
          Process child = start(db, key, spool, random.nextLong(), cds, "run", watchdog);
          BufferedReader out =
              new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
          assertThat(out.readLine()).as("the child starts; its stderr: %s", stderr(db)).isEqualTo("ready");
          if (cycles >= MIN_CYCLES) {
            while (out.readLine() != null) {
              // the last run: until it is done (the watchdog kills a hung child, which ends this loop)
            }
            assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("the last run finishes").isTrue();
            assertThat(child.exitValue()).as("the last run's exit; its stderr: %s", stderr(db)).isZero();
            break;
          }
          // each cycle aims at one window in turn: read the child's points until the chosen one appears (its
          // first or second occurrence), then kill within a few milliseconds, inside the window
          int target = cycles % TARGETS.length;
          String window = TARGETS[target];
          String point = target < 3
              ? POINTS[target]
              : (cycles / TARGETS.length) % 2 == 0 ? "BEFORE_START" : "AFTER_START_ANSWER";
          int occurrences = 1 + random.nextInt(2);
          boolean reached = false;
          Map<String, Integer> seen = new TreeMap<>();
          for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.merge(line, 1, Integer::sum);
            if (line.equals(point) && --occurrences == 0) {
              reached = true;
              break;
            }
          }
          if (random.nextBoolean()) {
            Thread.sleep(random.nextInt(4)); // the kill instant within the window, not a timer under test
          }
          child.destroyForcibly();
          assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the killed child is gone").isTrue();
          cycles++;
          killedAt.merge(reached ? window : "missed: the child ended before " + point, 1, Integer::sum);
          if (!reached && firstMiss == null) {
            firstMiss = "cycle " + cycles + ", exit " + child.exitValue() + ", points seen " + seen + ", stderr: "
                + stderr(db);
          }
          if (reached && target == 3) {
            importPoints.merge(point, 1, Integer::sum);
          }
        }
        millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      } finally {
        watchdog.shutdownNow();
      }

      List<StoredEntry> entries;
      try (JdbcStore store = JdbcStore.sqlite(db, System.currentTimeMillis())) {
        entries = store.list(List.of(), Integer.MAX_VALUE);
      }
      System.out.printf("KillTest: %d cycles in %d ms; killed in flight at %s (imports at %s); states %s%n", cycles,
          millis, killedAt, importPoints,
          entries.stream().collect(Collectors.groupingBy(StoredEntry::state, TreeMap::new, Collectors.counting())));
      assertThat(cycles).isGreaterThanOrEqualTo(MIN_CYCLES);
      Map<String, Integer> expected = new TreeMap<>();
      for (int c = 0; c < cycles; c++) {
        expected.merge(TARGETS[c % TARGETS.length], 1, Integer::sum);
      }
      assertThat(killedAt).as("every cycle reached the window it aimed at; first miss: %s", firstMiss)
          .isEqualTo(expected);
      assertThat(importPoints).as("both sides of the import call").containsOnlyKeys("BEFORE_START",
          "AFTER_START_ANSWER");
      assertThat(entries).hasSize(EXPORTS + IMPORTS);
      assertThat(entries).allSatisfy(e -> {
        assertThat(e.state()).isIn("delivered", "unresolved", "failed");
        if (!e.state().equals("delivered")) {
          assertThat(e.lastError()).isNotBlank();
        }
      });

      List<FakeTransportRequest> trs = fake.transportRequests();
      Map<String, Long> byDescription = trs.stream()
          .collect(Collectors.groupingBy(FakeTransportRequest::description, Collectors.counting()));
      assertThat(byDescription).allSatisfy((d, n) -> assertThat(n).as(d).isEqualTo(1L));
      Map<String, Long> byFileId = trs.stream().flatMap(t -> t.entryUris().stream())
          .collect(Collectors.groupingBy(u -> u, Collectors.counting()));
      assertThat(byFileId).allSatisfy((u, n) -> assertThat(n).as(u).isEqualTo(1L));
      Map<Long, String> trDescription = trs.stream()
          .collect(Collectors.toMap(FakeTransportRequest::id, FakeTransportRequest::description));
      for (StoredEntry e : entries) {
        if (e.kind().equals("export") && e.state().equals("delivered")) {
          assertThat(trDescription.get(e.transportRequestId())).isEqualTo(
              new ObjectMapper().readTree(e.payload()).get("description").asText());
        }
      }

      Map<Long, Integer> importCalls = new HashMap<>();
      ObjectMapper json = new ObjectMapper();
      for (RecordedRequest r : fake.requests()) {
        if (r.method().equals("POST") && r.path().endsWith("/transportRequests/import")) {
          collectNumbers(json.readTree(r.body()), importCalls);
        }
      }
      for (StoredEntry e : entries) {
        if (e.kind().equals("import")) {
          long tr = json.readTree(e.payload()).get("transportRequests").get(0).asLong();
          int calls = importCalls.getOrDefault(tr, 0);
          assertThat(calls).as("imports of " + tr).isLessThanOrEqualTo(1);
          if (e.state().equals("delivered")) {
            assertThat(calls).as("imports of " + tr).isEqualTo(1);
          }
        }
      }
    }
  }

  private static String stderr(Path db) {
    try {
      String err = Files.readString(db.resolveSibling("child-stderr.txt"));
      return err.length() > 4000 ? err.substring(err.length() - 4000) : err;
    } catch (java.io.IOException e) {
      return "(none: " + e.getMessage() + ")";
    }
  }

  private static void collectNumbers(JsonNode n, Map<Long, Integer> out) {
    if (n.isNumber()) {
      out.merge(n.asLong(), 1, Integer::sum);
    }
    n.forEach(c -> collectNumbers(c, out));
  }

  /** Starts a child; the watchdog kills it after 3 minutes, so no read of its output can wait forever. */
  private static Process start(
      Path db, Path key, Path spool, long seed, String cds, String mode, ScheduledExecutorService watchdog)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path natives = Files.createDirectories(db.resolveSibling("sqlite-native"));
    Process p = new ProcessBuilder(java, cds, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
        "-Dorg.sqlite.tmpdir=" + natives,
        "-cp", System.getProperty("java.class.path"), KillChild.class.getName(),
        db.toString(), key.toString(), spool.toString(), Long.toString(seed), mode)
        .redirectError(db.resolveSibling("child-stderr.txt").toFile())
        .start();
    ScheduledFuture<?> kill = watchdog.schedule(p::destroyForcibly, 3, TimeUnit.MINUTES);
    p.onExit().thenRun(() -> kill.cancel(false));
    return p;
  }
}
