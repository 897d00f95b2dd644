package io.github.calmsdk.relay;

import io.github.calmsdk.relay.internal.JdbcStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where the relay keeps its outbox: SQLite in a file (one relay process; the default) or PostgreSQL (several relay
 * nodes on one outbox). The relay creates and migrates its schema itself, and refuses a store whose schema is newer
 * than it knows. The JDBC driver ({@code org.xerial:sqlite-jdbc} or {@code org.postgresql:postgresql}) must be on
 * the class path.
 *
 * <pre>{@code
 * RelayStore local = RelayStore.open("calm-relay.db");
 * RelayStore shared = RelayStore.open("jdbc:postgresql://db.example.com/calm", "relay", System.getenv("PGPASSWORD"));
 * RelayStore spring = RelayStore.of(dataSource);
 * }</pre>
 */
public final class RelayStore implements AutoCloseable {
  private final JdbcStore jdbc;

  private RelayStore(JdbcStore jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Opens a store from the CLI's {@code --store} text: a {@code jdbc:postgresql://} URL (user and password from
   * the URL's parameters or {@code PGUSER}/{@code PGPASSWORD}), else a file path for SQLite, created if absent.
   *
   * @param location a file path or a PostgreSQL JDBC URL
   * @return the open store
   * @throws RelayStoreException when it cannot be opened, is not a relay store, or has a newer schema
   */
  public static RelayStore open(String location) {
    Objects.requireNonNull(location, "location");
    if (location.startsWith("jdbc:postgresql:")) {
      return open(location, System.getenv("PGUSER"), System.getenv("PGPASSWORD"));
    }
    if (location.startsWith("jdbc:")) {
      throw new io.github.calmsdk.core.error.CalmValidationException(
          "store", "is a JDBC URL of a database the relay does not support; use jdbc:postgresql://... or a file path");
    }
    return sqlite(Path.of(location), Clock.systemUTC());
  }

  /**
   * Opens a PostgreSQL store.
   *
   * @param url a {@code jdbc:postgresql://} URL
   * @param user the user, or null for the URL's
   * @param password the password, or null for the URL's; never shown in messages
   * @return the open store
   * @throws RelayStoreException when the database is unreachable or its schema is newer
   */
  public static RelayStore open(String url, String user, String password) {
    return new RelayStore(JdbcStore.postgres(url, user, password, System.currentTimeMillis()));
  }

  /**
   * Opens (creating when absent) a SQLite store. It takes a lock file next to it, so only one relay process uses
   * it; entries its dead predecessor left in flight are taken over at once.
   *
   * @param file the database file
   * @param clock the clock of its timestamps and leases (the relay's clock)
   * @return the open store
   * @throws RelayStoreException when the file is not a relay store, is damaged, has a newer schema, or another
   *     process holds it
   */
  public static RelayStore sqlite(Path file, Clock clock) {
    return new RelayStore(JdbcStore.sqlite(file, clock.millis()));
  }

  /**
   * Uses a DataSource (PostgreSQL or SQLite), for instance a Spring application's.
   *
   * @param dataSource the data source; the caller closes it
   * @return the store
   * @throws RelayStoreException when it cannot connect, or the database is neither PostgreSQL nor SQLite
   */
  public static RelayStore of(DataSource dataSource) {
    return new RelayStore(JdbcStore.dataSource(Objects.requireNonNull(dataSource, "dataSource"),
        System.currentTimeMillis()));
  }

  /**
   * The schema version stored.
   *
   * @return the version, 1 for this relay
   */
  public int schemaVersion() {
    return jdbc.schemaVersion();
  }

  /**
   * Where the store is, without credentials.
   *
   * @return such as {@code SQLite store /var/lib/calm/calm-relay.db}
   */
  public String location() {
    return jdbc.location();
  }

  JdbcStore jdbc() {
    return jdbc;
  }

  /** Closes the connection and releases the lock file. */
  @Override
  public void close() {
    jdbc.close();
  }

  @Override
  public String toString() {
    return "RelayStore[" + jdbc.location() + "]";
  }
}
