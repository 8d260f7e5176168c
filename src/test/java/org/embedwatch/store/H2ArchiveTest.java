package org.embedwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.stream.Stream;
import org.embedwatch.EmbedwatchException;
import org.embedwatch.config.Settings;
import org.embedwatch.config.SettingsLoader;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive's own H2 file: its password, durable commits, and making and upgrading it safely (review-reliability
 * H2 credentials, H3, H4), on real files.
 */
class H2ArchiveTest {
  @TempDir Path work;

  private Settings.Store store(Path dir) {
    return new Settings.Store(SettingsLoader.defaultDatabaseUrl(dir), "", Optional.empty());
  }

  @Test
  void aNewArchiveHasAPasswordOnlyItsOwnerReadsAndDurableCommits() throws Exception {
    Path dir = work.resolve("archive");
    Settings.Store store = store(dir);

    try (Database db = Database.open(store)) {
      assertThat(db.<String>inTransaction(c -> setting(c, "WRITE_DELAY"))).as("every commit written at once").isEqualTo("0");
    }

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("nothing of the making left: no temporary database, no backup")
          .containsExactlyInAnyOrder("embedwatch.mv.db", ".store-password");
    }
    Path password = dir.resolve(".store-password");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password))).isEqualTo("rw-------");
    assertThat(Files.readString(password).strip()).hasSize(32).matches("[A-Za-z0-9]+");
    assertThatThrownBy(() -> DriverManager.getConnection(store.url(), "sa", "").close())
        .as("H2's default login no longer opens it").isInstanceOf(SQLException.class)
        .hasMessageContaining("Wrong user name or password");
    try (Database again = Database.openExisting(store); Database reading = Database.openForReading(store)) {
      assertThat(reading.<Long>inTransaction(c -> count(c, "select count(*) from \"flyway_schema_history\""))).isPositive();
    }
  }

  @Test
  void anArchiveMadeWithoutAPasswordGetsOneAtItsFirstWritableOpenAndNotWhenRead() throws Exception {
    Path dir = work.resolve("archive");
    Settings.Store store = store(dir);
    Flyway.configure().dataSource(store.url(), "sa", "").locations(SchemaVersion.MIGRATIONS).load().migrate();

    Database.openForReading(store).close();
    assertThat(dir.resolve(".store-password")).as("reading changes nothing").doesNotExist();

    Database.openExisting(store).close();

    assertThat(dir.resolve(".store-password")).exists();
    assertThatThrownBy(() -> DriverManager.getConnection(store.url(), "sa", "").close())
        .isInstanceOf(SQLException.class);
    Database.openForReading(store).close();
  }

  @Test
  void anUpgradeStoppedHalfWayIsRestoredFromItsBackupAndRunAgainKeepingTheData() throws Exception {
    Path dir = work.resolve("archive");
    Settings.Store store = store(dir);
    Flyway.configure().dataSource(store.url(), "sa", "").locations(SchemaVersion.MIGRATIONS).target("10").load()
        .migrate();
    try (Connection c = DriverManager.getConnection(store.url(), "sa", ""); Statement s = c.createStatement()) {
      s.execute("insert into article(input, first_seen) values ('kept.html', current_timestamp)");
      // What an upgrade killed in V11 leaves: its backup, and the first of V11's three statements applied (H2
      // commits DDL at once), which Flyway alone can never get past ("Duplicate column name DHASH").
      s.execute("BACKUP TO '" + dir.resolve("embedwatch.upgrade-backup.zip") + "'");
      s.execute("alter table media add column dhash bigint");
    }
    Path withoutBackup = work.resolve("without-backup");
    Files.createDirectories(withoutBackup);
    Files.copy(dir.resolve("embedwatch.mv.db"), withoutBackup.resolve("embedwatch.mv.db"));

    try (Database db = Database.openExisting(store)) {
      assertThat(db.<Long>inTransaction(c -> count(c, "select count(*) from article where input = 'kept.html'")))
          .isEqualTo(1);
      assertThat(db.<Long>inTransaction(c -> count(c, "select count(*) from \"flyway_schema_history\" where not \"success\"")))
          .isZero();
      assertThat(db.<Long>inTransaction(c -> count(c, "select count(*) from \"flyway_schema_history\" where \"version\" = '15'")))
          .isEqualTo(1);
    }
    assertThat(dir.resolve("embedwatch.upgrade-backup.zip")).doesNotExist();

    // Without its backup the same archive cannot be upgraded: what the backup is for. The message says what failed,
    // and blames no other process.
    assertThatThrownBy(() -> Database.openExisting(store(withoutBackup)))
        .isInstanceOf(EmbedwatchException.class)
        .hasMessageStartingWith("cannot migrate the store at ")
        .hasMessageContaining("DHASH")
        .hasMessageNotContaining("another embedwatch process");
  }

  @Test
  void twoStartsAtOnceOnAStoppedUpgradeRestoreItOnceAndKeepTheData() throws Exception {
    for (int round = 0; round < 3; round++) {
      Path dir = work.resolve("together-" + round);
      Settings.Store store = store(dir);
      Flyway.configure().dataSource(store.url(), "sa", "").locations(SchemaVersion.MIGRATIONS).target("10").load()
          .migrate();
      try (Connection c = DriverManager.getConnection(store.url(), "sa", ""); Statement s = c.createStatement()) {
        s.execute("insert into article(input, first_seen) values ('kept.html', current_timestamp)");
        // A password already set, as on an archive made by this version: the starts race on the restore only.
        s.execute("alter user sa set password 'pw-of-this-archive'");
        s.execute("BACKUP TO '" + dir.resolve("embedwatch.upgrade-backup.zip") + "'");
        s.execute("alter table media add column dhash bigint");
      }
      Files.writeString(dir.resolve(".store-password"), "pw-of-this-archive\n");
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
      java.util.List<java.util.concurrent.Future<Long>> starts = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        starts.add(two.submit(() -> {
          go.await();
          try (Database db = Database.openExisting(store)) {
            return db.<Long>inTransaction(c -> count(c, "select count(*) from article where input = 'kept.html'"));
          }
        }));
      }
      go.countDown();
      int opened = 0;
      for (java.util.concurrent.Future<Long> start : starts) {
        try {
          assertThat(start.get()).isEqualTo(1);
          opened++;
        } catch (java.util.concurrent.ExecutionException e) {
          // The one that came second may find the first still holding the archive for its upgrade: it says so.
          assertThat(e.getCause()).isInstanceOf(EmbedwatchException.class)
              .hasMessageContaining("another process has it open");
        }
      }
      two.shutdown();
      assertThat(opened).as("round %d", round).isPositive();
      assertThat(dir.resolve("embedwatch.upgrade-backup.zip")).doesNotExist();
      try (Database db = Database.openExisting(store)) {
        assertThat(db.<Long>inTransaction(c -> count(c, "select count(*) from article where input = 'kept.html'")))
            .isEqualTo(1);
      }
    }
  }

  @Test
  void anUpgradeWhileAnotherProcessHasTheArchiveOpenIsRefusedSayingSoAndChangesNothing() throws Exception {
    Path dir = work.resolve("archive");
    Settings.Store store = store(dir);
    Flyway.configure().dataSource(store.url(), "sa", "").locations(SchemaVersion.MIGRATIONS).target("13").load()
        .migrate();
    // Another process with the archive open: H2's shell in a child JVM, which serves the file to this one.
    Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), "org.h2.tools.Shell", "-url", store.url(), "-user", "sa", "-password",
        "").redirectErrorStream(true).start();
    try (var toShell = new java.io.PrintWriter(other.getOutputStream(), true);
        var fromShell = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream()))) {
      toShell.println("select count(*) from \"flyway_schema_history\";");
      for (String line = fromShell.readLine(); line != null && !line.contains("(1 row"); line = fromShell.readLine()) {
        // The shell has the archive open once it answered.
      }

      assertThatThrownBy(() -> Database.openExisting(store))
          .isInstanceOf(EmbedwatchException.class)
          .hasMessage("the store " + dir.resolve("embedwatch.mv.db") + " must be opened by this process alone to"
              + " upgrade its schema, and another process has it open: run this command again once the other"
              + " embedwatch command has ended");
    } finally {
      other.destroyForcibly();
      other.waitFor();
    }
    assertThat(dir.resolve("embedwatch.upgrade-backup.zip")).doesNotExist();
    try (Database reading = Database.openExisting(store)) {
      assertThat(reading.<Long>inTransaction(c -> count(c, "select count(*) from \"flyway_schema_history\" where"
          + " \"version\" = '15'"))).as("upgraded once alone").isEqualTo(1);
    }
  }

  @Test
  void readingAnArchiveWhoseUpgradeWasStoppedSaysWhatToRun() throws Exception {
    Path dir = work.resolve("archive");
    Settings.Store store = store(dir);
    Database.open(store).close();
    Files.writeString(dir.resolve("embedwatch.upgrade-backup.zip"), "");

    assertThatThrownBy(() -> Database.openForReading(store))
        .isInstanceOf(EmbedwatchException.class)
        .hasMessage("an upgrade of the store " + dir.resolve("embedwatch.mv.db") + " was stopped before it ended"
            + " (embedwatch.upgrade-backup.zip is there): run 'embedwatch check' once to restore it from that"
            + " backup and upgrade it again");
  }

  @Test
  void whatAKilledMakerOfANewArchiveLeftIsDeletedAndTheArchiveMade() throws Exception {
    Path dir = work.resolve("archive");
    Files.createDirectories(dir);
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path leftover = dir.resolve("embedwatch.new-" + gone.pid() + "-0123456789ab.mv.db");
    Files.write(leftover, new byte[] {1, 2, 3}); // half a database: killed while migrating

    try (Database db = Database.open(store(dir))) {
      assertThat(db.<Long>inTransaction(c -> count(c, "select count(*) from \"flyway_schema_history\" where not \"success\"")))
          .isZero();
    }

    assertThat(leftover).doesNotExist();
  }

  private static String setting(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "select setting_value from information_schema.settings where setting_name = '" + name + "'")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
