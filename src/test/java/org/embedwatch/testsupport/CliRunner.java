package org.embedwatch.testsupport;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.embedwatch.cli.Main;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.store.Database;
import picocli.CommandLine;

/**
 * Runs the real CLI in-process ({@code Main.commandLine}) in a working directory, with the archive under it and every
 * route pointing at a sandbox, capturing stdout, stderr and the exit code.
 */
public final class CliRunner {
  private final Path workDir;
  private final Clock clock;
  private final Map<String, String> routes;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  public CliRunner(Path workDir, Clock clock, Map<String, String> routes) {
    this.workDir = workDir;
    this.clock = clock;
    this.routes = Map.copyOf(routes);
  }

  /**
   * Every wait the HTTP stack asked for so far (rate-limit spacing, retry backoff), oldest first. Nothing sleeps:
   * the waits are only recorded, and the clock moves only when the test moves it.
   */
  public List<Duration> waits() {
    return List.copyOf(waits);
  }

  /** The result of one command. */
  public record Run(int exit, String out, String err) {}

  public Path archiveDir() {
    return workDir.resolve("archive");
  }

  /** Runs {@code embedwatch <args>} with {@code archive.dir} and the routes set, and nothing on stdin. */
  public Run run(String... args) {
    return runWithStdin(new byte[0], args);
  }

  /** The working directory commands run in: the archive is {@code archive/} under it. */
  public Path workDir() {
    return workDir;
  }

  /**
   * The {@code --set} options every command gets: {@code archive.dir}, {@code net.only-routed=true} and each route
   * or setting given to this runner.
   */
  public List<String> settingArgs() {
    List<String> all = new ArrayList<>();
    all.add("--set");
    all.add("archive.dir=" + archiveDir());
    // Nothing a test runs may leave the machine: a host without a route to the sandbox is refused, not asked.
    all.add("--set");
    all.add("net.only-routed=true");
    routes.forEach((k, v) -> {
      all.add("--set");
      all.add(k + "=" + v);
    });
    return all;
  }

  /** Runs {@code embedwatch <args>} with {@code stdin} as standard input. */
  public Run runWithStdin(byte[] stdin, String... args) {
    List<String> all = settingArgs();
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine(new Main(workDir, clock, new ByteArrayInputStream(stdin), waits::add));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  /** Opens the archive's database (migrated), for assertions on what was stored. */
  public Database database() {
    return Database.open(SettingsLoader.defaultDatabaseUrl(archiveDir()));
  }

  /** Runs a query and returns each row as a column-name → value map (names lower-cased). */
  public List<Map<String, Object>> query(String sql, Object... params) {
    try (Database db = database()) {
      return db.inTransaction(c -> rows(c, sql, params));
    }
  }

  private static List<Map<String, Object>> rows(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      List<Map<String, Object>> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Map<String, Object> row = new HashMap<>();
          for (int i = 1; i <= n; i++) {
            Object v = rs.getObject(i);
            if (v instanceof java.sql.Blob blob) {
              v = blob.getBytes(1, (int) blob.length());
            }
            row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), v);
          }
          out.add(row);
        }
      }
      return out;
    }
  }
}
