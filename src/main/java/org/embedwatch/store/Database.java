package org.embedwatch.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.Closeable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.embedwatch.EmbedwatchException;
import org.embedwatch.config.Settings;
import org.flywaydb.core.api.FlywayException;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's database: a connection pool (HikariCP over PostgreSQL, H2's own over H2), migrated to the current schema with
 * Flyway on open (except when opened for reading). Every unit of work runs in one transaction that commits or rolls
 * back as a whole, so a crash never leaves half a write behind. Thread-safe.
 */
public final class Database implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  /** How many connections the pool holds at most, as H2's own pool did: the default check.concurrency (8) and more. */
  private static final int MAX_CONNECTIONS = 10;
  /** How many times one unit of work is run when the serving process goes away under it. */
  private static final int ATTEMPTS = 5;
  /** H2's "connection is broken" (90067), "database is closed" (90098) and what a takeover's first call can get. */
  private static final Set<String> SERVER_LOST = Set.of("90067", "90098", "90121");

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
   * Opens (creating an H2 file database if needed) the database of {@code store} and applies pending migrations: for
   * the commands that may start an archive.
   *
   * @throws EmbedwatchException naming the URL (never the password) and what to check, when the database cannot be
   *     reached or migrated
   */
  public static Database open(Settings.Store store) {
    return openWritable(store, true);
  }

  /**
   * Opens the existing archive of {@code store} and applies this version's pending migrations; never creates a
   * database.
   *
   * @throws UnusableArchiveException when there is no database there, or one without Embedwatch's schema, or with a
   *     newer one
   */
  public static Database openExisting(Settings.Store store) {
    return openWritable(store, false);
  }

  /**
   * Opens the existing archive of {@code store} for reading: never creates a database, never migrates one. (H2 may
   * still rewrite its own file structures when the last connection closes; no row changes.)
   *
   * @throws UnusableArchiveException when there is no database there, or its schema is not this version's
   */
  public static Database openForReading(Settings.Store store) {
    Optional<H2Archive> archive = H2Archive.of(store);
    archive.ifPresent(H2Archive::requireNoStoppedUpgrade);
    Database db = archive.isPresent() ? h2(store, archive.get().passwords(), true).db() : existing(store);
    try {
      SchemaVersion.require(db.dataSource, store.url(), true);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    return db;
  }

  /**
   * Opens for writing. The archive's own H2 file (an H2 file URL, no {@code store.user}, no {@code store.password})
   * is made, upgraded and restored by {@link H2Archive}, safe against a kill at any moment, and opened with the
   * archive's password ({@link StorePassword}), which an archive made before passwords gets now.
   */
  private static Database openWritable(Settings.Store store, boolean mayCreate) {
    Optional<H2Archive> managed = H2Archive.of(store);
    if (managed.isEmpty()) {
      Database db = mayCreate ? new Database(pool(store, false), vendorOf(store.url()), store.url()) : existing(store);
      try {
        if (!mayCreate) {
          SchemaVersion.require(db.dataSource, store.url(), false);
        }
        migrate(db.dataSource, store.url());
      } catch (RuntimeException e) {
        db.close();
        throw e;
      }
      return db;
    }
    H2Archive archive = managed.get();
    if (!mayCreate && !archive.exists()) {
      throw new UnusableArchiveException(UnusableArchiveException.Reason.NO_DATABASE, store.url(), "", "", null);
    }
    archive.restoreInterruptedUpgrade(archive.passwords().toArray(String[]::new));
    if (!archive.exists()) {
      archive.create(StorePassword.findOrCreate(archive.file()), ds -> migrate(ds, store.url()));
    }
    Opened opened = h2(store, archive.passwords(), !mayCreate);
    Database db = opened.db();
    try {
      if (!mayCreate) {
        SchemaVersion.require(db.dataSource, store.url(), false);
      }
      String password = opened.password();
      if (password.isEmpty()) {
        String kept = StorePassword.findOrCreate(archive.file());
        db.inTransaction(c -> {
          H2Archive.setPassword(c, kept);
          return null;
        });
        log.info("the store {} has a password now, kept in {}", archive.file().file(),
            StorePassword.fileOf(archive.file()));
        db.close();
        db = h2(store, List.of(kept), true).db();
        password = kept;
      }
      if (SchemaVersion.pending(db.dataSource)) {
        db.close();
        archive.upgrade(password, ds -> migrate(ds, store.url()));
        db = h2(store, List.of(password), true).db();
      }
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** An open database and the password that opened it. */
  private record Opened(Database db, String password) {}

  /** The archive's H2 file opened with the first of {@code passwords} that H2 accepts. */
  private static Opened h2(Settings.Store store, List<String> passwords, boolean mustExist) {
    for (int i = 0; ; i++) {
      Settings.Store as = new Settings.Store(store.url(), H2Archive.USER,
          Optional.of(new Settings.Password(passwords.get(i))));
      try {
        return new Opened(mustExist ? existing(as) : new Database(pool(as, false), Vendor.H2, store.url()),
            passwords.get(i));
      } catch (EmbedwatchException e) {
        boolean wrong = causes(e).anyMatch(c -> c instanceof SQLException sql && H2Archive.wrongPassword(sql));
        if (!wrong) {
          throw e;
        }
        if (i == passwords.size() - 1) {
          throw new EmbedwatchException("cannot open the store at " + store.url() + ": its password is not the one"
              + " kept in " + H2File.of(store.url()).map(StorePassword::fileOf).orElseThrow() + " (restore that"
              + " file from a copy of this archive)", e);
        }
      }
    }
  }

  private static java.util.stream.Stream<Throwable> causes(Throwable t) {
    return java.util.stream.Stream.iterate(t, java.util.Objects::nonNull, Throwable::getCause);
  }

  /** A database on an existing store: H2 is told not to create one ({@code IFEXISTS=TRUE}). */
  private static Database existing(Settings.Store store) {
    try {
      return new Database(pool(store, true), vendorOf(store.url()), store.url());
    } catch (EmbedwatchException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof SQLException sql && sql.getErrorCode() == ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1) {
          throw new UnusableArchiveException(UnusableArchiveException.Reason.NO_DATABASE, store.url(), "", "", sql);
        }
      }
      throw e;
    }
  }

  private static Vendor vendorOf(String url) {
    return Vendor.of(url).orElseThrow(() -> new EmbedwatchException("store.url=" + url
        + " is not supported: give jdbc:postgresql://host:port/database or jdbc:h2:…, or leave it empty for the"
        + " H2 file in archive.dir"));
  }

  /**
   * The pool: HikariCP for PostgreSQL; H2's own pool for H2, which opens each connection in the thread that asks for
   * it. (HikariCP fills its pool from a thread of its own; two connections of one process opening an H2 file at once
   * can race each other for H2's automatic mixed mode and fail with "locked by another process".)
   */
  private static DataSource pool(Settings.Store store, boolean mustExist) {
    String url = store.url();
    Vendor vendor = vendorOf(url);
    String user = !store.user().isEmpty() ? store.user() : vendor == Vendor.H2 ? "sa" : "";
    try {
      if (vendor == Vendor.H2) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(mustExist
            && !url.toUpperCase(Locale.ROOT).contains(";IFEXISTS=") ? url + ";IFEXISTS=TRUE" : url, user,
            store.password().map(Settings.Password::value).orElse(""));
        pool.setMaxConnections(MAX_CONNECTIONS);
        openFirstConnection(pool, url);
        return pool;
      }
      HikariConfig config = new HikariConfig();
      config.setPoolName("embedwatch-store");
      config.setJdbcUrl(url);
      if (!user.isEmpty()) {
        config.setUsername(user);
      }
      store.password().ifPresent(p -> config.setPassword(p.value()));
      config.setMaximumPoolSize(MAX_CONNECTIONS);
      // A CLI run is short: open connections when asked for, not ten at start.
      config.setMinimumIdle(1);
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new EmbedwatchException("cannot open the store at " + url + ": " + rootMessage(e) + hint(vendor, e), e);
    }
  }

  /**
   * Opens one connection to an H2 file, so that a missing file is told at once. Two processes opening one file at the
   * same moment can both find it unserved, and one of them then fails on the lock file while the other starts serving
   * it (H2's automatic mixed mode): that one tries again, a few times, a moment later.
   */
  private static void openFirstConnection(JdbcConnectionPool pool, String url) {
    for (int attempt = 1; ; attempt++) {
      try (Connection first = pool.getConnection()) {
        return;
      } catch (SQLException e) {
        if (!lockRace(e) || attempt == ATTEMPTS) {
          pool.dispose();
          throw new IllegalStateException(e.getMessage(), e);
        }
        log.info("{} is being opened by another process; trying again ({})", url, attempt);
        try {
          Thread.sleep(200L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          pool.dispose();
          throw new IllegalStateException("interrupted while opening " + url, interrupted);
        }
      }
    }
  }

  /** "Locked by another process" (90020), or "lock file recently modified" (8000): another process is opening it. */
  private static boolean lockRace(SQLException e) {
    return e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1
        || e.getErrorCode() == ErrorCode.ERROR_OPENING_DATABASE_1 && String.valueOf(e.getMessage()).contains("Lock file");
  }

  /** Whether {@code e}, or what caused it, says another process has the H2 file open. */
  static boolean lockError(Throwable e) {
    return causes(e).anyMatch(c -> c instanceof SQLException sql && lockRace(sql));
  }

  /** What to check, when opening failed: another process, for H2 only when the file is locked. */
  private static String hint(Vendor vendor, Throwable e) {
    return switch (vendor) {
      case H2 -> lockError(e) ? " (is another embedwatch process using it?)" : "";
      case POSTGRESQL -> " (check that the server runs, store.url, store.user, and the password in store.password"
          + " or EMBEDWATCH_STORE_PASSWORD)";
    };
  }

  /** Applies the pending migrations: the same scripts on every vendor, after {@link PortableTypes} on PostgreSQL. */
  private static void migrate(DataSource dataSource, String url) {
    try {
      SchemaVersion.flyway(dataSource).migrate();
    } catch (FlywayException e) {
      throw new EmbedwatchException("cannot migrate the store at " + url + ": " + rootMessage(e)
          + hint(vendorOf(url), e), e);
    }
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

  /**
   * The pool this store's connections come from, for the scheduler (db-scheduler), whose tasks live in this database
   * and which runs its own statements on it.
   */
  public DataSource dataSource() {
    return dataSource;
  }

  /** A unit of work against one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: all of it commits, or none of it does. When the process that serves an H2
   * database to this one (H2's automatic mixed mode) exits meanwhile, its open transactions are rolled back and the
   * connection is lost: the work then runs again, once the connection is back (another process, or this one, serves
   * the database by then). {@code work} must therefore only act through its connection.
   */
  public <T> T inTransaction(Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(work);
      } catch (SQLException e) {
        if (attempt < ATTEMPTS && SERVER_LOST.contains(e.getSQLState())) {
          log.info("the process serving {} went away ({}); running the transaction again", name, e.getMessage());
          continue;
        }
        throw new StoreException("database error on " + name + ": " + e.getMessage(), e);
      }
    }
  }

  /*
   * Only a commit that the serving process applied and whose answer was then lost (the server exiting between the
   * two) would run twice; the events that matter carry keys (a check's key) that make a second run record nothing.
   */
  private <T> T once(Work<T> work) throws SQLException {
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
    }
  }

  @Override
  public void close() {
    if (dataSource instanceof JdbcConnectionPool h2) {
      h2.dispose();
    } else if (dataSource instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new StoreException("cannot close the store at " + name + ": " + e.getMessage(), e);
      }
    }
  }
}
