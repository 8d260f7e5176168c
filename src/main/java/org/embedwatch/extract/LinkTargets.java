package org.embedwatch.extract;

import java.net.MalformedURLException;
import java.net.URL;

/**
 * Resolves the link targets of one page against its base URI (after any {@code <base href>}) without jsoup's {@code
 * absUrl}, which walks up the page to find the base and builds URL objects per link: pages have hundreds of links, and
 * may nest them thousands deep. One instance per scan.
 */
final class LinkTargets {

  /** {@code https://host:port} of the base, or null when the base is no absolute http(s) URL. */
  private final String origin;
  private final URL base;

  LinkTargets(String baseUri) {
    URL parsed = null;
    String originOf = null;
    int scheme = baseUri == null ? -1 : baseUri.indexOf("://");
    if (scheme > 0 && baseUri.regionMatches(true, 0, "http", 0, 4)) {
      int end = UrlParts.hostEnd(baseUri, scheme + 3);
      originOf = end < 0 ? baseUri : baseUri.substring(0, end);
      try {
        parsed = new URL(baseUri);
      } catch (MalformedURLException ignored) {
        // A base the JDK cannot read resolves root-relative links only.
      }
    }
    this.origin = originOf;
    this.base = parsed;
  }

  /** Targets of markup found inside the page (embeds in attributes, scripts): taken as written. */
  static LinkTargets none() {
    return new LinkTargets(null);
  }

  /**
   * Where {@code href} points: as written when absolute (any scheme) or when there is no base to resolve against;
   * resolved when relative; null when it points nowhere a post can be (empty, a fragment, unresolvable).
   */
  String resolve(String href) {
    String raw = href.strip();
    if (raw.isEmpty() || raw.charAt(0) == '#') {
      return null;
    }
    int colon = raw.indexOf(':');
    int pathStart = UrlParts.hostEnd(raw, 0);
    boolean absolute = colon >= 0 && (pathStart < 0 || pathStart > colon);
    if (absolute || raw.startsWith("//") || origin == null || raw.regionMatches(true, 0, "http%3a", 0, 7)
        || raw.regionMatches(true, 0, "https%3a", 0, 8)) {
      return raw;
    }
    if (raw.charAt(0) == '/') {
      return origin + raw;
    }
    if (base == null) {
      return raw;
    }
    try {
      return new URL(base, raw).toString();
    } catch (MalformedURLException ignored) {
      // An href the JDK cannot resolve is no post URL either.
      return null;
    }
  }
}
