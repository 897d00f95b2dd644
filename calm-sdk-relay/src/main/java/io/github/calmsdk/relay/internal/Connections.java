package io.github.calmsdk.relay.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Runs units of work in transactions. Either one connection owned by the store (SQLite, or a PostgreSQL URL),
 * reopened after it broke, or a user's {@link DataSource}, asked for a connection per unit (it pools).
 */
abstract class Connections implements AutoCloseable {
  /** A unit of work on a connection in a transaction. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Opens a configured connection. */
  interface Opener {
    Connection open() throws SQLException;
  }

  abstract <T> T inTransaction(Work<T> work) throws SQLException;

  @Override
  public abstract void close();

  static Connections single(Opener opener) {
    return new Single(opener);
  }

  static Connections pooled(DataSource ds, Dialect dialect) {
    return new Pooled(ds, dialect);
  }

  static <T> T run(Connection c, Work<T> work) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      try {
        c.setAutoCommit(auto);
      } catch (SQLException ignored) {
        // a broken connection: reopened by the next unit of work
      }
    }
  }

  private static final class Single extends Connections {
    private final Opener opener;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;

    Single(Opener opener) {
      this.opener = opener;
    }

    @Override
    <T> T inTransaction(Work<T> work) throws SQLException {
      lock.lock();
      try {
        if (connection == null || connection.isClosed()) {
          connection = opener.open();
        }
        try {
          return run(connection, work);
        } catch (SQLException e) {
          if (lostConnection(e) || broken(connection)) {
            closeQuietly();
          }
          throw e;
        }
      } finally {
        lock.unlock();
      }
    }

    /**
     * A failure that ends the session whatever the driver says of the connection afterwards: SQLState class 08
     * (connection exception) and 57P (operator intervention, such as a server shut down or restarted).
     */
    private static boolean lostConnection(SQLException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SQLException && ((SQLException) t).getSQLState() != null) {
          String state = ((SQLException) t).getSQLState();
          if (state.startsWith("08") || state.startsWith("57P")) {
            return true;
          }
        }
      }
      return false;
    }

    private static boolean broken(Connection c) {
      try {
        return c.isClosed() || !c.isValid(2);
      } catch (SQLException e) {
        return true;
      }
    }

    private void closeQuietly() {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // already broken
      }
      connection = null;
    }

    @Override
    public void close() {
      lock.lock();
      try {
        if (connection != null) {
          closeQuietly();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private static final class Pooled extends Connections {
    private final DataSource ds;
    private final Dialect dialect;

    Pooled(DataSource ds, Dialect dialect) {
      this.ds = ds;
      this.dialect = dialect;
    }

    @Override
    <T> T inTransaction(Work<T> work) throws SQLException {
      try (Connection c = ds.getConnection()) {
        if (dialect == Dialect.SQLITE) {
          dialect.configure(c);
        }
        return run(c, work);
      }
    }

    @Override
    public void close() {
      // the DataSource belongs to the caller
    }
  }
}
