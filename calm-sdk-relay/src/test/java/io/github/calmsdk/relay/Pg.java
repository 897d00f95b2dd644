package io.github.calmsdk.relay;

import static org.assertj.core.api.Assertions.fail;

import io.github.calmsdk.relay.internal.JdbcStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server of the tests (CALM_TEST_PG_URL, _USER, _PASSWORD; .ci/run starts one). Locally the tests
 * skip with one line when none is reachable; with CI=true they fail instead.
 *
 * <p>Each test JVM works in its own schema ({@code relay_<pid>_<random>}, through the URL's {@code currentSchema}),
 * dropped when the JVM exits, so two builds against one server do not drop each other's tables. The restart test
 * still restarts the whole server: a build running beside it sees one lost session, which the relay survives.
 */
final class Pg {
  private static final String SERVER = env("CALM_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/calm_test");
  static final String USER = env("CALM_TEST_PG_USER", "calm_test");
  static final String PASSWORD = env("CALM_TEST_PG_PASSWORD", "calm_test");
  static final String SCHEMA = "relay_" + ProcessHandle.current().pid() + "_"
      + HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt(),
          (byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt()});
  /** The server's URL with this JVM's schema. */
  static final String URL = SERVER + (SERVER.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
  private static volatile boolean said;
  private static volatile boolean created;

  private Pg() {}

  private static String env(String name, String dflt) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? dflt : v;
  }

  /**
   * Skips (or fails in CI) unless the server answers; then creates this JVM's schema once and drops the relay's
   * tables in it for a clean start.
   */
  static void requireClean() {
    try (Connection c = DriverManager.getConnection(SERVER, USER, PASSWORD); Statement s = c.createStatement()) {
      if (!created) {
        s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        created = true;
        Runtime.getRuntime().addShutdownHook(new Thread(Pg::dropSchema, "drop " + SCHEMA));
      }
      s.execute("DROP TABLE IF EXISTS " + SCHEMA + ".relay_entry");
      s.execute("DROP TABLE IF EXISTS " + SCHEMA + ".relay_snapshot");
      s.execute("DROP TABLE IF EXISTS " + SCHEMA + ".relay_schema_version");
    } catch (SQLException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("CI=true but PostgreSQL at " + SERVER + " is unreachable: " + e.getMessage());
      }
      if (!said) {
        said = true;
        System.out.println("PostgreSQL tests skipped: no server at " + SERVER + " (" + e.getMessage() + ")");
      }
      Assumptions.abort("no PostgreSQL at " + SERVER);
    }
  }

  private static void dropSchema() {
    try (Connection c = DriverManager.getConnection(SERVER, USER, PASSWORD); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    } catch (SQLException e) {
      System.err.println("could not drop the test schema " + SCHEMA + ": " + e.getMessage());
    }
  }

  static JdbcStore open() {
    return JdbcStore.postgres(URL, USER, PASSWORD, System.currentTimeMillis());
  }

  static RelayStore openStore() {
    return RelayStore.open(URL, USER, PASSWORD);
  }
}
