package io.github.calmsdk.relay;

import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.relay.internal.JdbcStore;
import io.github.calmsdk.relay.internal.Payloads;
import io.github.calmsdk.testkit.FakeCalm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;

/**
 * A rough measurement, not a test: submit throughput against a raw JDBC insert of the same row, dispatch against
 * calling the SDK directly, and reopening a store with 10,000 entries left in flight. Run with the test class path:
 * {@code java -cp ... io.github.calmsdk.relay.RelayMeasure}.
 */
public final class RelayMeasure {
  private RelayMeasure() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("relay-measure");
    int n = Integer.parseInt(args.length > 0 ? args[0] : "2000");
    try (FakeCalm fake = FakeCalm.builder().importPollsUntilDone(0).start(); Fixture fx = new Fixture(dir, fake)) {
      ExportRequest r = ExportRequest.builder().node("DEV").reference("https://repo.example.com/m")
          .contentType(ContentType.MTA).description("m").build();
      String payload = Payloads.export(new Payloads.Export("DEV", r.contentType(), r.storageType(), "m", null,
          r.mode(), null, List.of(), r.references()));
      // submit, SQLite
      try (RelayStore store = RelayStore.sqlite(dir.resolve("s.db"), Clock.systemUTC());
          Relay relay = fx.relay(store, fx.options().build())) {
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
          relay.submit(r);
        }
        report("submit SQLite (relay)", n, t);
      }
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("s.db"))) {
        try (var st = c.createStatement()) {
          st.execute("PRAGMA journal_mode=WAL");
          st.execute("PRAGMA synchronous=FULL");
        }
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
          raw(c, payload);
        }
        report("submit SQLite (raw JDBC insert, autocommit)", n, t);
      }
      // submit, PostgreSQL
      Pg.requireClean();
      try (RelayStore store = Pg.openStore(); Relay relay = fx.relay(store, fx.options().build())) {
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
          relay.submit(r);
        }
        report("submit PostgreSQL (relay)", n, t);
        try (Connection c = DriverManager.getConnection(Pg.URL, Pg.USER, Pg.PASSWORD)) {
          t = System.nanoTime();
          for (int i = 0; i < n; i++) {
            raw(c, payload);
          }
          report("submit PostgreSQL (raw JDBC insert, autocommit)", n, t);
        }
      }
      // dispatch against the fake
      try (RelayStore store = RelayStore.sqlite(dir.resolve("d.db"), Clock.systemUTC());
          Relay relay = fx.relay(store, fx.options().packageSize(50).build())) {
        for (int i = 0; i < n; i++) {
          relay.submit(ExportRequest.builder().node("DEV").reference("https://repo.example.com/d" + i)
              .contentType(ContentType.MTA).description("d" + i).build());
        }
        long t = System.nanoTime();
        relay.runOnce();
        report("dispatch SQLite (relay, reference exports)", n, t);
      }
      long t = System.nanoTime();
      for (int i = 0; i < n; i++) {
        fx.calm.deployment().export(ExportRequest.builder().node("DEV").reference("https://repo.example.com/e" + i)
            .contentType(ContentType.MTA).description("e" + i).build());
      }
      report("dispatch (SDK export in a loop)", n, t);
      // reopen with 10,000 entries left in flight by a dead process
      Path db = dir.resolve("r.db");
      try (JdbcStore s = JdbcStore.sqlite(db, System.currentTimeMillis())) {
        for (int i = 0; i < 10_000; i++) {
          s.insert("export", null, payload, System.currentTimeMillis());
        }
        s.claim("dead", 10_000, 3_600_000, false, "dead#1", System.currentTimeMillis());
      }
      t = System.nanoTime();
      try (JdbcStore s = JdbcStore.sqlite(db, System.currentTimeMillis())) {
        int got = s.claim("alive", 50, 60_000, false, "alive#1", System.currentTimeMillis()).size();
        System.out.printf("recovery: reopen + first claim of %d with 10000 in flight: %.0f ms%n", got,
            (System.nanoTime() - t) / 1e6);
      }
    }
  }

  private static void raw(Connection c, String payload) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO relay_entry (kind, state, seq_key, step, attempts,"
        + " next_attempt_at, payload, version, created_at, updated_at) VALUES ('export', 'pending', NULL, 'new', 0,"
        + " ?, ?, 0, ?, ?)")) {
      long now = System.currentTimeMillis();
      ps.setLong(1, now);
      ps.setString(2, payload);
      ps.setLong(3, now);
      ps.setLong(4, now);
      ps.executeUpdate();
    }
  }

  private static void report(String what, int n, long startNanos) {
    double s = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf("%-50s %6d in %6.2f s = %8.0f /s%n", what, n, s, n / s);
  }
}
