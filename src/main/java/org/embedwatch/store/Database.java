package org.embedwatch.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.Closeable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.embedwatch.EmbedwatchException;
import org.embedwatch.config.Settings;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The store's database: a connection pool (H2 or PostgreSQL), migrated to the current schema with Flyway by
 * {@link #open}. Every unit of work runs in one transaction that commits or rolls back as a whole, so a crash never
 * leaves half a write behind. Thread-safe.
 */
public final class Database implements Closeable {
  /** How many connections the pool holds at most, as H2's own pool did: the default check.concurrency (8) and more. */
  private static final int MAX_CONNECTIONS = 10;

  /** The database products the store runs on, told apart by their JDBC URL's prefix. */
  public enum Vendor {
    H2("jdbc:h2:"),
    POSTGRESQL("jdbc:postgresql:");

    private final String prefix;

    Vendor(String prefix) {
      this.prefix = prefix;
    }

    /** The vendor whose driver takes {@code jdbcUrl}, if the store supports it. */
    public static Optional<Vendor> of(String jdbcUrl) {
      for (Vendor v : values()) {
        if (jdbcUrl.startsWith(v.prefix)) {
          return Optional.of(v);
        }
      }
      return Optional.empty();
    }
  }

  private final DataSource dataSource;
  private final Vendor vendor;
  private final String name;

  /**
   * A database over {@code dataSource}, as it is (not migrated). It owns the data source: {@link #close()} closes it
   * when it is {@link AutoCloseable}.
   *
   * @param name what messages call it: its JDBC URL (never with a password)
   */
  public Database(DataSource dataSource, Vendor vendor, String name) {
    this.dataSource = dataSource;
    this.vendor = vendor;
    this.name = name;
  }

  /**
   * Opens a pool of connections to {@code store} (creating an H2 file database if needed) and applies pending
   * migrations.
   *
   * @throws EmbedwatchException naming the URL (never the password) and what to check, when the database cannot be
   *     reached or migrated
   */
  public static Database open(Settings.Store store) {
    String url = store.url();
    Vendor vendor = Vendor.of(url).orElseThrow(() -> new EmbedwatchException("store.url=" + url
        + " is not supported: give jdbc:postgresql://host:port/database or jdbc:h2:…, or leave it empty for the"
        + " H2 file in archive.dir"));
    HikariConfig config = new HikariConfig();
    config.setPoolName("embedwatch-store");
    config.setJdbcUrl(url);
    if (!store.user().isEmpty()) {
      config.setUsername(store.user());
    } else if (vendor == Vendor.H2) {
      config.setUsername("sa");
    }
    store.password().ifPresent(p -> config.setPassword(p.value()));
    config.setMaximumPoolSize(MAX_CONNECTIONS);
    // A CLI run is short: open connections when asked for, not ten at start.
    config.setMinimumIdle(1);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new EmbedwatchException("cannot open the store at " + url + ": " + rootMessage(e) + hint(vendor), e);
    }
    Database db = new Database(pool, vendor, url);
    try {
      db.migrate();
    } catch (FlywayException e) {
      db.close();
      throw new EmbedwatchException("cannot migrate the store at " + url + ": " + rootMessage(e) + hint(vendor), e);
    }
    return db;
  }

  private static String hint(Vendor vendor) {
    return switch (vendor) {
      case H2 -> " (is another embedwatch process using it?)";
      case POSTGRESQL -> " (check that the server runs, store.url, store.user, and the password in store.password"
          + " or EMBEDWATCH_STORE_PASSWORD)";
    };
  }

  /** Applies the pending migrations: the same scripts on every vendor, after {@link PortableTypes} on PostgreSQL. */
  private void migrate() {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:org/embedwatch/store/migration")
        .callbacks(new PortableTypes())
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

  /** The JDBC URL this database was opened with (it holds no password). */
  public String url() {
    return name;
  }

  /** Which database product this is. */
  public Vendor vendor() {
    return vendor;
  }

  /** A unit of work against one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} in one transaction: all of it commits, or none of it does. */
  public <T> T inTransaction(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
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
      throw new StoreException("database error on " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (dataSource instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new StoreException("cannot close the store at " + name + ": " + e.getMessage(), e);
      }
    }
  }
}
