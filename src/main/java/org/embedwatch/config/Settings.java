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
 * @param databaseUrl the JDBC URL of the store
 * @param net the HTTP stack's settings
 * @param check re-check cadence
 * @param read limits on the inputs of {@code extract} and {@code archive}
 * @param xV1 Twitter4J credentials for the X v1.1 API, when all four are configured
 * @param source the file the settings came from (or "built-in defaults"), for messages
 */
public record Settings(
    Path archiveDir,
    String databaseUrl,
    Net net,
    Check check,
    Read read,
    Optional<XV1Credentials> xV1,
    String source) {

  /**
   * Settings of the one HTTP stack.
   *
   * @param routes host → base URL: {@code https://<host>/p?q} is sent to {@code <base>/p?q}
   * @param userAgent the User-Agent sent with every request
   * @param connectTimeout connection timeout
   * @param readTimeout response (socket) timeout
   * @param maxBodyBytes a response body longer than this is cut off and recorded as truncated
   * @param warcMaxFileBytes a WARC file is closed and a new one started once it grows past this
   */
  public record Net(
      Map<String, URI> routes,
      String userAgent,
      Duration connectTimeout,
      Duration readTimeout,
      long maxBodyBytes,
      long warcMaxFileBytes) {
    public Net {
      routes = Map.copyOf(routes);
    }
  }

  /**
   * Re-check settings.
   *
   * @param interval a post is due for a re-check this long after its last check
   */
  public record Check(Duration interval) {}

  /**
   * Limits on reading inputs (articles, lists, feeds, sitemaps).
   *
   * @param maxBytes the largest input, counted after decompression (a gzip file or a gzip-encoded response), and the
   *     most characters of text taken from a PDF or DOCX
   */
  public record Read(long maxBytes) {}

  /** OAuth 1.0a user credentials for Twitter4J. Never written to disk or logs by us. */
  public record XV1Credentials(
      String consumerKey, String consumerSecret, String accessToken, String accessTokenSecret) {
    @Override
    public String toString() {
      return "XV1Credentials[redacted]";
    }
  }
}
