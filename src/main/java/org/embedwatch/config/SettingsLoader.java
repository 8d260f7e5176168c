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
  private static final String RATE_PREFIX = "net.rate.";
  private static final String CONCURRENCY_PREFIX = "net.concurrency.";
  private static final String DEFAULT_HOST = "default";
  /** The largest {@code net.max-body-bytes}: a body is read into one array. */
  static final long MAX_BODY_BYTES = 1L << 30;
  private static final java.util.regex.Pattern RATE =
      java.util.regex.Pattern.compile("([0-9]{1,9})\\s*/\\s*(s|min|h)");
  private static final Set<String> KEYS = Set.of(
      "archive.dir", "store.url", "store.user", "store.password", "net.user-agent", "net.connect-timeout", "net.read-timeout",
      "net.retries", "net.retry-backoff", "net.retry-max-wait", "net.rate-limit-park",
      "net.max-body-bytes", "net.only-routed", "net.allow-addresses", "net.request-deadline", "net.min-bytes-per-second",
      "net.min-rate-window", "net.max-park", "net.max-parse-bytes", "warc.max-file-bytes", "check.concurrency", "check.confirm-checks", "check.confirm-span",
      "check.confirm-endpoints", "check.refetch-photos", "read.max-bytes", "media.max-bytes",
      "media.max-per-post", "extract.max-references",
      "x.v1.consumer-key",
      "x.v1.consumer-secret", "x.v1.access-token", "x.v1.access-token-secret", "x.v2.bearer-token",
      "meta.oembed-token");

  private static java.util.SortedSet<String> knownKeys() {
    java.util.SortedSet<String> all = new java.util.TreeSet<>(KEYS);
    all.addAll(ScheduleSettings.KEYS);
    all.addAll(AlertSettings.KEYS);
    return all;
  }

  /** The environment variable that gives the store user's password when {@code store.password} is empty. */
  public static final String PASSWORD_VARIABLE = "EMBEDWATCH_STORE_PASSWORD";

  private final Path workingDir;
  private final Map<String, String> environment;

  /** A loader in {@code workingDir} that reads this process's environment. */
  public SettingsLoader(Path workingDir) {
    this(workingDir, System.getenv());
  }

  /** A loader in {@code workingDir} that reads {@code environment} instead of this process's environment. */
  public SettingsLoader(Path workingDir, Map<String, String> environment) {
    this.workingDir = workingDir;
    this.environment = Map.copyOf(environment);
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
        throw new ConfigException("bad --set '" + SecretKeys.shown(override) + "': write it as key=value");
      }
      props.setProperty(override.substring(0, eq).trim(), override.substring(eq + 1).trim());
    }
    try {
      return build(props, source);
    } catch (ConfigException e) {
      throw SecretKeys.redacted(e, props);
    }
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
    Map<String, Settings.Rate> rates = new TreeMap<>();
    Map<String, Integer> concurrency = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith(RATE_PREFIX) && key.length() > RATE_PREFIX.length()) {
        rates.put(key.substring(RATE_PREFIX.length()).toLowerCase(Locale.ROOT), rate(p, key, source));
      } else if (key.startsWith(CONCURRENCY_PREFIX) && key.length() > CONCURRENCY_PREFIX.length()) {
        concurrency.put(key.substring(CONCURRENCY_PREFIX.length()).toLowerCase(Locale.ROOT),
            concurrencyLimit(p, key, source));
      } else if (key.startsWith(ROUTE_PREFIX)) {
        String host = key.substring(ROUTE_PREFIX.length()).toLowerCase(Locale.ROOT);
        String value = p.getProperty(key).trim();
        if (!value.isEmpty()) {
          routes.put(host, routeBase(key, value, source));
        }
      } else if (!KEYS.contains(key) && !ScheduleSettings.KEYS.contains(key) && !AlertSettings.KEYS.contains(key)) {
        throw new ConfigException("unknown configuration key '" + SecretKeys.shown(key) + "' in " + source
            + " (known keys: " + knownKeys()
            + ", net.route.<host>, net.rate.default, net.rate.<host>, net.concurrency.default and"
            + " net.concurrency.<host>)");
      }
    }
    Path archiveDir = workingDir.resolve(require(p, "archive.dir", source));
    Settings.Store store = StoreSettings.read(p, archiveDir, environment, source);
    Settings.Net net = new Settings.Net(
        routes,
        require(p, "net.user-agent", source),
        duration(p, "net.connect-timeout", source),
        duration(p, "net.read-timeout", source),
        bytesAtMost(p, "net.max-body-bytes", MAX_BODY_BYTES, source),
        positiveLong(p, "warc.max-file-bytes", source),
        politeness(p, rates, concurrency, source),
        bool(p, "net.only-routed", source),
        allowAddresses(p, source),
        duration(p, "net.request-deadline", source),
        bytesPerSecond(p, "net.min-bytes-per-second", source),
        duration(p, "net.min-rate-window", source),
        bytesAtMost(p, "net.max-parse-bytes", MAX_BODY_BYTES, source));
    Settings.Check check = new Settings.Check(
        concurrencyLimit(p, "check.concurrency", source), count(p, "check.confirm-checks", 1, 100, source),
        duration(p, "check.confirm-span", source), count(p, "check.confirm-endpoints", 1, 10, source),
        bool(p, "check.refetch-photos", source));
    Settings.Read read = new Settings.Read(positiveLong(p, "read.max-bytes", source),
        count(p, "extract.max-references", 1, 1_000_000, source));
    Settings.Media media = new Settings.Media(positiveLong(p, "media.max-bytes", source),
        count(p, "media.max-per-post", 0, 10_000, source));
    return new Settings(archiveDir, store, net, check, read, media, credentials(p, source), bearerToken(p, source),
        metaToken(p, source), ScheduleSettings.read(p, source), AlertSettings.read(p, source), source);
  }

  private static AllowedAddresses allowAddresses(Properties p, String source) {
    try {
      return AllowedAddresses.parse(p.getProperty("net.allow-addresses", ""));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("net.allow-addresses in " + source + ": " + e.getMessage(), e);
    }
  }

  static boolean bool(Properties p, String key, String source) {
    String value = p.getProperty(key, "false").trim();
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new ConfigException(key + "=" + value + " in " + source + " must be true or false");
  }

  private static Settings.Politeness politeness(Properties p, Map<String, Settings.Rate> rates,
      Map<String, Integer> concurrency, String source) {
    Settings.Rate defaultRate = rates.remove(DEFAULT_HOST);
    Integer defaultConcurrency = concurrency.remove(DEFAULT_HOST);
    if (defaultRate == null || defaultConcurrency == null) {
      throw new ConfigException("net.rate.default and net.concurrency.default must be set in " + source);
    }
    String retries = require(p, "net.retries", source);
    int n;
    try {
      n = Integer.parseInt(retries);
    } catch (NumberFormatException e) {
      throw new ConfigException("net.retries=" + retries + " in " + source + " is not a whole number", e);
    }
    if (n < 0 || n > 10) {
      throw new ConfigException("net.retries=" + retries + " in " + source + " must be between 0 and 10");
    }
    return new Settings.Politeness(defaultRate, rates, defaultConcurrency, concurrency, n,
        duration(p, "net.retry-backoff", source), duration(p, "net.retry-max-wait", source),
        duration(p, "net.rate-limit-park", source), duration(p, "net.max-park", source));
  }

  /** {@code off}, or {@code N/s}, {@code N/min}, {@code N/h} with N ≥ 1. */
  private static Settings.Rate rate(Properties p, String key, String source) {
    String v = require(p, key, source).toLowerCase(Locale.ROOT);
    if (v.equals("off")) {
      return Settings.Rate.off();
    }
    java.util.regex.Matcher m = RATE.matcher(v);
    if (!m.matches() || Integer.parseInt(m.group(1)) == 0) {
      throw new ConfigException(key + "=" + v + " in " + source
          + " is not a rate (write e.g. 1/s, 30/min, 900/h, or off for no limit)");
    }
    Duration per = switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(1);
      case "min" -> Duration.ofMinutes(1);
      default -> Duration.ofHours(1);
    };
    return new Settings.Rate(Integer.parseInt(m.group(1)), per);
  }

  /** A whole number between {@code min} and {@code max}. */
  static int count(Properties p, String key, int min, int max, String source) {
    String v = require(p, key, source);
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(key + "=" + v + " in " + source + " must be a whole number from " + min + " to " + max);
  }

  /** {@code off} (0: no limit) or a positive number of requests in flight. */
  private static int concurrencyLimit(Properties p, String key, String source) {
    String v = require(p, key, source).toLowerCase(Locale.ROOT);
    if (v.equals("off")) {
      return 0;
    }
    try {
      int n = Integer.parseInt(v);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(key + "=" + v + " in " + source
        + " is not a concurrency limit (write a positive number of requests, or off for no limit)");
  }

  /**
   * The default H2 file database inside {@code archiveDir}: see {@link StoreSettings#defaultDatabaseUrl}.
   *
   * @throws ConfigException when the directory's path holds what H2 would read as a setting of the URL (a {@code ;})
   */
  public static String defaultDatabaseUrl(Path archiveDir) {
    return StoreSettings.defaultDatabaseUrl(archiveDir);
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

  /** {@code x.v2.bearer-token}, when set. Its value is never quoted in a message. */
  private static Optional<Settings.BearerToken> bearerToken(Properties p, String source) {
    String token = p.getProperty("x.v2.bearer-token", "").trim();
    if (token.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Settings.BearerToken(token));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("x.v2.bearer-token in " + source + " contains spaces or control characters: give"
          + " the App's bearer token exactly as the X developer portal shows it (one word), or leave it empty", e);
    }
  }

  /** {@code meta.oembed-token}: empty for none, else visible ASCII only. The message never quotes the value. */
  private static Optional<Settings.MetaOEmbedToken> metaToken(Properties p, String source) {
    String token = p.getProperty("meta.oembed-token", "").trim();
    if (token.isEmpty()) {
      return Optional.empty();
    }
    if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new ConfigException("meta.oembed-token in " + source + " is not an access token: it has spaces or"
          + " characters outside visible ASCII (give the app token as APP_ID|APP_SECRET, or the client token as"
          + " APP_ID|CLIENT_TOKEN)");
    }
    return Optional.of(new Settings.MetaOEmbedToken(token));
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

  static String require(Properties p, String key, String source) {
    String v = p.getProperty(key, "").trim();
    if (v.isEmpty()) {
      throw new ConfigException("configuration key '" + key + "' is empty in " + source + "; give it a value");
    }
    return v;
  }

  static Duration duration(Properties p, String key, String source) {
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

  /** {@link #positiveLong} no larger than {@code max}. */
  private static long bytesAtMost(Properties p, String key, long max, String source) {
    long n = positiveLong(p, key, source);
    if (n > max) {
      throw new ConfigException(key + "=" + n + " in " + source + " is above the maximum of " + max
          + " bytes (a body is held in memory)");
    }
    return n;
  }

  /** A transfer rate in bytes per second: a whole number, 0 or {@code off} for no minimum. */
  private static long bytesPerSecond(Properties p, String key, String source) {
    String v = require(p, key, source);
    if (v.equalsIgnoreCase("off")) {
      return 0;
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new ConfigException(key + "=" + v + " in " + source + " must be 0 or more bytes per second");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException(key + "=" + v + " in " + source
          + " is not a whole number of bytes per second (or off)", e);
    }
  }

  static long positiveLong(Properties p, String key, String source) {
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
