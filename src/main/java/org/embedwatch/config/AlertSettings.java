package org.embedwatch.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where new findings are delivered ({@code alert.*}), and how often and how persistently.
 *
 * @param interval how often a daemon delivers what is due ({@code alert.interval})
 * @param webhook the HTTP webhook, when {@code alert.webhook.url} is set
 * @param atomFile the Atom feed file as configured ({@code alert.atom.file}; relative to the archive directory), when
 *     set
 * @param atomEntries how many of the newest alerts the feed holds ({@code alert.atom.entries})
 * @param retryFirst the wait before a failed delivery is tried again ({@code alert.retry-first}), doubled at each
 *     failure in a row
 * @param retryMax the longest such wait ({@code alert.retry-max})
 * @param maxAttempts how many attempts a delivery gets before it is given up ({@code alert.max-attempts})
 * @param backfill whether a sink seen for the first time also gets the alerts recorded before ({@code alert.backfill})
 */
public record AlertSettings(Duration interval, Optional<Webhook> webhook, Optional<Path> atomFile, int atomEntries,
    Duration retryFirst, Duration retryMax, int maxAttempts, boolean backfill) {
  /** The keys read here. */
  static final Set<String> KEYS = Set.of("alert.interval", "alert.webhook.url", "alert.webhook.secret",
      "alert.webhook.timeout", "alert.atom.file", "alert.atom.entries", "alert.retry-first", "alert.retry-max",
      "alert.max-attempts", "alert.backfill");
  /** The shortest webhook secret accepted: an HMAC key shorter than this is guessable. */
  static final int MIN_SECRET_LENGTH = 16;

  /**
   * The webhook sink. Its URL is the operator's choice (it may be a private address) and may carry credentials in its
   * user info or query: {@link #shownUrl()} is what messages show.
   *
   * @param url where each alert is POSTed
   * @param secret the HMAC-SHA256 key of the signature header
   * @param timeout the bound on connecting and on the whole exchange ({@code alert.webhook.timeout})
   */
  public record Webhook(URI url, Secret secret, Duration timeout) {
    /** The URL without user info and with its query replaced by {@code ?…}: safe to print and log. */
    public String shownUrl() {
      return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
          + (url.getRawPath() == null ? "" : url.getRawPath()) + (url.getRawQuery() == null ? "" : "?…");
    }

    @Override
    public String toString() {
      return "Webhook[url=" + shownUrl() + ", secret=[redacted], timeout=" + timeout + "]";
    }
  }

  /** The webhook secret. Never printed, logged or stored. */
  public record Secret(String value) {
    @Override
    public String toString() {
      return "Secret[redacted]";
    }
  }

  /** Whether any sink is configured. */
  public boolean anySink() {
    return webhook.isPresent() || atomFile.isPresent();
  }

  static AlertSettings read(Properties p, String source) {
    Duration retryFirst = SettingsLoader.duration(p, "alert.retry-first", source);
    Duration retryMax = SettingsLoader.duration(p, "alert.retry-max", source);
    if (retryMax.compareTo(retryFirst) < 0) {
      throw new ConfigException("alert.retry-max=" + retryMax + " in " + source + " is shorter than alert.retry-first="
          + retryFirst + " (make alert.retry-max at least as long)");
    }
    return new AlertSettings(SettingsLoader.duration(p, "alert.interval", source), webhook(p, source),
        atomFile(p, source), SettingsLoader.count(p, "alert.atom.entries", 1, 10_000, source), retryFirst, retryMax,
        SettingsLoader.count(p, "alert.max-attempts", 1, 1_000, source),
        SettingsLoader.bool(p, "alert.backfill", source));
  }

  private static Optional<Webhook> webhook(Properties p, String source) {
    String url = p.getProperty("alert.webhook.url", "").trim();
    String secret = p.getProperty("alert.webhook.secret", "").trim();
    if (url.isEmpty()) {
      if (!secret.isEmpty()) {
        throw new ConfigException("alert.webhook.secret is set in " + source + " but alert.webhook.url is empty"
            + " (set alert.webhook.url to the receiver's address, or leave both empty)");
      }
      return Optional.empty();
    }
    // The URL may carry credentials (user info, a token in the query): no message quotes it.
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ConfigException("alert.webhook.url in " + source + " is not a URL (write it as"
          + " https://host[:port]/path)");
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new ConfigException("alert.webhook.url in " + source + " is not an http(s) URL with a host (write it as"
          + " https://host[:port]/path)");
    }
    if (secret.isEmpty()) {
      throw new ConfigException("alert.webhook.url is set in " + source + " but alert.webhook.secret is empty (set"
          + " alert.webhook.secret to a random string of at least " + MIN_SECRET_LENGTH + " characters, shared with"
          + " the receiver, which checks X-Embedwatch-Signature with it)");
    }
    if (secret.length() < MIN_SECRET_LENGTH || !secret.chars().allMatch(c -> c > 0x20 && c != 0x7f)) {
      throw new ConfigException("alert.webhook.secret in " + source + " is too weak or malformed (give at least "
          + MIN_SECRET_LENGTH + " characters without spaces or control characters, e.g. from"
          + " 'openssl rand -hex 32')");
    }
    return Optional.of(new Webhook(uri, new Secret(secret), SettingsLoader.duration(p, "alert.webhook.timeout",
        source)));
  }

  private static Optional<Path> atomFile(Properties p, String source) {
    String file = p.getProperty("alert.atom.file", "").trim();
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      Path path = Path.of(file);
      if (path.getFileName() == null) {
        throw new ConfigException("alert.atom.file=" + file + " in " + source + " names no file (give a file path,"
            + " e.g. alerts.atom)");
      }
      return Optional.of(path);
    } catch (InvalidPathException e) {
      throw new ConfigException("alert.atom.file=" + file + " in " + source + " is not a path: " + e.getReason(), e);
    }
  }
}
