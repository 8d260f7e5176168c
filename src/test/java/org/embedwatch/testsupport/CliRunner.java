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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.client5.http.DnsResolver;
import org.embedwatch.cli.Main;
import org.embedwatch.config.Settings;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.store.Database;
import picocli.CommandLine;

/**
 * Runs the real CLI in-process ({@code Main.commandLine}) in a working directory, with the archive under it and every
 * route pointing at a sandbox, capturing stdout, stderr and the exit code. The store is the archive's default H2 file,
 * or, when {@code -D}{@value PostgresServer#PROPERTY} names a PostgreSQL server, a fresh database of this runner's own
 * on it, created on first use and dropped by {@link #close()}.
 */
public final class CliRunner implements AutoCloseable {
  private final Path workDir;
  private final Clock clock;
  private final Map<String, String> routes;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final Optional<PostgresServer> postgres = PostgresServer.configured();
  private String postgresDatabase;
  private final List<String> allowed = new CopyOnWriteArrayList<>();
  private volatile DnsResolver dns = new MappedDns();

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

  /**
   * Lets the CLI fetch from {@code server} directly (not through a route): adds exactly its address and port,
   * {@code 127.0.0.1:<port>}, to {@code net.allow-addresses} for every later command. Nothing else on loopback is
   * allowed.
   */
  public CliRunner allow(PageServer server) {
    allowed.add(server.allowEntry());
    return this;
  }

  /**
   * Resolves host names with {@code resolver} in every later command. By default a {@link MappedDns} with no names:
   * the CLI never asks the real DNS.
   */
  public CliRunner resolveWith(DnsResolver resolver) {
    this.dns = resolver;
    return this;
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
      if (!k.equals("net.allow-addresses")) {
        all.add("--set");
        all.add(k + "=" + v);
      }
    });
    List<String> allow = new ArrayList<>(allowed);
    Optional.ofNullable(routes.get("net.allow-addresses")).filter(v -> !v.isBlank()).ifPresent(allow::add);
    if (!allow.isEmpty()) {
      all.add("--set");
      all.add("net.allow-addresses=" + String.join(",", allow));
    }
    if (postgres.isPresent()) {
      Settings.Store store = store();
      all.addAll(List.of("--set", "store.url=" + store.url(), "--set", "store.user=" + store.user()));
      store.password().ifPresent(p -> all.addAll(List.of("--set", "store.password=" + p.value())));
    }
    return all;
  }

  /** Runs {@code embedwatch <args>} with {@code stdin} as standard input. */
  public Run runWithStdin(byte[] stdin, String... args) {
    List<String> all = settingArgs();
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine(new Main(workDir, clock, new ByteArrayInputStream(stdin), waits::add, dns));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  /** The store the CLI runs with: the archive's H2 file, or this runner's database on the PostgreSQL server. */
  public synchronized Settings.Store store() {
    if (postgres.isEmpty()) {
      return new Settings.Store(SettingsLoader.defaultDatabaseUrl(archiveDir()), "", Optional.empty());
    }
    if (postgresDatabase == null) {
      postgresDatabase = postgres.get().createDatabase();
    }
    return postgres.get().store(postgresDatabase);
  }

  /**
   * The {@code store.*} settings a CLI in another process needs to use this runner's store: none for the archive's H2
   * file, the URL, user and password of this runner's database on the PostgreSQL server otherwise.
   */
  public Map<String, String> storeSettings() {
    Map<String, String> out = new java.util.TreeMap<>();
    if (postgres.isPresent()) {
      Settings.Store store = store();
      out.put("store.url", store.url());
      out.put("store.user", store.user());
      store.password().ifPresent(p -> out.put("store.password", p.value()));
    }
    return out;
  }

  /**
   * Opens the existing archive as {@code check} does (same settings, clock and name resolution; waits only
   * recorded), for tests that drive the application layer, such as the scheduler's tasks, without the CLI.
   */
  public org.embedwatch.App openApp() {
    List<String> overrides = new ArrayList<>();
    List<String> args = settingArgs();
    for (int i = 1; i < args.size(); i += 2) {
      overrides.add(args.get(i));
    }
    Settings settings = new SettingsLoader(workDir, Map.of()).load(Optional.empty(), overrides);
    return org.embedwatch.App.open(settings, clock, waits::add, dns);
  }

  /** Opens the store the CLI runs with (migrated), for assertions on what was stored. */
  public Database database() {
    return Database.open(store());
  }

  /** Drops this runner's PostgreSQL database, if it made one. */
  @Override
  public synchronized void close() {
    if (postgresDatabase != null) {
      postgres.orElseThrow().dropDatabase(postgresDatabase);
      postgresDatabase = null;
    }
  }

  /**
   * Runs a query and returns each row as a column-name → value map (names lower-cased), with values that compare
   * alike on H2 and PostgreSQL: binary columns as {@code byte[]}, times with a time zone as {@link OffsetDateTime} in
   * UTC.
   */
  public List<Map<String, Object>> query(String sql, Object... params) {
    try (Database db = database()) {
      return db.inTransaction(c -> rows(c, sql, params));
    }
  }

  /** Whether the store is the archive's H2 file ({@code embedwatch.mv.db} under {@link #archiveDir()}). */
  public boolean storesInArchiveDir() {
    return postgres.isEmpty();
  }

  /**
   * Every value of every row of every table in the store, as text (bytes as ISO-8859-1), on either database: what a
   * test searches for a secret that must be stored nowhere.
   */
  public String storedText() {
    try (Database db = database()) {
      return db.inTransaction(c -> {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> table : rows(c, "select table_name from information_schema.tables"
            + " where table_schema = current_schema")) {
          for (Map<String, Object> row : rows(c, "select * from \"" + table.get("table_name") + "\"")) {
            row.forEach((column, v) -> out.append(column).append('=').append(v instanceof byte[] b
                ? new String(b, java.nio.charset.StandardCharsets.ISO_8859_1) : v).append('\n'));
          }
        }
        return out.toString();
      });
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
            } else if (v instanceof java.sql.Timestamp || v instanceof OffsetDateTime) {
              v = rs.getObject(i, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
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
