package org.embedwatch.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.config.Settings;

/**
 * The PostgreSQL server the tests store on instead of H2, when the system property {@value #PROPERTY} gives one: the
 * JDBC URL of a database on it that the user may connect to, with the user (and password, if any) as parameters, e.g.
 * {@code jdbc:postgresql://127.0.0.1:54329/postgres?user=embedwatch}. The user needs CREATEDB: each test store is a
 * fresh database {@code ew_<random>} on that server.
 *
 * @param serverUrl the URL up to the database name ({@code jdbc:postgresql://host:port/})
 * @param adminDatabase the database named in the property, connected to for creating and dropping
 * @param parameters the URL's other parameters ({@code ?…}, or empty), kept on every database's URL
 */
public record PostgresServer(String serverUrl, String adminDatabase, String parameters, String user,
    Optional<String> password) {
  /** The system property that names the server; unset or empty: the tests store on H2. */
  public static final String PROPERTY = "embedwatch.test.postgres";
  private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]+/)([^/?]+)(?:\\?(.*))?");

  /** The server {@value #PROPERTY} names, if it is set. */
  public static Optional<PostgresServer> configured() {
    String url = System.getProperty(PROPERTY, "").trim();
    return url.isEmpty() ? Optional.empty() : Optional.of(parse(url));
  }

  static PostgresServer parse(String url) {
    Matcher m = URL.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("-D" + PROPERTY + "=" + url + " is not jdbc:postgresql://host:port/database"
          + "?user=name");
    }
    String user = "";
    String password = null;
    List<String> kept = new ArrayList<>();
    for (String p : m.group(3) == null ? new String[0] : m.group(3).split("&")) {
      String key = p.contains("=") ? p.substring(0, p.indexOf('=')).toLowerCase(Locale.ROOT) : p;
      String value = p.substring(p.indexOf('=') + 1);
      switch (key) {
        case "user" -> user = value;
        case "password" -> password = value;
        default -> kept.add(p);
      }
    }
    return new PostgresServer(m.group(1), m.group(2), kept.isEmpty() ? "" : "?" + String.join("&", kept), user,
        Optional.ofNullable(password));
  }

  /** The URL of {@code database} on this server (no user or password in it). */
  public String url(String database) {
    return serverUrl + database + parameters;
  }

  /** The store settings for {@code database} on this server. */
  public Settings.Store store(String database) {
    return new Settings.Store(url(database), user, password.map(Settings.Password::new));
  }

  /** Creates a new empty database and returns its name. */
  public String createDatabase() {
    String name = "ew_" + UUID.randomUUID().toString().replace("-", "");
    admin("create database " + name);
    return name;
  }

  /**
   * Drops {@code database}. Its users must have closed their connections (PostgreSQL waits a few seconds for the
   * backends to end); FORCE is not used, since it needs pg_signal_backend to end an autovacuum worker.
   */
  public void dropDatabase(String database) {
    admin("drop database if exists " + database);
  }

  private void admin(String sql) {
    try (Connection c = DriverManager.getConnection(url(adminDatabase), user, password.orElse(null));
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "' on " + url(adminDatabase) + " as " + user + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "PostgresServer[" + url(adminDatabase) + ", user=" + user + "]";
  }
}
