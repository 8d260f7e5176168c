package org.embedwatch.store;

import java.io.Closeable;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.embedwatch.EmbedwatchException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The store's connection pool, migrated to the current schema with Flyway on open. Every unit of work runs in one
 * transaction that commits or rolls back as a whole, so a crash never leaves half a write behind. Thread-safe.
 */
public final class Database implements Closeable {
  private final JdbcConnectionPool pool;
  private final String url;

  private Database(JdbcConnectionPool pool, String url) {
    this.pool = pool;
    this.url = url;
  }

  /** Opens (creating if needed) the database at {@code jdbcUrl} and applies pending migrations. */
  public static Database open(String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:h2:")) {
      throw new EmbedwatchException("store.url '" + jdbcUrl + "' is not supported yet: only H2 (jdbc:h2:…) is;"
          + " leave store.url empty for the embedded default");
    }
    JdbcConnectionPool pool = JdbcConnectionPool.create(jdbcUrl, "sa", "");
    try {
      migrate(pool);
    } catch (FlywayException e) {
      pool.dispose();
      throw new EmbedwatchException("cannot open the store at " + jdbcUrl + ": " + rootMessage(e)
          + " (is another embedwatch process using it?)", e);
    }
    return new Database(pool, jdbcUrl);
  }

  private static void migrate(DataSource ds) {
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:org/embedwatch/store/migration")
        .load()
        .migrate();
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

  /** Runs {@code work} in one transaction: all of it commits, or none of it does. */
  public <T> T inTransaction(Work<T> work) {
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
    } catch (SQLException e) {
      throw new StoreException("database error on " + url + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    pool.dispose();
  }
}
