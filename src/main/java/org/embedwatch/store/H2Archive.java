package org.embedwatch.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;
import org.embedwatch.EmbedwatchException;
import org.embedwatch.config.Settings;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What may change an archive's H2 file as a whole, made safe against a kill at any moment (H2 commits DDL as it
 * goes, so a migration killed half-way would leave a schema that no migration can finish):
 *
 * <ul>
 *   <li>a new archive's database is made and migrated under a temporary name, then linked to its own name, which
 *       never replaces one another process made meanwhile;
 *   <li>an upgrade runs with the archive opened by this process alone, after a backup ({@code BACKUP TO}) to
 *       {@code <name>.upgrade-backup.zip}, which is deleted only once the upgrade is on disk; a backup found on open
 *       means an upgrade was stopped, and the database is restored from it before anything else;
 *   <li>the database's password (see {@link StorePassword}) is set on an archive made before there was one.
 * </ul>
 */
final class H2Archive {
  private static final Logger log = LoggerFactory.getLogger(H2Archive.class);
  static final String USER = "sa";
  private static final String BACKUP = ".upgrade-backup.zip";
  private static final String NEW = ".new-";
  private static final Pattern LEFTOVER = Pattern.compile("\\.new-(\\d+)-[0-9a-f]+\\..*");

  private final H2File db;

  H2Archive(H2File db) {
    this.db = db;
  }

  /** The archive's own H2 file, when {@code store} is one: an H2 file URL with no user or password given. */
  static Optional<H2Archive> of(Settings.Store store) {
    if (!store.user().isEmpty() || store.password().isPresent()) {
      return Optional.empty();
    }
    return H2File.of(store.url()).map(H2Archive::new);
  }

  /** The passwords to try, in turn: the kept one, then H2's empty default (an archive made before passwords). */
  List<String> passwords() {
    return StorePassword.find(db).map(p -> List.of(p, "")).orElse(List.of(""));
  }

  /**
   * For reading: fails when an upgrade was stopped (its backup is there), saying what restores the archive.
   *
   * @throws EmbedwatchException then
   */
  void requireNoStoppedUpgrade() {
    if (Files.exists(backup())) {
      throw new EmbedwatchException("an upgrade of the store " + db.file() + " was stopped before it ended ("
          + backup().getFileName() + " is there): run 'embedwatch check' once to restore it from that backup and"
          + " upgrade it again");
    }
  }

  H2File file() {
    return db;
  }

  /** Where the backup taken before an upgrade is while the upgrade runs. */
  Path backup() {
    return db.sibling(BACKUP);
  }

  boolean exists() {
    return Files.exists(db.file());
  }

  /**
   * Makes a new archive's database, migrated by {@code migrate}, with {@code password}; another process that makes
   * it at the same moment keeps its own and this one's is dropped. Leftovers of makers that were killed go first.
   */
  void create(String password, Consumer<DataSource> migrate) {
    deleteLeftovers();
    H2File temp = db.renamed(NEW + ProcessHandle.current().pid() + "-"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).alone();
    try {
      JdbcConnectionPool pool = JdbcConnectionPool.create(temp.url(), USER, password);
      try {
        migrate.accept(pool);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
          s.execute("SHUTDOWN");
        }
      } finally {
        pool.dispose();
      }
      force(temp.file());
      try {
        Files.createLink(db.file(), temp.file());
      } catch (FileAlreadyExistsException otherWasFirst) {
        log.info("{} was made by another process meanwhile; using it", db.file());
      }
    } catch (SQLException e) {
      throw new EmbedwatchException("cannot make the store at " + db.url() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the store " + db.file() + ": " + e.getMessage(), e);
    } finally {
      deleteFiles(temp);
    }
  }

  /** Deletes what makers killed before linking their database left ({@code <name>.new-<pid>-<id>.*}). */
  private void deleteLeftovers() {
    String prefix = db.base().getFileName().toString();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(db.dir(), prefix + NEW + "*")) {
      for (Path f : files) {
        Matcher m = LEFTOVER.matcher(f.getFileName().toString().substring(prefix.length()));
        if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
          Files.deleteIfExists(f);
        }
      }
    } catch (java.nio.file.NoSuchFileException none) {
      // No directory yet: nothing left over.
    } catch (IOException | NumberFormatException e) {
      log.warn("cannot delete what an earlier start left in {}: {}", db.dir(), e.toString());
    }
  }

  private static void deleteFiles(H2File temp) {
    for (String suffix : new String[] {".mv.db", ".lock.db", ".trace.db", ".mv.db.tempFile"}) {
      try {
        Files.deleteIfExists(temp.sibling(suffix));
      } catch (IOException e) {
        log.warn("cannot delete {}: {}", temp.sibling(suffix), e.toString());
      }
    }
  }

  /**
   * Restores the database from the backup an interrupted upgrade left, if there is one: for a writable open, before
   * anything else reads it. Needs the archive alone.
   */
  void restoreInterruptedUpgrade(String... passwords) {
    if (!Files.exists(backup())) {
      return;
    }
    try (UpgradeLock ignored = upgradeLock()) {
      if (!Files.exists(backup())) {
        return; // another process restored it while this one waited
      }
      // Opened alone and closed again: no other process has it open, and none will open it for an upgrade without
      // restoring first; the upgrade lock keeps a second restorer out between the two.
      JdbcConnectionPool pool = alone("restore it from " + backup(), passwords);
      pool.dispose();
      restore();
    }
    log.warn("the store {} was being upgraded when a process stopped; it was restored from the backup taken before"
        + " the upgrade ({}), and is upgraded again now", db.file(), backup().getFileName());
  }

  /** Held while a process backs up, upgrades or restores the database: one at a time, across processes. */
  private record UpgradeLock(FileChannel channel) implements AutoCloseable {
    @Override
    public void close() {
      try {
        channel.close(); // releases the lock
      } catch (IOException ignored) {
        // Closing a lock file's channel: the lock goes with the process in any case.
      } finally {
        IN_PROCESS.unlock();
      }
    }
  }

  /** In this process, one holder of an upgrade lock at a time (a second file lock in one JVM would throw). */
  private static final java.util.concurrent.locks.ReentrantLock IN_PROCESS =
      new java.util.concurrent.locks.ReentrantLock();

  /**
   * Waits for and takes the archive's upgrade lock ({@code <name>.upgrade.lock}, an empty file that stays): a second
   * process that found the same backup waits here, then finds it gone.
   */
  private UpgradeLock upgradeLock() {
    Path file = db.sibling(".upgrade.lock");
    IN_PROCESS.lock();
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        channel.lock();
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      return new UpgradeLock(channel);
    } catch (IOException | RuntimeException e) {
      IN_PROCESS.unlock();
      throw e instanceof IOException io ? new UncheckedIOException("cannot lock " + file
          + " to restore or upgrade the store: " + io.getMessage(), io) : (RuntimeException) e;
    }
  }

  /**
   * Upgrades the database with {@code migrate}, opened by this process alone, after a backup; when the upgrade
   * fails, the database is restored from the backup and the failure thrown.
   *
   * @throws EmbedwatchException when another process has the archive open, saying so and what to do
   */
  void upgrade(String password, Consumer<DataSource> migrate) {
    try (UpgradeLock ignored = upgradeLock()) {
      upgradeLocked(password, migrate);
    }
  }

  private void upgradeLocked(String password, Consumer<DataSource> migrate) {
    JdbcConnectionPool pool = alone("upgrade its schema", password);
    boolean restore = false;
    try (Connection c = pool.getConnection()) {
      backUp(c);
      restore = true;
      migrate.accept(pool);
      try (Statement s = c.createStatement()) {
        s.execute("CHECKPOINT SYNC");
      }
      Files.delete(backup());
      restore = false;
    } catch (SQLException e) {
      throw new EmbedwatchException("cannot upgrade the store at " + db.url() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot upgrade the store " + db.file() + ": " + e.getMessage(), e);
    } finally {
      pool.dispose();
      if (restore) {
        restore();
        log.warn("the upgrade of {} failed; the store was restored from the backup taken before it", db.file());
      }
    }
  }

  /** {@code BACKUP TO} a temporary file, moved to the backup's name once whole. */
  private void backUp(Connection c) throws SQLException, IOException {
    Path temp = db.sibling(BACKUP + ".tmp");
    Files.deleteIfExists(temp);
    try (PreparedStatement ps = c.prepareStatement("BACKUP TO ?")) {
      ps.setString(1, temp.toString());
      ps.execute();
    }
    force(temp);
    Files.move(temp, backup(), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Puts the backup's database file in place of the database (atomically), then deletes the backup. */
  private void restore() {
    Path restoring = db.sibling(".restoring.mv.db");
    String name = db.file().getFileName().toString();
    try (InputStream in = Files.newInputStream(backup()); ZipInputStream zip = new ZipInputStream(in)) {
      boolean found = false;
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().endsWith(".mv.db")) {
          Files.copy(zip, restoring, StandardCopyOption.REPLACE_EXISTING);
          found = true;
          break;
        }
      }
      if (!found) {
        throw new EmbedwatchException("the backup " + backup() + " holds no " + name + ": move it away and restore "
            + db.file() + " from a copy of the archive");
      }
      force(restoring);
      Files.move(restoring, db.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.delete(backup());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restore " + db.file() + " from " + backup() + " (run again; if it fails"
          + " again, copy " + backup().getFileName() + " away and restore the archive from a copy): "
          + e.getMessage(), e);
    }
  }

  /**
   * The database opened by this process alone.
   *
   * @param why what opening it alone is for, as the message says it
   * @param passwords tried in turn while the last one was wrong
   * @throws EmbedwatchException when another process has it open
   */
  private JdbcConnectionPool alone(String why, String... passwords) {
    for (int i = 0; ; i++) {
      JdbcConnectionPool pool = JdbcConnectionPool.create(db.alone().url(), USER, passwords[i]);
      try (Connection first = pool.getConnection()) {
        return pool;
      } catch (SQLException e) {
        pool.dispose();
        if (!wrongPassword(e) || i == passwords.length - 1) {
          throw aloneFailed(why, e);
        }
      }
    }
  }

  private EmbedwatchException aloneFailed(String why, SQLException e) {
    if (Database.lockError(e)) {
      return new EmbedwatchException("the store " + db.file() + " must be opened by this process alone to " + why
          + ", and another process has it open: run this command again once the other embedwatch command has"
          + " ended", e);
    }
    return new EmbedwatchException("cannot open the store " + db.file() + " to " + why + ": "
        + e.getMessage().split("\n", 2)[0], e);
  }

  /**
   * Sets {@code password} on a database that opened with H2's empty default ({@code connection} is to it), for an
   * archive made before archives had one. The password is a parameter: no statement text or message holds it.
   */
  static void setPassword(Connection connection, String password) {
    try (PreparedStatement ps = connection.prepareStatement("ALTER USER " + USER + " SET PASSWORD ?")) {
      ps.setString(1, password);
      ps.execute();
    } catch (SQLException e) {
      // The message of a failed statement may quote its parameters: the error code only.
      throw new EmbedwatchException("cannot set the store's password (H2 error " + e.getErrorCode() + ")");
    }
  }

  /** Whether {@code e} says the password was wrong. */
  static boolean wrongPassword(SQLException e) {
    return e.getErrorCode() == ErrorCode.WRONG_USER_OR_PASSWORD;
  }

  private static void force(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }
}
