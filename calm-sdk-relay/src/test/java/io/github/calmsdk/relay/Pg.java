package io.github.calmsdk.relay;

import static org.assertj.core.api.Assertions.fail;

import io.github.calmsdk.relay.internal.JdbcStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server of the tests (CALM_TEST_PG_URL, _USER, _PASSWORD; .ci/run starts one). Locally the tests
 * skip with one line when none is reachable; with CI=true they fail instead.
 */
final class Pg {
  static final String URL = env("CALM_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/calm_test");
  static final String USER = env("CALM_TEST_PG_USER", "calm_test");
  static final String PASSWORD = env("CALM_TEST_PG_PASSWORD", "calm_test");
  private static volatile String unreachable;
  private static volatile boolean said;

  private Pg() {}

  private static String env(String name, String dflt) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? dflt : v;
  }

  /** Skips (or fails in CI) unless the server answers; then drops the relay's tables for a clean start. */
  static void requireClean() {
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS relay_entry");
      s.execute("DROP TABLE IF EXISTS relay_snapshot");
      s.execute("DROP TABLE IF EXISTS relay_schema_version");
    } catch (SQLException e) {
      unreachable = e.getMessage();
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("CI=true but PostgreSQL at " + URL + " is unreachable: " + e.getMessage());
      }
      if (!said) {
        said = true;
        System.err.println("PostgreSQL tests skipped: no server at " + URL + " (" + e.getMessage() + ")");
      }
      Assumptions.abort("no PostgreSQL at " + URL);
    }
  }

  static JdbcStore open() {
    return JdbcStore.postgres(URL, USER, PASSWORD, System.currentTimeMillis());
  }

  static RelayStore openStore() {
    return RelayStore.open(URL, USER, PASSWORD);
  }
}
