package org.embedwatch.archive;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The query parameters that carry secrets ({@code access_token}, which Meta's Graph API takes in the query), and the
 * redaction of their values: a URI as recorded in WARC, logged or stored shows {@code access_token=[redacted]}.
 */
public final class QuerySecrets {
  /** Names of the query parameters whose values are secrets, compared case-insensitively after decoding. */
  public static final Set<String> NAMES = Set.of("access_token");
  /** What a secret value is replaced with. */
  public static final String REDACTED = "[redacted]";

  private QuerySecrets() {}

  /** {@code uri} with the value of every secret query parameter replaced by {@link #REDACTED}; else {@code uri}. */
  public static URI redact(URI uri) {
    String query = uri.getRawQuery();
    if (query == null || query.isEmpty()) {
      return uri;
    }
    List<String> pairs = new ArrayList<>();
    boolean changed = false;
    for (String pair : query.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (isSecret(name)) {
        pairs.add(name + "=" + REDACTED);
        changed = true;
      } else {
        pairs.add(pair);
      }
    }
    if (!changed) {
      return uri;
    }
    String s = uri.toString();
    int start = s.indexOf('?');
    int fragment = s.indexOf('#', start);
    return URI.create(s.substring(0, start + 1) + String.join("&", pairs)
        + (fragment < 0 ? "" : s.substring(fragment)));
  }

  /**
   * {@code text} (an error message about a request to {@code uri}) with every secret value of {@code uri}'s query,
   * raw or decoded, replaced by {@link #REDACTED}: a transport library may quote the address it failed on.
   */
  public static String scrub(String text, URI uri) {
    String query = uri.getRawQuery();
    if (text == null || query == null) {
      return text;
    }
    String out = text;
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && eq < pair.length() - 1 && isSecret(pair.substring(0, eq))) {
        String raw = pair.substring(eq + 1);
        out = out.replace(raw, REDACTED).replace(decoded(raw), REDACTED);
      }
    }
    return out;
  }

  private static boolean isSecret(String rawName) {
    return NAMES.contains(decoded(rawName).toLowerCase(Locale.ROOT));
  }

  /** The percent-decoded form, or {@code raw} itself when it is not validly encoded. */
  private static String decoded(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notEncoded) {
      return raw;
    }
  }
}
