package io.github.calmsdk.relay.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What differs between the relay's two databases. Times are epoch milliseconds in BIGINT columns in both, so the
 * schema is one; what differs is whose clock "now" is, the id column, locking, and connection settings.
 */
public enum Dialect {
  /**
   * SQLite in a file: one relay process (guarded by a lock file), WAL, synchronous=FULL, busy timeout. "Now" is
   * the relay's clock, passed in as a literal, so tests run on a fake clock.
   */
  SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT", "") {
    @Override
    public String now(long clockMillis) {
      return Long.toString(clockMillis);
    }

    @Override
    void configure(Connection c) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 10000");
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = FULL");
      }
    }

    @Override
    void lockMigrations(Connection c) {
      // one process holds the store's lock file; nothing to do
    }
  },
  /**
   * PostgreSQL shared by several relay nodes: claims with {@code FOR UPDATE SKIP LOCKED}, and "now" is the
   * database's clock ({@code now()}), so the nodes' clocks never decide a lease (db-scheduler issue #433).
   */
  POSTGRESQL("BIGSERIAL PRIMARY KEY", " FOR UPDATE SKIP LOCKED") {
    @Override
    public String now(long clockMillis) {
      return "(CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT))";
    }

    @Override
    void configure(Connection c) {
      // defaults are right: READ COMMITTED, the server's durability settings
    }

    @Override
    void lockMigrations(Connection c) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(727465)"); // "relay": only one node migrates at a time
      }
    }
  };

  private final String idColumn;
  private final String skipLocked;

  Dialect(String idColumn, String skipLocked) {
    this.idColumn = idColumn;
    this.skipLocked = skipLocked;
  }

  /**
   * The SQL for "now" in epoch milliseconds.
   *
   * @param clockMillis the relay's clock, used where the database has no clock of its own
   * @return a SQL expression
   */
  public abstract String now(long clockMillis);

  abstract void configure(Connection c) throws SQLException;

  abstract void lockMigrations(Connection c) throws SQLException;

  String skipLocked() {
    return skipLocked;
  }

  /** The statements of each schema version, index 0 holding version 1. */
  List<List<String>> migrations() {
    return List.of(
        List.of(
            "CREATE TABLE relay_entry ("
                + " id " + idColumn + ","
                + " kind VARCHAR(16) NOT NULL,"
                + " state VARCHAR(16) NOT NULL,"
                + " seq_key VARCHAR(200),"
                + " step VARCHAR(16) NOT NULL,"
                + " attempts INTEGER NOT NULL,"
                + " next_attempt_at BIGINT NOT NULL,"
                + " payload TEXT NOT NULL,"
                + " file_ids TEXT,"
                + " transport_request_id BIGINT,"
                + " action_id BIGINT,"
                + " last_error TEXT,"
                + " checks TEXT,"
                + " owner VARCHAR(100),"
                + " lease_until BIGINT,"
                + " version BIGINT NOT NULL,"
                + " pass_token VARCHAR(120),"
                + " created_at BIGINT NOT NULL,"
                + " updated_at BIGINT NOT NULL)",
            "CREATE INDEX relay_entry_due ON relay_entry (state, next_attempt_at)",
            "CREATE INDEX relay_entry_seq ON relay_entry (seq_key, id)",
            "CREATE TABLE relay_snapshot ("
                + " node VARCHAR(200) PRIMARY KEY,"
                + " revision BIGINT NOT NULL,"
                + " statuses TEXT NOT NULL,"
                + " taken_at BIGINT NOT NULL)"));
  }
}
