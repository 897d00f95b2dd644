package io.github.calmsdk.benchmarks;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.core.event.CallStarted;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.relay.EntryState;
import io.github.calmsdk.relay.Relay;
import io.github.calmsdk.relay.RelayOptions;
import io.github.calmsdk.relay.RelayRun;
import io.github.calmsdk.relay.RelayStore;
import io.github.calmsdk.testkit.FakeCalm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recovery after SIGKILL with {@code --entries} (10,000) entries left in flight on a SQLite store (issue 12):
 *
 * <ol>
 *   <li>The parent submits the entries (reference exports) through the public {@link Relay} API, and starts the
 *       testkit's {@link FakeCalm}.
 *   <li>A first child JVM ({@code hold}) opens the store with a relay of package size 10,000 and runs a pass: the
 *       pass claims all entries in one package (state {@code sending}, lease 10 minutes, the default) and blocks in
 *       its first call to Cloud ALM, held there by a listener. The child prints {@code holding} with the number of
 *       entries in {@code sending}; the parent kills it with {@link Process#destroyForcibly()}, which is SIGKILL on
 *       Linux (the exit status, 137 = 128 + 9, is checked).
 *   <li>A second child JVM ({@code recover}) opens the store, builds a relay and runs {@link Relay#runOnce()}. It
 *       reports, from the first line of its {@code main} (JVM start-up excluded; the parent reports the whole
 *       process time as well): <b>takeover</b>, until its first call to Cloud ALM begins (the store is open, the
 *       dead relay's lock is taken, its 10,000 leases are cleared and the first package is claimed); and
 *       <b>drained</b>, until the pass ends with none pending. The entry the dead relay was sending when it was
 *       killed had its step persisted as {@code creating}: its create may have gone out, so the relay settles it
 *       by reading Cloud ALM's queues and, finding nothing it can prove, leaves it {@code unresolved} for a person
 *       rather than sending the create again. The others are delivered.
 * </ol>
 *
 * Without the takeover, the entries would wait for their lease (10 minutes). The parent checks that the fake holds
 * exactly one transport request per entry.
 *
 * <pre>java -cp benchmarks.jar io.github.calmsdk.benchmarks.RelayRecovery --entries 10000 --out target/results</pre>
 */
public final class RelayRecovery {
  private RelayRecovery() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("hold")) {
      hold(Path.of(args[1]), Path.of(args[2]));
      return;
    }
    if (args.length > 0 && args[0].equals("recover")) {
      recover(Path.of(args[1]), Path.of(args[2]));
      return;
    }
    int entries = Integer.parseInt(Results.arg(args, "--entries", "10000"));
    Path out = Path.of(Results.arg(args, "--out", "target/results"));
    Results results = new Results("recovery").put("entries", entries);
    Path dir = Files.createTempDirectory("calm-relay-recovery");
    try (FakeCalm fake = FakeCalm.builder().importPollsUntilDone(0).start();
        CalmClient calm = CalmClient.builder().serviceKey(ServiceKey.fromJson(fake.serviceKeyJson())).build()) {
      Path key = dir.resolve("service-key.json");
      Files.writeString(key, fake.serviceKeyJson());
      Path db = dir.resolve("relay.db");
      long t0 = System.nanoTime();
      try (RelayStore store = RelayStore.sqlite(db, Clock.systemUTC());
          Relay relay = Relay.builder().client(calm).store(store).options(options(dir, 50)).build()) {
        for (int i = 0; i < entries; i++) {
          relay.submit(
              ExportRequest.builder()
                  .node("DEV")
                  .reference("https://repo.example.com/r" + i)
                  .contentType(ContentType.MTA)
                  .description("r" + i)
                  .build());
        }
      }
      results.put("submitSeconds", (System.nanoTime() - t0) / 1e9);

      // the first child claims everything and blocks in its first call; SIGKILL it there
      Process holder = child("hold", db, key).start();
      String line;
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
        line = r.readLine();
        if (line == null || !line.startsWith("holding ")) {
          throw new IllegalStateException("the holding child said " + line);
        }
        holder.destroyForcibly();
        if (!holder.waitFor(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the holding child did not die");
        }
      }
      int exit = holder.exitValue();
      results.put("killed.inFlight", Long.parseLong(line.substring("holding ".length()).trim()));
      results.put("killed.exitStatus", exit);
      results.put("killed.bySigkill", exit == 128 + 9);
      results.put("inFlightAfterKill", count(db, "sending"));
      int beforeRecovery = fake.transportRequests().size();

      // the second child takes over and drains
      long p0 = System.nanoTime();
      Process recoverer = child("recover", db, key).start();
      Properties p = new Properties();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(recoverer.getInputStream(), StandardCharsets.UTF_8))) {
        p.load(r);
      }
      if (recoverer.waitFor() != 0) {
        throw new IllegalStateException("the recovering child failed: " + p);
      }
      long p1 = System.nanoTime();
      results
          .put("recover.openMs", Double.parseDouble(p.getProperty("openMs")))
          .put("recover.takeoverMs", Double.parseDouble(p.getProperty("takeoverMs")))
          .put("recover.drainedMs", Double.parseDouble(p.getProperty("drainedMs")))
          .put("recover.delivered", Long.parseLong(p.getProperty("delivered")))
          .put("recover.unresolved", Long.parseLong(p.getProperty("unresolved")))
          .put("recover.failed", Long.parseLong(p.getProperty("failed")))
          .put("recover.pending", Long.parseLong(p.getProperty("pending")))
          .put("recover.processMs", (p1 - p0) / 1e6)
          .put("recover.fakeTransportRequestsCreated", fake.transportRequests().size() - beforeRecovery)
          .put("recover.transportRequestsBeforeRecovery", beforeRecovery);
    } finally {
      RelayThroughput.deleteTree(dir);
    }
    results.write(out);
  }

  private static RelayOptions options(Path dir, int packageSize) {
    return RelayOptions.builder()
        .packageSize(packageSize)
        .spoolDirectory(dir.resolve("spool"))
        .owner("bench-" + ProcessHandle.current().pid())
        .build();
  }

  private static ProcessBuilder child(String mode, Path db, Path key) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (Runtime.version().feature() >= 22) {
      cmd.add("--enable-native-access=ALL-UNNAMED"); // the SQLite driver loads its native library
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(RelayRecovery.class.getName());
    cmd.add(mode);
    cmd.add(db.toString());
    cmd.add(key.toString());
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
  }

  private static long count(Path db, String state) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM relay_entry WHERE state = '" + state + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Child 1: claim every entry in one package, report, and block in the first call until killed. */
  private static void hold(Path db, Path key) throws Exception {
    CalmListener blockInFirstCall =
        new CalmListener() {
          @Override
          public void callStarted(CallStarted event) {
            try {
              System.out.println("holding " + count(db, "sending"));
              System.out.flush();
              Thread.sleep(Long.MAX_VALUE);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        };
    try (CalmClient calm =
            CalmClient.builder()
                .serviceKey(ServiceKey.fromJson(Files.readString(key)))
                .addListener(blockInFirstCall)
                .build();
        RelayStore store = RelayStore.sqlite(db, Clock.systemUTC());
        Relay relay =
            Relay.builder().client(calm).store(store).options(options(db.getParent(), 10_000)).build()) {
      relay.runOnce();
    }
  }

  /** Child 2: the new relay; prints its times as properties on stdout. */
  private static void recover(Path db, Path key) throws Exception {
    long t0 = System.nanoTime();
    AtomicLong firstCall = new AtomicLong();
    CalmListener firstCallTime =
        new CalmListener() {
          @Override
          public void callStarted(CallStarted event) {
            firstCall.compareAndSet(0, System.nanoTime());
          }
        };
    try (CalmClient calm =
            CalmClient.builder()
                .serviceKey(ServiceKey.fromJson(Files.readString(key)))
                .addListener(firstCallTime)
                .build();
        RelayStore store = RelayStore.sqlite(db, Clock.systemUTC());
        Relay relay = Relay.builder().client(calm).store(store).options(options(db.getParent(), 50)).build()) {
      long opened = System.nanoTime();
      RelayRun run = relay.runOnce();
      long drained = System.nanoTime();
      System.out.println("openMs=" + (opened - t0) / 1e6);
      System.out.println("takeoverMs=" + (firstCall.get() - t0) / 1e6);
      System.out.println("drainedMs=" + (drained - t0) / 1e6);
      System.out.println("delivered=" + relay.list(EntryState.DELIVERED).size());
      System.out.println("unresolved=" + relay.list(EntryState.UNRESOLVED).size());
      System.out.println("failed=" + relay.list(EntryState.FAILED).size());
      System.out.println("pending=" + run.pending());
    }
  }
}
