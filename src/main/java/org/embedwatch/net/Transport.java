package org.embedwatch.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.util.Timeout;
import org.embedwatch.config.AllowedAddresses;
import org.embedwatch.config.Settings;

/**
 * The two Apache HttpClient 5 clients under {@link HttpFetcher}, each with its own connection pool, so that a
 * connection made for one is never reused for the other:
 *
 * <ul>
 *   <li>the <em>checked</em> client, for every address a page, feed, sitemap or platform named: its sockets refuse an
 *       internal address ({@link GuardedSockets}) as they connect, each redirect hop being a new request;
 *   <li>the <em>trusted</em> client, only for destinations the operator named: a {@code net.route} target, or a host
 *       name listed in {@code net.allow-addresses}.
 * </ul>
 *
 * Its pooled connections are keyed by scheme, host and port, so a pooled connection of the checked client was itself
 * checked when it connected. Thread-safe.
 */
final class Transport implements Closeable {
  private final CloseableHttpClient checked;
  private final CloseableHttpClient trusted;
  private final AllowedAddresses allowed;

  Transport(Settings.Net settings, DnsResolver dns) {
    this.allowed = settings.allowAddresses();
    this.checked = client(settings, dns, new GuardedSockets(allowed));
    this.trusted = client(settings, dns, null);
  }

  /**
   * The client for a request for {@code uri}: the trusted one when it is {@code routed} (sent to a {@code net.route}
   * target) or its host is a name the operator allowed, else the checked one.
   */
  CloseableHttpClient clientFor(URI uri, boolean routed) {
    return routed || allowed.allowsName(uri.getHost(), port(uri)) ? trusted : checked;
  }

  /**
   * Whether {@code net.allow-addresses} names {@code uri}'s host (or, for an IP literal, holds its address) and port:
   * such a request may go out without a route while {@code net.only-routed} is on.
   */
  boolean allowedWithoutRoute(URI uri) {
    return uri.getHost() != null && allowed.allowsHost(uri.getHost(), port(uri));
  }

  static int port(URI uri) {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "https".equals(uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
  }

  private static CloseableHttpClient client(Settings.Net settings, DnsResolver dns, GuardedSockets sockets) {
    ConnectionConfig connection = ConnectionConfig.custom()
        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
        .setSocketTimeout(Timeout.of(settings.readTimeout()))
        .build();
    PoolingHttpClientConnectionManagerBuilder pool = sockets == null
        ? PoolingHttpClientConnectionManagerBuilder.create()
        : new GuardedPoolBuilder(sockets);
    return HttpClients.custom()
        .setConnectionManager(pool
            .setDnsResolver(dns)
            .setDefaultConnectionConfig(connection)
            .setMaxConnTotal(32)
            .setMaxConnPerRoute(8)
            .build())
        .setDefaultRequestConfig(RequestConfig.custom()
            .setResponseTimeout(Timeout.of(settings.readTimeout()))
            .setRedirectsEnabled(false)
            .build())
        .disableContentCompression()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .evictIdleConnections(Timeout.of(30, TimeUnit.SECONDS))
        .build();
  }

  /** A pool whose connection operator makes its sockets with {@link GuardedSockets}. */
  private static final class GuardedPoolBuilder extends PoolingHttpClientConnectionManagerBuilder {
    private final GuardedSockets sockets;

    GuardedPoolBuilder(GuardedSockets sockets) {
      this.sockets = sockets;
    }

    @Override
    protected HttpClientConnectionOperator createConnectionOperator(SchemePortResolver schemePortResolver,
        DnsResolver dnsResolver, TlsSocketStrategy tlsSocketStrategy) {
      return new DefaultHttpClientConnectionOperator(sockets, schemePortResolver, dnsResolver,
          RegistryBuilder.<TlsSocketStrategy>create().register(URIScheme.HTTPS.id, tlsSocketStrategy).build());
    }
  }

  @Override
  public void close() throws IOException {
    try {
      checked.close();
    } finally {
      trusted.close();
    }
  }
}
