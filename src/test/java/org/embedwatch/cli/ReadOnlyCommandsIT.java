package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} and {@code report} open the archive read-only: they change no row, and without a usable archive
 * they, like {@code check}, fail with one line naming the place and what to run, creating nothing.
 */
class ReadOnlyCommandsIT {
  private static final String NO_ARCHIVE = "(no embedwatch.mv.db): run 'embedwatch archive <input>' first,"
      + " or point --set archive.dir=… at an existing archive";

  @TempDir Path work;
  private SandboxedCli env;
  private CliRunner cli;

  @BeforeEach
  void start() throws IOException {
    env = SandboxedCli.start(work, Map.of());
    cli = env.cli();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private String databaseUrl() {
    return SettingsLoader.defaultDatabaseUrl(cli.archiveDir());
  }

  @Test
  void withoutAnArchiveStatusReportAndCheckFailNamingThePlaceAndCreateNothing() {
    // About the archive's H2 file (the PostgreSQL pass stores in a database of the server instead).
    assumeTrue(cli.storesInArchiveDir());
    for (List<String> args : List.of(List.of("status"), List.of("status", Articles.PHOTO_POST), List.of("report"),
        List.of("check"), List.of("resolve"))) {
      CliRunner.Run run = cli.run(args.toArray(String[]::new));

      assertThat(run.exit()).as(args + ": " + run.err()).isEqualTo(CliErrorHandler.OPERATIONAL);
      assertThat(run.out()).as(args.toString()).isEmpty();
      assertThat(run.err()).as(args.toString())
          .isEqualTo("error: no archive at " + cli.archiveDir() + " " + NO_ARCHIVE + System.lineSeparator());
    }
    assertThat(cli.archiveDir()).as("nothing created, not even the directory").doesNotExist();
  }

  @Test
  void aDatabaseWithoutTheSchemaIsNoArchiveAndIsLeftAsItIs() throws SQLException {
    // About the archive's H2 file (the PostgreSQL pass stores in a database of the server instead).
    assumeTrue(cli.storesInArchiveDir());
    try (Connection c = DriverManager.getConnection(databaseUrl(), "sa", "")) {
      c.createStatement().execute("create table unrelated(id int)");
    }

    CliRunner.Run status = cli.run("status");
    CliRunner.Run check = cli.run("check");

    for (CliRunner.Run run : List.of(status, check)) {
      assertThat(run.exit()).isEqualTo(CliErrorHandler.OPERATIONAL);
      assertThat(run.err()).isEqualTo("error: no archive at " + cli.archiveDir() + " (embedwatch.mv.db holds no"
          + " Embedwatch schema): run 'embedwatch archive <input>' first, or point --set archive.dir=… at an existing"
          + " archive" + System.lineSeparator());
    }
    try (Connection c = DriverManager.getConnection(databaseUrl(), "sa", "")) {
      assertThat(c.getMetaData().getTables(null, "PUBLIC", "%", null).next()).isTrue();
      assertThat(c.getMetaData().getTables(null, "PUBLIC", "flyway_schema_history", null).next())
          .as("not migrated").isFalse();
    }
  }

  @Test
  void anOlderSchemaIsNamedWithTheCommandThatUpgradesItAndStatusLeavesItOlder() {
    // About the archive's H2 file (the PostgreSQL pass stores in a database of the server instead).
    assumeTrue(cli.storesInArchiveDir());
    Flyway.configure().dataSource(databaseUrl(), "sa", "").locations("classpath:org/embedwatch/store/migration")
        .target("13").load().migrate();

    CliRunner.Run status = cli.run("status");
    CliRunner.Run report = cli.run("report");

    for (CliRunner.Run run : List.of(status, report)) {
      assertThat(run.exit()).isEqualTo(CliErrorHandler.OPERATIONAL);
      assertThat(run.err()).isEqualTo("error: the archive at " + cli.archiveDir() + " has schema version 13, older"
          + " than this Embedwatch's " + newestMigration() + ": run 'embedwatch check' once to upgrade it ('archive'"
          + " and 'resolve' upgrade it too; 'status' and 'report' never change an archive)" + System.lineSeparator());
    }
    CliRunner.Run check = cli.run("check");
    assertThat(check.exit()).as(check.err()).isZero();
    assertThat(check.out().strip()).isEqualTo("checked 0 posts: 0 flagged, 0 with an unreachable endpoint");
    CliRunner.Run after = cli.run("status");
    assertThat(after.exit()).as(after.err()).isZero();
    assertThat(after.out().strip()).isEqualTo("0 posts");
  }

  @Test
  void statusAndReportChangeNoRowNotEvenAParkThatHasRunOut() throws IOException {
    Path article = Files.writeString(work.resolve("two.html"), Articles.twoEmbeds());
    env.sandbox().setFault("cdn.syndication.twimg.com", Fault.retryAfter(Duration.ofMinutes(10)));
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    assertThat(cli.query("select host, parked_until from host_park")).extracting(r -> r.get("host") + " "
        + ((OffsetDateTime) r.get("parked_until")).toInstant())
        .containsExactly("cdn.syndication.twimg.com " + Instant.parse("2026-03-01T10:10:00Z"));
    Map<String, List<Map<String, Object>>> before = everyRow();
    // An hour later the park has run out: App.close used to write only the parks still running, erasing this one.
    env.clock().advance(Duration.ofHours(1));

    List<CliRunner.Run> runs = List.of(cli.run("status"), cli.run("status", Articles.PHOTO_POST),
        cli.run("report"), cli.run("report", "--format", "json"),
        cli.run("report", "--format", "csv", "--out", work.resolve("report.csv").toString()));

    assertThat(runs).allSatisfy(run -> assertThat(run.exit()).as(run.err()).isZero());
    assertThat(runs.get(0).out()).contains("2 posts");
    assertThat(everyRow()).isEqualTo(before);
  }

  /** Every row of every table of the archive, table by table. */
  private Map<String, List<Map<String, Object>>> everyRow() {
    Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
    for (Map<String, Object> table : cli.query("select table_name from information_schema.tables"
        + " where lower(table_schema) = 'public' order by table_name")) {
      String name = (String) table.get("table_name");
      List<Map<String, Object>> content = cli.query("select * from \"" + name + "\" order by 1");
      rows.put(name.toLowerCase(java.util.Locale.ROOT), content.stream().map(ReadOnlyCommandsIT::comparable).toList());
    }
    assertThat(rows).containsKeys("post", "observation", "host_park");
    return rows;
  }

  /** The row with byte arrays as lists, so that two reads of one row are equal. */
  private static Map<String, Object> comparable(Map<String, Object> row) {
    Map<String, Object> out = new LinkedHashMap<>();
    row.forEach((k, v) -> out.put(k, v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v));
    return out;
  }

  /** The newest migration's version on the classpath: what this Embedwatch migrates an archive to. */
  private static int newestMigration() {
    return java.util.Arrays.stream(Flyway.configure().dataSource("jdbc:h2:mem:versions", "sa", "")
            .locations("classpath:org/embedwatch/store/migration").load().info().all())
        .mapToInt(m -> Integer.parseInt(m.getVersion().getVersion().split("\\.")[0])).max().orElseThrow();
  }
}
