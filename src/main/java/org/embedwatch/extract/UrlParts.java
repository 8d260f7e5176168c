package org.embedwatch.extract;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * An absolute (or scheme-less) web address split by hand into host, path, query and fragment: cheaper than a regex or
 * {@link java.net.URI} per link, and lenient where pages are sloppy. Never throws.
 *
 * @param host lower case, without port
 * @param path from the first {@code /} up to {@code ?} or {@code #}; empty when the address has none
 * @param query without the {@code ?}; empty when absent
 * @param fragment without the {@code #}; empty when absent
 */
record UrlParts(String host, String path, String query, String fragment) {

  /** Longer strings are no link anyone typed or a CMS wrote; they are not parsed at all. */
  static final int MAX_LENGTH = 4_000;

  /** The parts of {@code url}, or empty when it has no plausible host ({@code a.b}, letters, digits, dots, dashes). */
  static Optional<UrlParts> parse(String url) {
    if (url == null || url.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String rest = withoutScheme(url.strip());
    int hostEnd = hostEnd(rest, 0);
    String authority = hostEnd < 0 ? rest : rest.substring(0, hostEnd);
    int colon = authority.indexOf(':');
    String host = (colon >= 0 ? authority.substring(0, colon) : authority).toLowerCase(Locale.ROOT);
    if (!plausibleHost(host)) {
      return Optional.empty();
    }
    String tail = hostEnd < 0 ? "" : rest.substring(hostEnd);
    int hash = tail.indexOf('#');
    String fragment = hash < 0 ? "" : tail.substring(hash + 1);
    String beforeHash = hash < 0 ? tail : tail.substring(0, hash);
    int question = beforeHash.indexOf('?');
    String path = question < 0 ? beforeHash : beforeHash.substring(0, question);
    String query = question < 0 ? "" : beforeHash.substring(question + 1);
    return Optional.of(new UrlParts(host, path, query, fragment));
  }

  /** Whether the host is {@code domain} itself or one of its subdomains. */
  boolean hostIs(String domain) {
    return host.equals(domain) || (host.endsWith(domain) && host.charAt(host.length() - domain.length() - 1) == '.');
  }

  /**
   * The first value of query parameter {@code name}, percent-decoded, or empty. Tolerates {@code &amp;} left in text
   * that was never entity-decoded.
   */
  Optional<String> parameter(String name) {
    int start = 0;
    while (start <= query.length()) {
      int end = query.indexOf('&', start);
      if (end < 0) {
        end = query.length();
      }
      String pair = query.substring(start, end);
      if (pair.startsWith("amp;")) {
        pair = pair.substring(4);
      }
      if (pair.startsWith(name + "=")) {
        return Optional.of(decode(pair.substring(name.length() + 1)));
      }
      start = end + 1;
    }
    return Optional.empty();
  }

  /** {@code value} percent-decoded once ({@code +} kept); the value itself when it has a malformed escape. */
  static String decode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    try {
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException ignored) {
      // A stray "%" is text, not an escape: keep the value as the page wrote it.
      return value;
    }
  }

  /** {@code url} without a leading {@code https://}, {@code http://} or {@code //}. */
  static String withoutScheme(String url) {
    if (url.regionMatches(true, 0, "https://", 0, 8)) {
      return url.substring(8);
    }
    if (url.regionMatches(true, 0, "http://", 0, 7)) {
      return url.substring(7);
    }
    if (url.startsWith("//")) {
      return url.substring(2);
    }
    return url;
  }

  private static boolean plausibleHost(String host) {
    int dot = host.lastIndexOf('.');
    if (dot <= 0 || dot == host.length() - 1 || host.length() > 253) {
      return false;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** The index of the first {@code /}, {@code ?} or {@code #} at or after {@code from}, or -1: where a host ends. */
  static int hostEnd(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        return i;
      }
    }
    return -1;
  }
}
