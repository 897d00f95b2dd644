package io.github.calmsdk.relay.internal;

import io.github.calmsdk.relay.RelayStoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The relay's outbox in one schema through JDBC. Claims follow db-scheduler's lock-and-fetch
 * ({@code PostgreSqlJdbcCustomization}: one {@code UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED
 * LIMIT ?) RETURNING}, with a version bumped at each pick), with two changes taken from its open issues: the lease
 * runs on the database's clock (#433), and the version is a fencing token that every later step update must match,
 * so a node that lost its claim cannot overwrite the node that took over (#365).
 */
public final class JdbcStore implements AutoCloseable {
  /** The schema version this relay writes. */
  public static final int SCHEMA_VERSION = 1;

  private static final String COLUMNS =
      "id, kind, state, seq_key, step, attempts, next_attempt_at, payload, file_ids, transport_request_id,"
          + " action_id, last_error, checks, owner, lease_until, version, created_at, updated_at";

  private final Connections connections;
  private final Dialect dialect;
  private final String location;
  private final Path defaultSpool;
  private final FileChannel lockChannel;
  /** SQLite: the dispatcher's lock, taken at the first claim; null until then and on PostgreSQL. */
  private FileLock lock;

  private JdbcStore(
      Connections connections, Dialect dialect, String location, Path defaultSpool, FileChannel lockChannel,
      FileLock lock) {
    this.connections = connections;
    this.dialect = dialect;
    this.location = location;
    this.defaultSpool = defaultSpool;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens (creating when absent) a SQLite store in a file and migrates it. Its lock file is taken by the first
   * claim (see {@code requireDispatchLock}), so other processes may submit beside a dispatching one.
   */
  public static JdbcStore sqlite(Path file, long nowMillis) {
    Path abs = file.toAbsolutePath();
    String location = "SQLite store " + abs;
    FileChannel channel = null;
    try {
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
      channel = FileChannel.open(
          abs.resolveSibling(abs.getFileName() + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new RelayStoreException(
          "cannot open the " + location + ": " + e.getMessage() + "; check that its directory is writable", e);
    }
    requireDriver("org.sqlite.JDBC", "SQLite", "org.xerial:sqlite-jdbc");
    String url = "jdbc:sqlite:" + abs;
    Connections connections = Connections.single(() -> {
      Connection c = DriverManager.getConnection(url);
      Dialect.SQLITE.configure(c);
      return c;
    });
    JdbcStore store = new JdbcStore(
        connections, Dialect.SQLITE, location, abs.resolveSibling(abs.getFileName() + ".spool"), channel, null);
    try {
      store.check();
      store.migrate(nowMillis);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /** Opens a PostgreSQL store by URL, with user and password (never shown in messages). */
  public static JdbcStore postgres(String url, String user, String password, long nowMillis) {
    requireDriver("org.postgresql.Driver", "PostgreSQL", "org.postgresql:postgresql");
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("connectTimeout", "10");
    props.setProperty("ApplicationName", "calm-sdk-relay");
    String location = "PostgreSQL store " + redact(url);
    Connections connections = Connections.single(() -> DriverManager.getConnection(url, props));
    JdbcStore store = new JdbcStore(connections, Dialect.POSTGRESQL, location, Path.of("calm-relay-spool"), null, null);
    try {
      store.migrate(nowMillis);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /** Uses a caller's DataSource; the dialect comes from the database's product name. */
  public static JdbcStore dataSource(DataSource ds, long nowMillis) {
    Dialect dialect;
    String product;
    try (Connection c = ds.getConnection()) {
      DatabaseMetaData md = c.getMetaData();
      product = md.getDatabaseProductName();
    } catch (SQLException e) {
      throw new RelayStoreException("cannot connect to the relay's DataSource: " + e.getMessage(), e);
    }
    String p = product.toLowerCase(Locale.ROOT);
    if (p.contains("postgres")) {
      dialect = Dialect.POSTGRESQL;
    } else if (p.contains("sqlite")) {
      dialect = Dialect.SQLITE;
    } else {
      throw new RelayStoreException(
          "the relay's DataSource is " + product + "; the relay supports PostgreSQL and SQLite", null);
    }
    JdbcStore store = new JdbcStore(
        Connections.pooled(ds, dialect), dialect, dialect + " store (DataSource)", Path.of("calm-relay-spool"),
        null, null);
    store.migrate(nowMillis);
    return store;
  }

  private static void requireDriver(String className, String name, String artifact) {
    try {
      Class.forName(className);
    } catch (ClassNotFoundException e) {
      throw new RelayStoreException(
          "no " + name + " JDBC driver on the class path; add " + artifact + " to the application", e);
    }
  }

  /** Drops the query (which may hold a password) and any user info from a JDBC URL. */
  static String redact(String url) {
    String u = url;
    int q = u.indexOf('?');
    if (q >= 0) {
      u = u.substring(0, q);
    }
    int at = u.indexOf('@');
    int slashes = u.indexOf("//");
    if (at >= 0 && slashes >= 0 && at > slashes) {
      u = u.substring(0, slashes + 2) + u.substring(at + 1);
    }
    return u;
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing held
      }
    }
  }

  /** The dialect. */
  public Dialect dialect() {
    return dialect;
  }

  /** Where the store is, for messages (no password). */
  public String location() {
    return location;
  }

  /** The spool directory when the options name none. */
  public Path defaultSpool() {
    return defaultSpool;
  }

  // --- schema -------------------------------------------------------------------------------------------------

  private void check() {
    work("read", c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
        String verdict = rs.next() ? rs.getString(1) : "no answer";
        if (!"ok".equalsIgnoreCase(verdict)) {
          throw new SQLException("integrity check: " + verdict);
        }
      }
      return null;
    });
  }

  private void migrate(long nowMillis) {
    work("prepare", c -> {
      dialect.lockMigrations(c);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS relay_schema_version (version INTEGER NOT NULL, applied_at BIGINT NOT NULL)");
      }
      int current;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT MAX(version) FROM relay_schema_version")) {
        rs.next();
        current = rs.getInt(1);
      }
      if (current > SCHEMA_VERSION) {
        throw new NewerSchema(current);
      }
      List<List<String>> scripts = dialect.migrations();
      for (int v = current + 1; v <= SCHEMA_VERSION; v++) {
        try (Statement s = c.createStatement()) {
          for (String sql : scripts.get(v - 1)) {
            s.execute(sql);
          }
        }
        try (PreparedStatement ps =
            c.prepareStatement("INSERT INTO relay_schema_version (version, applied_at) VALUES (?, ?)")) {
          ps.setInt(1, v);
          ps.setLong(2, nowMillis);
          ps.executeUpdate();
        }
      }
      return null;
    });
  }

  /** Thrown inside the migration's transaction so nothing is changed. */
  private static final class NewerSchema extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int version;

    NewerSchema(int version) {
      super(null, null, false, false);
      this.version = version;
    }
  }

  /** The schema version stored. */
  public int schemaVersion() {
    return work("read", c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT MAX(version) FROM relay_schema_version")) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  /**
   * SQLite: the first claim of a process takes the store's lock file, so that one process dispatches from a store
   * while others may submit, list and requeue beside it. Holding the lock, whatever is in flight was left by a dead
   * dispatcher, and is taken over at once instead of after its lease.
   */
  private void requireDispatchLock() {
    if (lockChannel == null || lock != null) {
      return;
    }
    FileLock taken;
    try {
      taken = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      taken = null;
    } catch (IOException e) {
      throw new RelayStoreException("cannot lock the " + location + ": " + e.getMessage(), e);
    }
    if (taken == null) {
      throw new RelayStoreException(
          "another relay process dispatches from the " + location + "; run one dispatching relay per SQLite store"
              + " (submitting beside it is fine), or share a PostgreSQL store between several nodes",
          null);
    }
    lock = taken;
    takeOverInFlight();
  }

  private void takeOverInFlight() {
    work("recover", c -> {
      try (Statement s = c.createStatement()) {
        return s.executeUpdate("UPDATE relay_entry SET lease_until = 0 WHERE state = 'sending'");
      }
    });
  }

  // --- entries -----------------------------------------------------------------------------------------------

  /** Stores a new pending entry and returns its id. */
  public long insert(String kind, String seqKey, String payload, long nowMillis) {
    String now = dialect.now(nowMillis);
    String sql = "INSERT INTO relay_entry (kind, state, seq_key, step, attempts, next_attempt_at, payload, version,"
        + " created_at, updated_at) VALUES (?, 'pending', ?, 'new', 0, " + now + ", ?, 0, " + now + ", " + now
        + ") RETURNING id";
    return work("store the entry in", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, kind);
        ps.setString(2, seqKey);
        ps.setString(3, payload);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /** The database's "now" in epoch milliseconds (the relay's clock on SQLite). */
  public long now(long nowMillis) {
    if (dialect == Dialect.SQLITE) {
      return nowMillis;
    }
    return work("read", c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + dialect.now(nowMillis))) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /**
   * Claims up to {@code limit} entries for {@code owner}: pending ones whose next attempt is due (any pending one
   * when {@code ignoreBackoff}), and sending ones whose lease expired; none this pass already claimed. An entry
   * with a sequence key waits while an older entry with that key is pending or sending.
   */
  public List<StoredEntry> claim(
      String owner, int limit, long leaseMillis, boolean ignoreBackoff, String passToken, long nowMillis) {
    requireDispatchLock();
    String now = dialect.now(nowMillis);
    String due = ignoreBackoff ? "" : " AND e.next_attempt_at <= " + now;
    String sql = "UPDATE relay_entry SET state = 'sending', owner = ?, version = version + 1,"
        + " attempts = attempts + 1, lease_until = " + now + " + ?, pass_token = ?, updated_at = " + now
        + " WHERE id IN (SELECT e.id FROM relay_entry e WHERE"
        + " ((e.state = 'pending'" + due + ") OR (e.state = 'sending' AND e.lease_until < " + now + "))"
        + " AND (e.pass_token IS NULL OR e.pass_token <> ?)"
        + " AND (e.seq_key IS NULL OR NOT EXISTS (SELECT 1 FROM relay_entry p WHERE p.seq_key = e.seq_key"
        + " AND p.id < e.id AND p.state IN ('pending', 'sending')))"
        + " ORDER BY e.id LIMIT ?" + dialect.skipLocked() + ") RETURNING " + COLUMNS;
    return work("claim entries in", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, owner);
        ps.setLong(2, leaseMillis);
        ps.setString(3, passToken);
        ps.setString(4, passToken);
        ps.setInt(5, limit);
        List<StoredEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(row(rs));
          }
        }
        out.sort((a, b) -> Long.compare(a.id(), b.id()));
        return out;
      }
    });
  }

  /**
   * Persists a step of a claimed entry, renewing its lease. Fenced: only the owner and version of the claim may
   * write.
   *
   * @throws StoreFencedException when another node took the entry over
   */
  public void saveStep(StoredEntry claim, String step, List<Long> fileIds, Long trId, long leaseMillis, long nowMillis) {
    String now = dialect.now(nowMillis);
    fenced(claim, "UPDATE relay_entry SET step = ?, file_ids = ?, transport_request_id = ?, lease_until = " + now
        + " + ?, updated_at = " + now + " WHERE id = ? AND owner = ? AND version = ? AND state = 'sending'",
        ps -> {
          ps.setString(1, step);
          ps.setString(2, joinLongs(fileIds));
          setLong(ps, 3, trId);
          ps.setLong(4, leaseMillis);
          return 5;
        });
  }

  /**
   * Ends a claim: delivered, failed, unresolved, or back to pending after {@code delayMillis}. Fenced.
   *
   * @throws StoreFencedException when another node took the entry over
   */
  public void finish(
      StoredEntry claim, String state, String step, Long trId, Long actionId, String lastError, List<String> checks,
      long delayMillis, long nowMillis) {
    String now = dialect.now(nowMillis);
    fenced(claim, "UPDATE relay_entry SET state = ?, step = ?, transport_request_id = ?, action_id = ?,"
        + " last_error = ?, checks = ?, next_attempt_at = " + now + " + ?, owner = NULL, lease_until = NULL,"
        + " updated_at = " + now + " WHERE id = ? AND owner = ? AND version = ? AND state = 'sending'",
        ps -> {
          ps.setString(1, state);
          ps.setString(2, step);
          setLong(ps, 3, trId);
          setLong(ps, 4, actionId);
          ps.setString(5, lastError);
          ps.setString(6, checks == null || checks.isEmpty() ? null : String.join("\n", checks));
          ps.setLong(7, delayMillis);
          return 8;
        });
  }

  private interface Binder {
    int bind(PreparedStatement ps) throws SQLException;
  }

  private void fenced(StoredEntry claim, String sql, Binder binder) {
    int n = work("update an entry in", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = binder.bind(ps);
        ps.setLong(i, claim.id());
        ps.setString(i + 1, claim.owner());
        ps.setLong(i + 2, claim.version());
        return ps.executeUpdate();
      }
    });
    if (n != 1) {
      throw new StoreFencedException(claim.id(), claim.owner(), claim.version());
    }
  }

  /**
   * Sends a failed or unresolved entry again: pending now, attempts from 0, its persisted steps kept; a step that
   * was in doubt (create or import possibly sent) goes back to "not sent", because a person decided it was not
   * applied.
   *
   * @return the state before, empty when there is no such entry
   */
  public Optional<String> requeue(long id, long nowMillis) {
    String now = dialect.now(nowMillis);
    return work("requeue an entry in", c -> {
      String state;
      try (PreparedStatement ps = c.prepareStatement("SELECT state FROM relay_entry WHERE id = ?")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.<String>empty();
          }
          state = rs.getString(1);
        }
      }
      if (state.equals("failed") || state.equals("unresolved")) {
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE relay_entry SET state = 'pending', attempts = 0, next_attempt_at = " + now + ", owner = NULL,"
                + " lease_until = NULL, version = version + 1, updated_at = " + now + ","
                + " step = CASE WHEN step IN ('creating', 'starting') THEN 'new' ELSE step END"
                + " WHERE id = ? AND state = ?")) {
          ps.setLong(1, id);
          ps.setString(2, state);
          ps.executeUpdate();
        }
      }
      return Optional.of(state);
    });
  }

  /** Entries in the given states (all when none), oldest first. */
  public List<StoredEntry> list(List<String> states, int limit) {
    String where = states.isEmpty()
        ? ""
        : " WHERE state IN (" + states.stream().map(s -> "?").collect(Collectors.joining(", ")) + ")";
    return work("list entries in", c -> {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT " + COLUMNS + " FROM relay_entry" + where + " ORDER BY id LIMIT ?")) {
        int i = 1;
        for (String s : states) {
          ps.setString(i++, s);
        }
        ps.setInt(i, limit);
        List<StoredEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(row(rs));
          }
        }
        return out;
      }
    });
  }

  /** One entry. */
  public Optional<StoredEntry> get(long id) {
    return work("read an entry in", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM relay_entry WHERE id = ?")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(row(rs)) : Optional.<StoredEntry>empty();
        }
      }
    });
  }

  /** How many entries are pending or sending. */
  public int open() {
    return work("count entries in", c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM relay_entry WHERE state IN ('pending', 'sending')")) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  /** Counts per open state and the oldest pending entry's creation, with the store's "now", in one query. */
  public record Counts(long pending, long sending, long failed, long unresolved, Long oldestPendingAt, long now) {}

  /** Counts the open entries in one query (the clock is the relay's on SQLite, the database's on PostgreSQL). */
  public Counts counts(long nowMillis) {
    String sql = "SELECT"
        + " COALESCE(SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END), 0),"
        + " COALESCE(SUM(CASE WHEN state = 'sending' THEN 1 ELSE 0 END), 0),"
        + " COALESCE(SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), 0),"
        + " COALESCE(SUM(CASE WHEN state = 'unresolved' THEN 1 ELSE 0 END), 0),"
        + " MIN(CASE WHEN state = 'pending' THEN created_at END),"
        + " " + dialect.now(nowMillis)
        + " FROM relay_entry WHERE state IN ('pending', 'sending', 'failed', 'unresolved')";
    return work("count entries in", c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        long oldest = rs.getLong(5);
        Long oldestAt = rs.wasNull() ? null : oldest;
        return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), oldestAt, rs.getLong(6));
      }
    });
  }

  // --- snapshots ---------------------------------------------------------------------------------------------

  /** A watcher's persisted snapshot: its revision and statuses. */
  public record Snapshot(long revision, String statuses) {}

  /** The snapshot of a watched node. */
  public Optional<Snapshot> snapshot(String node) {
    return work("read a snapshot in", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT revision, statuses FROM relay_snapshot WHERE node = ?")) {
        ps.setString(1, node);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new Snapshot(rs.getLong(1), rs.getString(2))) : Optional.<Snapshot>empty();
        }
      }
    });
  }

  /** Saves a snapshot with the next revision. */
  public void saveSnapshot(String node, long revision, String statuses, long nowMillis) {
    String now = dialect.now(nowMillis);
    work("save a snapshot in", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO relay_snapshot (node, revision, statuses, taken_at) VALUES (?, ?, ?, " + now + ")"
              + " ON CONFLICT (node) DO UPDATE SET revision = excluded.revision, statuses = excluded.statuses,"
              + " taken_at = excluded.taken_at")) {
        ps.setString(1, node);
        ps.setLong(2, revision);
        ps.setString(3, statuses);
        return ps.executeUpdate();
      }
    });
  }

  /** Runs a statement, for tests that break the store on purpose. */
  public void execute(String sql) {
    work("run a statement in", c -> {
      try (Statement s = c.createStatement()) {
        s.execute(sql);
      }
      return null;
    });
  }

  // --- plumbing ----------------------------------------------------------------------------------------------

  private <T> T work(String what, Connections.Work<T> work) {
    try {
      return connections.inTransaction(work);
    } catch (NewerSchema e) {
      throw new RelayStoreException(
          "the " + location + " has schema version " + e.version + ", newer than this relay's " + SCHEMA_VERSION
              + "; use a newer calm-sdk-relay with it. Nothing was changed", null);
    } catch (SQLException e) {
      throw translate(what, e);
    }
  }

  private RelayStoreException translate(String what, SQLException e) {
    String m = String.valueOf(e.getMessage());
    String lower = m.toLowerCase(Locale.ROOT);
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (lower.contains("not a database") || lower.contains("malformed") || lower.contains("corrupt")
        || lower.contains("integrity check")) {
      return new RelayStoreException(
          "the " + location + " is not a relay store or is damaged (" + m + "); nothing was changed. Move the file"
              + " away and restore a backup, or point the relay to a new file", e);
    }
    if (lower.contains("disk is full") || lower.contains("database or disk is full") || state.equals("53100")) {
      return new RelayStoreException(
          "cannot " + what + " the " + location + ": the disk is full (" + m + "); free space and try again."
              + " Nothing was stored by this call; entries stored earlier are safe", e);
    }
    if (state.startsWith("08") || state.startsWith("57P") || lower.contains("connection")) {
      return new RelayStoreException(
          "cannot " + what + " the " + location + ": the database is unreachable (" + m + "); entries stored"
              + " earlier are safe and go out once it is back", e);
    }
    return new RelayStoreException("cannot " + what + " the " + location + ": " + m, e);
  }

  private static StoredEntry row(ResultSet rs) throws SQLException {
    return new StoredEntry(
        rs.getLong("id"),
        rs.getString("kind"),
        rs.getString("state"),
        rs.getString("seq_key"),
        rs.getString("step"),
        rs.getInt("attempts"),
        rs.getLong("next_attempt_at"),
        rs.getString("payload"),
        splitLongs(rs.getString("file_ids")),
        nullableLong(rs, "transport_request_id"),
        nullableLong(rs, "action_id"),
        rs.getString("last_error"),
        rs.getString("checks") == null ? List.of() : Arrays.asList(rs.getString("checks").split("\n")),
        rs.getString("owner"),
        nullableLong(rs, "lease_until"),
        rs.getLong("version"),
        rs.getLong("created_at"),
        rs.getLong("updated_at"));
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, java.sql.Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  static String joinLongs(List<Long> values) {
    return values == null || values.isEmpty()
        ? null
        : values.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  static List<Long> splitLongs(String s) {
    if (s == null || s.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(s.split(",")).map(Long::valueOf).collect(Collectors.toList());
  }

  @Override
  public void close() {
    connections.close();
    try {
      if (lock != null) {
        lock.release();
      }
    } catch (IOException ignored) {
      // released with the channel
    }
    closeQuietly(lockChannel);
  }
}
