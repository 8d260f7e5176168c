package org.embedwatch.net;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code net.route.<host>=<base-url>} table: a request for {@code https://<host>/path?q} goes to
 * {@code <base-url>/path?q} instead. Immutable.
 */
public final class Routes {
  private final Map<String, URI> bases;

  public Routes(Map<String, URI> bases) {
    this.bases = Map.copyOf(bases);
  }

  /** Where a request for {@code uri} is really sent, or empty when no route applies. */
  public Optional<URI> rewrite(URI uri) {
    if (uri.getHost() == null) {
      return Optional.empty();
    }
    URI base = bases.get(uri.getHost().toLowerCase(Locale.ROOT));
    if (base == null) {
      return Optional.empty();
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String basePath = base.getRawPath() == null ? "" : base.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return Optional.of(URI.create(base.getScheme() + "://" + base.getRawAuthority() + basePath + path + query));
  }

  /** The base URL configured for {@code host}, if any. */
  public Optional<URI> baseFor(String host) {
    return Optional.ofNullable(bases.get(host.toLowerCase(Locale.ROOT)));
  }
}
