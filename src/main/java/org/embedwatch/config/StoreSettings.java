package org.embedwatch.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/** The {@code store.*} settings: which database holds the evidence, and how to log in to it. */
final class StoreSettings {
  private static final Pattern POSTGRESQL_URL =
      Pattern.compile("jdbc:postgresql://[^/?#\\s]+/[^/?#\\s]+(\\?\\S*)?");
  private static final Pattern SECRET_IN_URL = Pattern.compile("(?i)password|//[^/@]*:[^/@]*@");

  private StoreSettings() {}

  /**
   * {@code store.url} (empty: the H2 file in {@code archiveDir}), {@code store.user}, and the password from
   * {@code store.password} or else the environment variable {@value SettingsLoader#PASSWORD_VARIABLE}. A URL with a
   * password in it is refused, so that the URL can be shown in messages; no message quotes the password.
   */
  static Settings.Store read(Properties p, Path archiveDir, Map<String, String> environment, String source) {
    String url = p.getProperty("store.url", "").trim();
    if (url.isEmpty()) {
      String unsafe = unsafeInUrl(archiveDir.toAbsolutePath().toString());
      if (unsafe != null) {
        throw new ConfigException("archive.dir=" + p.getProperty("archive.dir", "").trim() + " in " + source
            + " contains " + unsafe + ", which the store's database URL cannot hold: choose a directory whose path"
            + " has no ';', no control character and does not start with '~'");
      }
      url = defaultDatabaseUrl(archiveDir);
    } else if (SECRET_IN_URL.matcher(url).find()) {
      throw new ConfigException("store.url in " + source + " contains a password: give it in store.password or the"
          + " environment variable " + SettingsLoader.PASSWORD_VARIABLE + " instead, and the user in store.user");
    } else if (url.startsWith("jdbc:postgresql:") && !POSTGRESQL_URL.matcher(url).matches()) {
      throw new ConfigException("store.url=" + url + " in " + source + " is not a PostgreSQL JDBC URL (write it as"
          + " jdbc:postgresql://host:port/database)");
    } else if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
      throw new ConfigException("store.url=" + url + " in " + source + " is not supported: write"
          + " jdbc:postgresql://host:port/database for PostgreSQL or jdbc:h2:file:/path/to/db for H2, or leave it"
          + " empty for the H2 file in archive.dir");
    }
    String user = p.getProperty("store.user", "").trim();
    String password = p.getProperty("store.password", "");
    if (password.isEmpty()) {
      password = environment.getOrDefault(SettingsLoader.PASSWORD_VARIABLE, "");
    }
    return new Settings.Store(url, user,
        password.isEmpty() ? Optional.empty() : Optional.of(new Settings.Password(password)));
  }

  /**
   * The default H2 file database inside {@code archiveDir} ({@code embedwatch.mv.db}), in H2's automatic mixed mode:
   * the first process to open it serves it to the others over a local TCP port (the address and a random key are in
   * {@code embedwatch.lock.db}), so that {@code status} or a second {@code check} can run next to a running
   * {@code archive}. When that process exits, another one takes over (H2 reconnects: AUTO_SERVER implies
   * AUTO_RECONNECT). Every commit is written to the file before it returns ({@code WRITE_DELAY=0}; H2 would wait up
   * to half a second by default), so that what a command reports as stored survives a kill.
   *
   * @throws ConfigException when the directory's path holds what H2 would read as a setting of the URL (a {@code ;})
   */
  static String defaultDatabaseUrl(Path archiveDir) {
    String file = archiveDir.toAbsolutePath().resolve("embedwatch").toString();
    String unsafe = unsafeInUrl(file);
    if (unsafe != null) {
      throw new ConfigException("archive.dir " + archiveDir + " contains " + unsafe + ", which the store's database"
          + " URL cannot hold: choose a directory whose path has no ';', no control character and does not start"
          + " with '~'");
    }
    return "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;QUERY_CACHE_SIZE=64;WRITE_DELAY=0";
  }

  /**
   * What in {@code path} H2 would not read as part of a file name in a URL, or null: a {@code ;} starts the URL's
   * settings ({@code ;INIT=} would run SQL), a control character has no place in it, and a leading {@code ~} is the
   * home directory.
   */
  private static String unsafeInUrl(String path) {
    if (path.indexOf(';') >= 0) {
      return "';'";
    }
    if (path.chars().anyMatch(Character::isISOControl)) {
      return "a control character";
    }
    return path.startsWith("~") ? "a leading '~'" : null;
  }
}
