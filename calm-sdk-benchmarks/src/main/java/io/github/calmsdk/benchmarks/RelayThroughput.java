package io.github.calmsdk.benchmarks;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.DeploymentClient;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.relay.EntryState;
import io.github.calmsdk.relay.Relay;
import io.github.calmsdk.relay.RelayOptions;
import io.github.calmsdk.relay.RelayRun;
import io.github.calmsdk.relay.RelayStore;
import io.github.calmsdk.testkit.FakeCalm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The relay's figures (issue 12), each a ratio against a baseline measured in the same run, the two sides taking
 * turns in blocks so that a drifting load hits both:
 *
 * <ul>
 *   <li><b>submit, durable</b>: {@link Relay#submit(ExportRequest)} of an export by reference, against a raw JDBC
 *       {@code INSERT} of the same row (the payload the relay stores, captured from the store) on a second
 *       connection to the same database, one transaction per row on both sides. SQLite: the same file, WAL and
 *       {@code synchronous=FULL} on both connections, as the relay sets them. PostgreSQL: the server's defaults on
 *       both ({@code synchronous_commit} on); skipped with one line when no {@code --pg-url} is given.
 *   <li><b>dispatch</b>: {@link Relay#runOnce()} over a block of pending reference exports on SQLite against the
 *       testkit's {@link FakeCalm}, against the same number of {@link DeploymentClient#export} calls made directly
 *       in a loop on the same client: the relay's own overhead (claims, persisted steps, fsyncs).
 * </ul>
 *
 * <pre>java -cp benchmarks.jar io.github.calmsdk.benchmarks.RelayThroughput --blocks 10 --block 200 --out target/results
 *     [--pg-url jdbc:postgresql://127.0.0.1:5432/calm_bench --pg-user U --pg-password P]</pre>
 *
 * The PostgreSQL database must be one for benchmarks only: the harness drops the relay's tables in it before and
 * after.
 */
public final class RelayThroughput {
  private static final String RAW_INSERT =
      "INSERT INTO relay_entry (kind, state, seq_key, step, attempts, next_attempt_at, payload, version,"
          + " created_at, updated_at) VALUES ('export', 'pending', NULL, 'new', 0, ?, ?, 0, ?, ?)";
  /** PostgreSQL: "now" on the database's clock, as the relay's store writes it. */
  private static final String PG_NOW = "(CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT))";

  private static final String RAW_INSERT_PG =
      "INSERT INTO relay_entry (kind, state, seq_key, step, attempts, next_attempt_at, payload, version,"
          + " created_at, updated_at) VALUES ('export', 'pending', NULL, 'new', 0, " + PG_NOW + ", ?, 0, " + PG_NOW
          + ", " + PG_NOW + ")";

  private RelayThroughput() {}

  /** One turn of both sides: entries per second of the SDK side and of the baseline. */
  record Block(double sdkPerSecond, double baselinePerSecond) {
    double ratio() {
      return sdkPerSecond / baselinePerSecond;
    }
  }

  /** The figure of one comparison, over all its blocks. */
  record Figure(String name, List<Block> blocks) {
    void put(Results results) {
      List<Double> sdk = blocks.stream().map(Block::sdkPerSecond).toList();
      List<Double> base = blocks.stream().map(Block::baselinePerSecond).toList();
      List<Double> ratios = blocks.stream().map(Block::ratio).toList();
      results
          .put(name + ".blocks", blocks.size())
          .put(name + ".sdk.perSecond.median", UploadThroughput.median(sdk))
          .put(name + ".baseline.perSecond.median", UploadThroughput.median(base))
          .put(name + ".ratio.median", UploadThroughput.median(ratios))
          .put(name + ".ratio.p25", percentile(ratios, 25))
          .put(name + ".ratio.p75", percentile(ratios, 75));
    }
  }

  public static void main(String[] args) throws Exception {
    int blocks = Integer.parseInt(Results.arg(args, "--blocks", "10"));
    int block = Integer.parseInt(Results.arg(args, "--block", "200"));
    int warmup = Integer.parseInt(Results.arg(args, "--warmup-blocks", "2"));
    Path out = Path.of(Results.arg(args, "--out", "target/results"));
    String pgUrl = Results.arg(args, "--pg-url", "");
    String pgUser = Results.arg(args, "--pg-user", "");
    String pgPassword = Results.arg(args, "--pg-password", "");

    Results results = new Results("relay").put("blocks", blocks).put("entriesPerBlock", block);
    Path dir = Files.createTempDirectory("calm-relay-bench");
    try (FakeCalm fake = FakeCalm.builder().importPollsUntilDone(0).start();
        CalmClient calm =
            CalmClient.builder().serviceKey(ServiceKey.fromJson(fake.serviceKeyJson())).build()) {
      // submit, SQLite
      Path db = dir.resolve("submit.db");
      try (RelayStore store = RelayStore.sqlite(db, Clock.systemUTC());
          Relay relay = relay(calm, store, dir, 50);
          Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db)) {
        try (Statement s = raw.createStatement()) {
          s.execute("PRAGMA busy_timeout = 10000");
          s.execute("PRAGMA journal_mode = WAL");
          s.execute("PRAGMA synchronous = FULL");
        }
        String payload = storedPayload(relay, raw);
        submit("submit.sqlite", relay, raw, RAW_INSERT, payload, warmup, blocks, block).put(results);
      }
      // submit, PostgreSQL
      if (pgUrl.isEmpty()) {
        System.out.println("  submit.postgresql: skipped, no PostgreSQL URL given (--pg-url; run.sh reads CALM_BENCH_PG_URL)");
        results.put("submit.postgresql.skipped", "no PostgreSQL URL given");
      } else {
        dropRelayTables(pgUrl, pgUser, pgPassword);
        try (RelayStore store = RelayStore.open(pgUrl, pgUser, pgPassword);
            Relay relay = relay(calm, store, dir, 50);
            Connection raw = DriverManager.getConnection(pgUrl, pgUser, pgPassword)) {
          String payload = storedPayload(relay, raw);
          submit("submit.postgresql", relay, raw, RAW_INSERT_PG, payload, warmup, blocks, block).put(results);
        } finally {
          dropRelayTables(pgUrl, pgUser, pgPassword);
        }
      }
      // dispatch, SQLite, against the fake
      try (RelayStore store = RelayStore.sqlite(dir.resolve("dispatch.db"), Clock.systemUTC());
          Relay relay = relay(calm, store, dir, 50)) {
        dispatch(relay, calm.deployment(), warmup, blocks, block).put(results);
        results.put("dispatch.delivered", relay.list(EntryState.DELIVERED).size());
        results.put("dispatch.fakeTransportRequests", fake.transportRequests().size());
      }
    } finally {
      deleteTree(dir);
    }
    results.write(out);
  }

  private static Relay relay(CalmClient calm, RelayStore store, Path dir, int packageSize) {
    return Relay.builder()
        .client(calm)
        .store(store)
        .options(RelayOptions.builder().packageSize(packageSize).spoolDirectory(dir.resolve("spool")).build())
        .build();
  }

  private static ExportRequest reference(String name) {
    return ExportRequest.builder()
        .node("DEV")
        .reference("https://repo.example.com/" + name)
        .contentType(ContentType.MTA)
        .description(name)
        .build();
  }

  /** The payload column of one submitted entry: the raw insert writes the same row. */
  private static String storedPayload(Relay relay, Connection raw) throws SQLException {
    long id = relay.submit(reference("submit"));
    try (PreparedStatement ps = raw.prepareStatement("SELECT payload FROM relay_entry WHERE id = ?")) {
      ps.setLong(1, id);
      try (var rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("entry " + id + " is not in the store");
        }
        return rs.getString(1);
      }
    }
  }

  private static Figure submit(
      String name, Relay relay, Connection raw, String sql, String payload, int warmup, int blocks, int block)
      throws SQLException {
    ExportRequest request = reference("submit");
    List<Block> measured = new ArrayList<>();
    for (int b = 0; b < warmup + blocks; b++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < block; i++) {
        relay.submit(request);
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < block; i++) {
        rawInsert(raw, sql, payload);
      }
      long t2 = System.nanoTime();
      if (b >= warmup) {
        measured.add(new Block(block * 1e9 / (t1 - t0), block * 1e9 / (t2 - t1)));
      }
    }
    return new Figure(name, measured);
  }

  /** One autocommitted insert, a fresh statement each time as the relay's store does. */
  private static void rawInsert(Connection c, String sql, String payload) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (sql.equals(RAW_INSERT)) {
        long now = System.currentTimeMillis();
        ps.setLong(1, now);
        ps.setString(2, payload);
        ps.setLong(3, now);
        ps.setLong(4, now);
      } else {
        ps.setString(1, payload);
      }
      ps.executeUpdate();
    }
  }

  private static Figure dispatch(Relay relay, DeploymentClient direct, int warmup, int blocks, int block) {
    List<Block> measured = new ArrayList<>();
    for (int b = 0; b < warmup + blocks; b++) {
      for (int i = 0; i < block; i++) {
        relay.submit(reference("relay-" + b + "-" + i));
      }
      long t0 = System.nanoTime();
      RelayRun run = relay.runOnce();
      long t1 = System.nanoTime();
      if (run.delivered() != block || run.pending() != 0) {
        throw new IllegalStateException("the relay's pass did not deliver the block: " + run);
      }
      for (int i = 0; i < block; i++) {
        direct.export(reference("direct-" + b + "-" + i));
      }
      long t2 = System.nanoTime();
      if (b >= warmup) {
        measured.add(new Block(block * 1e9 / (t1 - t0), block * 1e9 / (t2 - t1)));
      }
    }
    return new Figure("dispatch", measured);
  }

  private static void dropRelayTables(String url, String user, String password) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS relay_entry");
      s.execute("DROP TABLE IF EXISTS relay_snapshot");
      s.execute("DROP TABLE IF EXISTS relay_schema_version");
    }
  }

  static double percentile(List<Double> v, double p) {
    List<Double> s = new ArrayList<>(v);
    s.sort(Comparator.naturalOrder());
    int rank = (int) Math.ceil(p / 100.0 * s.size());
    return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
