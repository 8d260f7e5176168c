package org.embedwatch.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request the sandbox received, as sent.
 *
 * @param method the HTTP method
 * @param path the raw request path including the host segment, e.g. {@code /cdn.syndication.twimg.com/tweet-result}
 * @param query the raw query string, or "" when none
 * @param headers the request headers, names lower-cased
 * @param receivedNanos when it was received, as {@link System#nanoTime()} (for measuring request rates)
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
    long receivedNanos) {

  public RecordedRequest {
    query = query == null ? "" : query;
    TreeMap<String, List<String>> copy = new TreeMap<>();
    headers.forEach((name, values) -> copy.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
    headers = java.util.Collections.unmodifiableMap(copy);
  }

  /** The platform host this request was routed to: the first path segment. */
  public String host() {
    int end = path.indexOf('/', 1);
    return end < 0 ? path.substring(1) : path.substring(1, end);
  }

  /** The path on that host, e.g. {@code /tweet-result}. */
  public String hostPath() {
    int end = path.indexOf('/', 1);
    return end < 0 ? "/" : path.substring(end);
  }

  /** The first value of a header (case-insensitive name). */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The first value of a query parameter, URL-decoded. */
  public Optional<String> queryParam(String name) {
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (key.equals(name)) {
        return Optional.of(eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return Optional.empty();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
