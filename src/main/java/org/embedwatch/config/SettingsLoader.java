package org.embedwatch.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads {@link Settings}: the built-in defaults, then the configuration file ({@code --config FILE}, else
 * {@code config/embedwatch.properties} in the working directory when present), then {@code --set key=value}
 * overrides. Every key is validated; an unknown key is an error, not silently ignored.
 */
public final class SettingsLoader {
  static final String DEFAULT_FILE = "config/embedwatch.properties";
  private static final String ROUTE_PREFIX = "net.route.";
  private static final Set<String> KEYS = Set.of(
      "archive.dir", "store.url", "net.user-agent", "net.connect-timeout", "net.read-timeout",
      "net.max-body-bytes", "warc.max-file-bytes", "check.interval", "read.max-bytes", "x.v1.consumer-key",
      "x.v1.consumer-secret", "x.v1.access-token", "x.v1.access-token-secret");

  private final Path workingDir;

  public SettingsLoader(Path workingDir) {
    this.workingDir = workingDir;
  }

  /**
   * Loads settings.
   *
   * @param configFile the file given with {@code --config}, or empty for the default file
   * @param overrides {@code key=value} strings given with {@code --set}
   * @throws ConfigException naming the file or key and what to do
   */
  public Settings load(Optional<Path> configFile, List<String> overrides) {
    Properties props = builtInDefaults();
    String source = "built-in defaults";
    Path file = configFile.orElse(workingDir.resolve(DEFAULT_FILE));
    if (configFile.isPresent() || Files.isRegularFile(file)) {
      props.putAll(readFile(file));
      source = file.toString();
    }
    for (String override : overrides) {
      int eq = override.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("bad --set '" + override + "': write it as key=value");
      }
      props.setProperty(override.substring(0, eq).trim(), override.substring(eq + 1).trim());
    }
    return build(props, source);
  }

  private static Properties builtInDefaults() {
    Properties p = new Properties();
    try (InputStream in = SettingsLoader.class.getResourceAsStream("defaults.properties")) {
      if (in == null) {
        throw new IllegalStateException("defaults.properties missing from the jar");
      }
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read built-in defaults", e);
    }
    return p;
  }

  private static Properties readFile(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      throw new ConfigException("configuration file " + file + " does not exist (check the --config path)", e);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
    }
    return p;
  }

  private Settings build(Properties p, String source) {
    Map<String, URI> routes = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith(ROUTE_PREFIX)) {
        String host = key.substring(ROUTE_PREFIX.length()).toLowerCase(Locale.ROOT);
        String value = p.getProperty(key).trim();
        if (!value.isEmpty()) {
          routes.put(host, routeBase(key, value, source));
        }
      } else if (!KEYS.contains(key)) {
        throw new ConfigException("unknown configuration key '" + key + "' in " + source
            + " (known keys: " + new java.util.TreeSet<>(KEYS) + " and net.route.<host>)");
      }
    }
    Path archiveDir = workingDir.resolve(require(p, "archive.dir", source));
    String dbUrl = p.getProperty("store.url", "").trim();
    if (dbUrl.isEmpty()) {
      dbUrl = defaultDatabaseUrl(archiveDir);
    }
    Settings.Net net = new Settings.Net(
        routes,
        require(p, "net.user-agent", source),
        duration(p, "net.connect-timeout", source),
        duration(p, "net.read-timeout", source),
        positiveLong(p, "net.max-body-bytes", source),
        positiveLong(p, "warc.max-file-bytes", source));
    Settings.Check check = new Settings.Check(duration(p, "check.interval", source));
    Settings.Read read = new Settings.Read(positiveLong(p, "read.max-bytes", source));
    return new Settings(archiveDir, dbUrl, net, check, read, credentials(p, source), source);
  }

  /** The default H2 file database inside {@code archiveDir}. */
  public static String defaultDatabaseUrl(Path archiveDir) {
    return "jdbc:h2:file:" + archiveDir.toAbsolutePath().resolve("embedwatch") + ";AUTO_SERVER=FALSE";
  }

  private static Optional<Settings.XV1Credentials> credentials(Properties p, String source) {
    String ck = p.getProperty("x.v1.consumer-key", "").trim();
    String cs = p.getProperty("x.v1.consumer-secret", "").trim();
    String at = p.getProperty("x.v1.access-token", "").trim();
    String ats = p.getProperty("x.v1.access-token-secret", "").trim();
    int given = (ck.isEmpty() ? 0 : 1) + (cs.isEmpty() ? 0 : 1) + (at.isEmpty() ? 0 : 1) + (ats.isEmpty() ? 0 : 1);
    if (given == 0) {
      return Optional.empty();
    }
    if (given < 4) {
      throw new ConfigException("incomplete X v1.1 credentials in " + source
          + ": set all four x.v1.consumer-key, x.v1.consumer-secret, x.v1.access-token, x.v1.access-token-secret,"
          + " or none");
    }
    return Optional.of(new Settings.XV1Credentials(ck, cs, at, ats));
  }

  private static URI routeBase(String key, String value, String source) {
    try {
      URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new ConfigException(key + "=" + value + " in " + source + " is not an http(s) base URL"
            + " (write it as http://host:port or http://host:port/prefix)");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(key + "=" + value + " in " + source + " is not a URL: " + e.getMessage(), e);
    }
  }

  private static String require(Properties p, String key, String source) {
    String v = p.getProperty(key, "").trim();
    if (v.isEmpty()) {
      throw new ConfigException("configuration key '" + key + "' is empty in " + source + "; give it a value");
    }
    return v;
  }

  private static Duration duration(Properties p, String key, String source) {
    String v = require(p, key, source);
    try {
      Duration d = Duration.parse(v);
      if (d.isNegative() || d.isZero()) {
        throw new ConfigException(key + "=" + v + " in " + source + " must be positive");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new ConfigException(key + "=" + v + " in " + source
          + " is not an ISO-8601 duration (write e.g. PT30S, PT6H, P1D)", e);
    }
  }

  private static long positiveLong(Properties p, String key, String source) {
    String v = require(p, key, source);
    try {
      long n = Long.parseLong(v);
      if (n <= 0) {
        throw new ConfigException(key + "=" + v + " in " + source + " must be a positive number of bytes");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException(key + "=" + v + " in " + source + " is not a whole number of bytes", e);
    }
  }
}
