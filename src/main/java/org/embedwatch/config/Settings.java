package org.embedwatch.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The whole validated configuration of one run. Built by {@link SettingsLoader} from a properties file plus
 * {@code --set} overrides; immutable.
 *
 * @param archiveDir where WARC files, media, article bytes and (by default) the H2 file live
 * @param store where the evidence is stored: the database's URL and login
 * @param net the HTTP stack's settings
 * @param check re-check cadence
 * @param read limits on the inputs of {@code extract} and {@code archive}
 * @param media limits on captured media files
 * @param xV1 Twitter4J credentials for the X v1.1 API, when all four are configured
 * @param xV2 the bearer token for the X v2 API, when {@code x.v2.bearer-token} is set
 * @param metaOEmbed the app access token for Meta's oEmbed endpoints (Instagram, Facebook), when configured
 * @param schedule the scheduler's settings ({@code schedule.*}, {@code daemon.*}, {@code watch.*})
 * @param alerts where new findings are delivered ({@code alert.*})
 * @param source the file the settings came from (or "built-in defaults"), for messages
 */
public record Settings(
    Path archiveDir,
    Store store,
    Net net,
    Check check,
    Read read,
    Media media,
    Optional<XV1Credentials> xV1,
    Optional<BearerToken> xV2,
    Optional<MetaOEmbedToken> metaOEmbed,
    ScheduleSettings schedule,
    AlertSettings alerts,
    String source) {

  /** These settings with {@code store} as the store. */
  public Settings withStore(Store store) {
    return new Settings(archiveDir, store, net, check, read, media, xV1, xV2, metaOEmbed, schedule, alerts, source);
  }

  /**
   * The store's database ({@code store.url}, {@code store.user}, {@code store.password} or the environment variable
   * {@code EMBEDWATCH_STORE_PASSWORD}). The URL holds no secret (the loader refuses one with a password in it), so it
   * may be shown in messages; the password never is.
   *
   * @param url the JDBC URL: {@code jdbc:h2:…} or {@code jdbc:postgresql:…}
   * @param user the database user, empty for the default ({@code sa} on H2; on PostgreSQL the driver's own default)
   * @param password the user's password, when one is given
   */
  public record Store(String url, String user, Optional<Password> password) {
    @Override
    public String toString() {
      return "Store[url=" + url + ", user=" + user + ", password=" + (password.isPresent() ? "[redacted]" : "none")
          + "]";
    }
  }

  /** The store user's password. Never written to disk or logs by us. */
  public record Password(String value) {
    @Override
    public String toString() {
      return "Password[redacted]";
    }
  }

  /**
   * Settings of the one HTTP stack.
   *
   * @param routes host → base URL: {@code https://<host>/p?q} is sent to {@code <base>/p?q}
   * @param userAgent the User-Agent sent with every request
   * @param connectTimeout connection timeout
   * @param readTimeout response (socket) timeout
   * @param maxBodyBytes a response body longer than this is cut off and recorded as truncated
   * @param warcMaxFileBytes a WARC file is closed and a new one started once it grows past this
   * @param politeness per-host rate and concurrency limits, retries and rate-limit parking
   * @param onlyRouted send requests only to hosts with a route or allowed by {@code allowAddresses}
   * @param allowAddresses internal addresses and hosts the operator allows ({@code net.allow-addresses}); every other
   *     loopback, private, link-local, … address is refused
   * @param requestDeadline the longest one request may take on the wire, its retries included; it is aborted then
   * @param minBytesPerSecond the slowest transfer accepted once an answer has started (measured over each
   *     {@code minRateWindow}); a slower one is aborted. 0: no minimum
   * @param minRateWindow the window over which the transfer rate is measured, and the grace before the first measure
   * @param maxParseBytes the most of a platform answer held in memory and read; a longer one is archived from a
   *     temporary file and not read
   */
  public record Net(
      Map<String, URI> routes,
      String userAgent,
      Duration connectTimeout,
      Duration readTimeout,
      long maxBodyBytes,
      long warcMaxFileBytes,
      Politeness politeness,
      boolean onlyRouted,
      AllowedAddresses allowAddresses,
      Duration requestDeadline,
      long minBytesPerSecond,
      Duration minRateWindow,
      long maxParseBytes) {
    public Net {
      routes = Map.copyOf(routes);
    }
  }

  /**
   * How the HTTP stack treats each host ({@code net.rate.*}, {@code net.concurrency.*}, {@code net.retries},
   * {@code net.retry-backoff}, {@code net.retry-max-wait}, {@code net.rate-limit-park}).
   *
   * @param defaultRate the request rate of a host without its own {@code net.rate.<host>}
   * @param rates host (lower case) → its rate
   * @param defaultConcurrency the most requests in flight to one host at once, 0 for no limit
   * @param concurrency host (lower case) → its concurrency limit, 0 for no limit
   * @param retries how many times a transport error or a 5xx is retried (each attempt is its own exchange)
   * @param retryBackoff the wait before the first retry; it doubles with each further retry
   * @param retryMaxWait the longest wait for a retry: a 429 or 503 whose {@code Retry-After} asks for longer is not
   *     retried
   * @param rateLimitPark how long a host is parked after a 429 that says nothing of when to come back
   * @param maxPark the longest a host is ever parked: a later Retry-After or reset, or a stored park, is cut to this
   */
  public record Politeness(
      Rate defaultRate,
      Map<String, Rate> rates,
      int defaultConcurrency,
      Map<String, Integer> concurrency,
      int retries,
      Duration retryBackoff,
      Duration retryMaxWait,
      Duration rateLimitPark,
      Duration maxPark) {
    public Politeness {
      rates = Map.copyOf(rates);
      concurrency = Map.copyOf(concurrency);
    }

    /** The rate for {@code host}. */
    public Rate rate(String host) {
      return rates.getOrDefault(host, defaultRate);
    }

    /** The concurrency limit for {@code host}, 0 for none. */
    public int concurrency(String host) {
      return concurrency.getOrDefault(host, defaultConcurrency);
    }
  }

  /**
   * At most {@code requests} requests every {@code per}, spaced evenly; {@link #off()} means no limit.
   *
   * @param requests requests per period (0 when off)
   * @param per the period (zero when off)
   */
  public record Rate(int requests, Duration per) {
    public Rate {
      if (requests < 0 || per.isNegative() || (requests == 0) != per.isZero()) {
        throw new IllegalArgumentException("bad rate " + requests + " per " + per);
      }
    }

    /** No rate limit. */
    public static Rate off() {
      return new Rate(0, Duration.ZERO);
    }

    public boolean isOff() {
      return requests == 0;
    }

    /** The least time between two requests. */
    public Duration interval() {
      return isOff() ? Duration.ZERO : per.dividedBy(requests);
    }
  }

  /**
   * Re-check settings.
   *
   * @param concurrency how many posts are checked at once (0: one thread per post, no limit); each host's own
   *     {@code net.concurrency.*} limit still holds
   * @param confirmChecks how many unavailable checks confirm that a post is unavailable
   * @param confirmSpan the least time between the first and the last of them
   * @param confirmEndpoints how many distinct endpoints must agree, where the platform has that many
   * @param refetchPhotos whether a re-check fetches a post's photos again even when its content fingerprint is
   *     unchanged, so that a picture replaced under the same URL is seen (photos only; videos are not re-fetched)
   */
  public record Check(int concurrency, int confirmChecks, Duration confirmSpan,
      int confirmEndpoints, boolean refetchPhotos) {}

  /**
   * Limits on reading inputs (articles, lists, feeds, sitemaps).
   *
   * @param maxBytes the largest input, counted after decompression (a gzip file or a gzip-encoded response), and the
   *     most characters of text taken from a PDF or DOCX
   * @param maxReferences the most references of one article {@code archive} stores and captures
   *     ({@code extract.max-references}); the others are counted and reported, not captured
   */
  public record Read(long maxBytes, int maxReferences) {
    /** The limits with the default {@code extract.max-references} (1000). */
    public Read(long maxBytes) {
      this(maxBytes, 1000);
    }
  }

  /**
   * Limits on captured media (photos, videos, GIFs), which are streamed to disk, never held whole in memory.
   *
   * @param maxBytes a media file longer than this is not stored: its WARC record is cut off there and marked
   *     {@code WARC-Truncated: length}, and its outcome is {@code too-large (limit N bytes)}
   * @param maxPerPost the most media of one post fetched ({@code media.max-per-post}); the others are stored with the
   *     outcome {@code not-fetched}
   */
  public record Media(long maxBytes, int maxPerPost) {
    /** The limits with the default {@code media.max-per-post} (20). */
    public Media(long maxBytes) {
      this(maxBytes, 20);
    }
  }

  /**
   * The app (or client) access token Meta's Graph API oEmbed endpoints require ({@code meta.oembed-token}). It is sent
   * as the {@code access_token} query parameter and redacted wherever a request is recorded or logged.
   */
  public record MetaOEmbedToken(String value) {
    public MetaOEmbedToken {
      if (value.isBlank()) {
        throw new IllegalArgumentException("an empty meta.oembed-token means none; do not build one");
      }
    }

    @Override
    public String toString() {
      return "MetaOEmbedToken[redacted]";
    }
  }

  /** OAuth 1.0a user credentials for Twitter4J. Never written to disk or logs by us. */
  public record XV1Credentials(
      String consumerKey, String consumerSecret, String accessToken, String accessTokenSecret) {
    @Override
    public String toString() {
      return "XV1Credentials[redacted]";
    }
  }

  /** An OAuth 2.0 bearer token (app-only) for the X v2 API. Never written to disk or logs by us. */
  public record BearerToken(String value) {
    public BearerToken {
      if (value.isEmpty() || value.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
        throw new IllegalArgumentException("a bearer token is one non-empty word without spaces or control"
            + " characters");
      }
    }

    @Override
    public String toString() {
      return "BearerToken[redacted]";
    }
  }
}
