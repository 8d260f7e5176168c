package org.embedwatch.net;

import java.net.URI;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.embedwatch.archive.QuerySecrets;

/**
 * One request of a redirect chain: the address asked for and the headers sent with it. A redirect that leaves the
 * first request's origin (scheme, host or port) does not carry its credentials along: from that hop on, the
 * {@code Authorization}, {@code Proxy-Authorization} and {@code Cookie} headers are dropped, and a secret query
 * parameter ({@link QuerySecrets}) the {@code Location} repeats is sent as {@code [redacted]}. Immutable.
 */
record RedirectHop(URI origin, URI uri, Map<String, String> headers) {
  private static final Set<String> CREDENTIALS = Set.of("authorization", "proxy-authorization", "cookie");

  RedirectHop {
    Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    headers = Collections.unmodifiableMap(copy);
  }

  /** The first request of a chain. */
  static RedirectHop first(URI uri, Map<String, String> headers) {
    return new RedirectHop(uri, uri, headers);
  }

  /** The request that follows a redirect to {@code next}. */
  RedirectHop to(URI next) {
    if (sameOrigin(origin, next)) {
      return new RedirectHop(origin, next, headers);
    }
    Map<String, String> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, value) -> {
      if (!CREDENTIALS.contains(name.toLowerCase(Locale.ROOT))) {
        kept.put(name, value);
      }
    });
    return new RedirectHop(origin, QuerySecrets.redact(next), kept);
  }

  /** Whether {@code a} and {@code b} have the same scheme, host and port (a missing port being the scheme's). */
  static boolean sameOrigin(URI a, URI b) {
    return lower(a.getScheme()).equals(lower(b.getScheme())) && lower(a.getHost()).equals(lower(b.getHost()))
        && Transport.port(a) == Transport.port(b);
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
