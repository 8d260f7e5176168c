package org.embedwatch.store;

import java.io.Closeable;
import java.sql.Connection;
import java.sql.SQLException;
import org.embedwatch.EmbedwatchException;
import org.flywaydb.core.api.FlywayException;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's connection pool, migrated to the current schema with Flyway on open (except when opened for reading).
 * Every unit of work runs in one transaction that commits or rolls back as a whole, so a crash never leaves half a
 * write behind. Thread-safe.
 */
public final class Database implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  /** How many times one unit of work is run when the serving process goes away under it. */
  private static final int ATTEMPTS = 5;
  private static final java.util.Set<String> SERVER_LOST = java.util.Set.of("90067", "90098", "90121");
  private final JdbcConnectionPool pool;
  private final String url;

  private Database(JdbcConnectionPool pool, String url) {
    this.pool = pool;
    this.url = url;
  }

  /**
   * Opens (creating if needed) the database at {@code jdbcUrl} and applies pending migrations: for the one command
   * that may start an archive.
   */
  public static Database open(String jdbcUrl) {
    requireH2(jdbcUrl);
    JdbcConnectionPool pool = JdbcConnectionPool.create(jdbcUrl, "sa", "");
    migrate(pool, jdbcUrl);
    return new Database(pool, jdbcUrl);
  }

  /**
   * Opens the existing archive at {@code jdbcUrl} and applies this version's pending migrations; never creates a
   * database.
   *
   * @throws UnusableArchiveException when there is no database there, or one without Embedwatch's schema, or with a
   *     newer one
   */
  public static Database openExisting(String jdbcUrl) {
    JdbcConnectionPool pool = existing(jdbcUrl);
    try {
      SchemaVersion.require(pool, jdbcUrl, false);
    } catch (RuntimeException e) {
      pool.dispose();
      throw e;
    }
    migrate(pool, jdbcUrl);
    return new Database(pool, jdbcUrl);
  }

  /**
   * Opens the existing archive at {@code jdbcUrl} for reading: never creates a database, never migrates one. (H2 may
   * still rewrite its own file structures when the last connection closes; no row changes.)
   *
   * @throws UnusableArchiveException when there is no database there, or its schema is not this version's
   */
  public static Database openForReading(String jdbcUrl) {
    JdbcConnectionPool pool = existing(jdbcUrl);
    try {
      SchemaVersion.require(pool, jdbcUrl, true);
    } catch (RuntimeException e) {
      pool.dispose();
      throw e;
    }
    return new Database(pool, jdbcUrl);
  }

  private static void requireH2(String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:h2:")) {
      throw new EmbedwatchException("store.url '" + jdbcUrl + "' is not supported yet: only H2 (jdbc:h2:…) is;"
          + " leave store.url empty for the embedded default");
    }
  }

  /** A pool on the database at {@code jdbcUrl} that H2 is told not to create ({@code IFEXISTS=TRUE}). */
  private static JdbcConnectionPool existing(String jdbcUrl) {
    requireH2(jdbcUrl);
    String url = jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains(";IFEXISTS=") ? jdbcUrl
        : jdbcUrl + ";IFEXISTS=TRUE";
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
    try {
      pool.getConnection().close();
    } catch (SQLException e) {
      pool.dispose();
      if (e.getErrorCode() == ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1) {
        throw new UnusableArchiveException(UnusableArchiveException.Reason.NO_DATABASE, jdbcUrl, "", "", e);
      }
      throw new StoreException("cannot open the store at " + jdbcUrl + ": " + e.getMessage(), e);
    }
    return pool;
  }

  private static void migrate(JdbcConnectionPool pool, String jdbcUrl) {
    try {
      SchemaVersion.flyway(pool).migrate();
    } catch (FlywayException e) {
      pool.dispose();
      throw new EmbedwatchException("cannot open the store at " + jdbcUrl + ": " + rootMessage(e)
          + " (is another embedwatch process using it?)", e);
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.toString() : c.getMessage().split("\n", 2)[0];
  }

  /** The JDBC URL this database was opened with. */
  public String url() {
    return url;
  }

  /** A unit of work against one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: all of it commits, or none of it does. When the process that serves the
   * database to this one (H2's automatic mixed mode) exits meanwhile, its open transactions are rolled back and the
   * connection is lost: the work then runs again, once the connection is back (another process, or this one, serves
   * the database by then). {@code work} must therefore only act through its connection.
   */
  public <T> T inTransaction(Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(work);
      } catch (SQLException e) {
        if (attempt < ATTEMPTS && serverLost(e)) {
          log.info("the process serving {} went away ({}); running the transaction again", url, e.getMessage());
          continue;
        }
        throw new StoreException("database error on " + url + ": " + e.getMessage(), e);
      }
    }
  }

  private <T> T once(Work<T> work) throws SQLException {
    try (Connection c = pool.getConnection()) {
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
      }
    }
  }

  /**
   * Whether {@code e} says the connection to the serving process was lost: H2's "connection is broken" (90067) and
   * "database is closed" (90098; 90121 is what the first connection after a takeover can get). The serving process
   * rolls back the open transactions of its remote sessions when it closes, so the work was not stored and runs
   * again. Only a commit that the server applied and whose answer was then lost (the server exiting between the two)
   * would be stored twice; that window is not closed here.
   */
  private static boolean serverLost(SQLException e) {
    return SERVER_LOST.contains(e.getSQLState());
  }

  @Override
  public void close() {
    pool.dispose();
  }
}
