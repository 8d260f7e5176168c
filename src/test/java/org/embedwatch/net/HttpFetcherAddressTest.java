package org.embedwatch.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.embedwatch.archive.HttpExchangeRecord;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.testsupport.MappedDns;
import org.embedwatch.testsupport.PageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Internal addresses are refused as the socket is about to connect, whatever name or literal leads there and on every
 * redirect hop, unless the operator routed the host or allowed the address; and credentials do not follow a redirect
 * to another origin. Names resolve through a {@link MappedDns}: nothing here asks the real DNS, and nothing is sent
 * beyond loopback (a refused address is never connected to).
 */
class HttpFetcherAddressTest {
  private static final String ADVICE = "; not fetched (allow it with net.allow-addresses)";

  @TempDir Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final List<HttpExchangeRecord> recorded = new CopyOnWriteArrayList<>();
  private final MappedDns dns = new MappedDns()
      .map("metadata.test", "169.254.169.254")
      .map("intranet.test", "10.0.0.5")
      .map("rebind.test", "127.0.0.1")
      .map("both.test", "10.0.0.7", "fd00::7");
  private final List<HttpFetcher> fetchers = new ArrayList<>();
  private PageServer pages;
  private PageServer admin;

  @BeforeEach
  void start() {
    pages = PageServer.start();
    admin = PageServer.start();
    admin.answer("/admin", 200, "text/plain", "ADMIN-SECRET");
    pages.answer("/page", 200, "text/plain", "a page");
  }

  @AfterEach
  void stop() throws IOException {
    for (HttpFetcher f : fetchers) {
      f.close();
    }
    pages.close();
    admin.close();
  }

  private HttpFetcher fetcher(String... sets) {
    List<String> all = new ArrayList<>(List.of("net.rate.default=off", "net.concurrency.default=off",
        "net.retries=0", "net.connect-timeout=PT2S", "net.read-timeout=PT5S"));
    all.addAll(List.of(sets));
    HttpFetcher f = new HttpFetcher(new SettingsLoader(work).load(Optional.empty(), all).net(), exchange -> {
      recorded.add(exchange);
      return null;
    }, clock, wait -> { }, HostLimits.ParkListener.none(), dns);
    fetchers.add(f);
    return f;
  }

  private static Fetch.Failure refused(Fetch f) {
    assertThat(f).isInstanceOf(Fetch.Failure.class);
    Fetch.Failure failure = (Fetch.Failure) f;
    assertThat(failure.kind()).as(failure.message()).isEqualTo(Fetch.Kind.REFUSED_ADDRESS);
    return failure;
  }

  @Test
  void aNameResolvingToTheMetadataAddressIsRefusedAndRecordedAsAFailedExchange() {
    Fetch f = fetcher().get(URI.create("http://metadata.test/latest/meta-data/iam/"), Map.of());

    assertThat(refused(f).message())
        .isEqualTo("metadata.test resolves to 169.254.169.254, a link-local address" + ADVICE);
    assertThat(recorded).singleElement().satisfies(x -> {
      assertThat(x.response()).isNull();
      assertThat(x.failure()).isEqualTo(((Fetch.Failure) f).message());
      assertThat(x.targetUri()).hasToString("http://metadata.test/latest/meta-data/iam/");
    });
    assertThat(dns.asked()).containsExactly("metadata.test");
  }

  @Test
  void theMetadataAddressGivenLiterallyIsRefusedBeforeConnecting() {
    Fetch f = fetcher().get(URI.create("http://169.254.169.254/latest/meta-data/"), Map.of());

    assertThat(refused(f).message()).isEqualTo("169.254.169.254 is a link-local address" + ADVICE);
  }

  @Test
  void privateAndUniqueLocalNamesAreRefused() {
    HttpFetcher http = fetcher();

    assertThat(refused(http.get(URI.create("http://intranet.test/wiki"), Map.of())).message())
        .isEqualTo("intranet.test resolves to 10.0.0.5, a private address" + ADVICE);
    assertThat(refused(http.get(URI.create("https://both.test/"), Map.of())).message())
        .as("every address of the name is refused, the last one is named")
        .isEqualTo("both.test resolves to fd00:0:0:0:0:0:0:7, a unique-local address" + ADVICE);
  }

  @Test
  void aLoopbackServerIsNotAskedUnlessItsAddressAndPortAreAllowed() {
    URI adminUrl = URI.create(admin.url("/admin"));

    assertThat(refused(fetcher().get(adminUrl, Map.of())).message())
        .isEqualTo("127.0.0.1 is a loopback address" + ADVICE);
    assertThat(refused(fetcher(pages.allowSetting()).get(adminUrl, Map.of())).message())
        .as("another port on loopback is not allowed by the page server's entry").contains("loopback");
    assertThat(fetcher("net.only-routed=true", pages.allowSetting()).get(adminUrl, Map.of()))
        .isInstanceOfSatisfying(Fetch.Failure.class, x -> assertThat(x.kind()).isEqualTo(Fetch.Kind.NOT_ROUTED));
    assertThat(admin.requested()).isEmpty();

    Fetch allowed = fetcher(admin.allowSetting()).get(adminUrl, Map.of());
    assertThat(allowed).isInstanceOfSatisfying(Fetch.Response.class, r -> assertThat(r.status()).isEqualTo(200));
    assertThat(admin.requested()).containsExactly("/admin");
  }

  @Test
  void onlyRoutedNoLongerLetsUnroutedLoopbackRequestsThrough() {
    Fetch f = fetcher("net.only-routed=true").get(URI.create(admin.url("/admin")), Map.of());

    assertThat(f).isInstanceOfSatisfying(Fetch.Failure.class,
        x -> assertThat(x.kind()).isEqualTo(Fetch.Kind.NOT_ROUTED));
    assertThat(fetcher("net.only-routed=true").get(URI.create("http://localhost:" + admin.port() + "/admin"),
        Map.of())).isInstanceOfSatisfying(Fetch.Failure.class,
        x -> assertThat(x.kind()).isEqualTo(Fetch.Kind.NOT_ROUTED));
    assertThat(admin.requested()).isEmpty();
  }

  @Test
  void ipv6LoopbackAndTheMappedFormOfIpv4LoopbackAreRefused() {
    HttpFetcher http = fetcher(admin.allowSetting().replace("127.0.0.1", "127.0.0.2"));

    assertThat(refused(http.get(URI.create("http://[::1]:" + admin.port() + "/admin"), Map.of())).message())
        .isEqualTo("[::1] is a loopback address" + ADVICE);
    assertThat(refused(http.get(URI.create("http://[::ffff:127.0.0.1]:" + admin.port() + "/admin"), Map.of()))
        .message()).isEqualTo("[::ffff:127.0.0.1] is a loopback address" + ADVICE);
    assertThat(refused(http.get(URI.create("http://[::127.0.0.1]:" + admin.port() + "/admin"), Map.of())))
        .isNotNull();
    assertThat(admin.requested()).isEmpty();
  }

  @Test
  void aNameResolvingToLoopbackIsRefusedAtConnectTimeAndAllowedOnlyByTheOperator() {
    URI url = URI.create("http://rebind.test:" + admin.port() + "/admin");

    assertThat(refused(fetcher().get(url, Map.of())).message())
        .isEqualTo("rebind.test resolves to 127.0.0.1, a loopback address" + ADVICE);
    assertThat(admin.requested()).isEmpty();

    assertThat(fetcher("net.allow-addresses=rebind.test:" + admin.port()).get(url, Map.of()))
        .isInstanceOf(Fetch.Response.class);
    assertThat(fetcher("net.allow-addresses=127.0.0.0/8").get(url, Map.of())).isInstanceOf(Fetch.Response.class);
    assertThat(admin.requested()).containsExactly("/admin", "/admin");
  }

  @Test
  void everyRedirectHopIsCheckedAgain() {
    pages.redirect("/to-admin", 302, admin.url("/admin"));
    pages.redirect("/to-metadata", 301, "http://metadata.test/latest/meta-data/");
    HttpFetcher http = fetcher(pages.allowSetting());

    Fetch toAdmin = http.get(URI.create(pages.url("/to-admin")), Map.of());
    Fetch toMetadata = http.get(URI.create(pages.url("/to-metadata")), Map.of());

    assertThat(refused(toAdmin).message()).isEqualTo("127.0.0.1 is a loopback address" + ADVICE);
    assertThat(refused(toMetadata).message()).contains("metadata.test resolves to 169.254.169.254, a link-local");
    assertThat(toAdmin.uri()).hasToString(pages.url("/to-admin"));
    assertThat(admin.requested()).isEmpty();
    assertThat(pages.requested()).containsExactly("/to-admin", "/to-metadata");
  }

  @Test
  void aRoutedRequestIsSentButTheRouteTargetAskedDirectlyIsRefusedDespiteAPooledConnection() {
    HttpFetcher http = fetcher("net.route.api.test=" + pages.url("/api"));
    pages.answer("/api/x", 200, "text/plain", "routed");

    assertThat(http.get(URI.create("https://api.test/x"), Map.of())).isInstanceOf(Fetch.Response.class);
    assertThat(refused(http.get(URI.create(pages.url("/api/x")), Map.of())).message()).contains("loopback");
    assertThat(pages.requested()).containsExactly("/api/x");
  }

  @Test
  void aUrlThatIsNotHttpIsNotSent() {
    Fetch f = fetcher().get(URI.create("file:///etc/passwd"), Map.of());

    assertThat(f).isInstanceOfSatisfying(Fetch.Failure.class,
        x -> assertThat(x.kind()).isEqualTo(Fetch.Kind.INVALID_REQUEST));
    assertThat(recorded).isEmpty();
  }

  @Test
  void credentialsDoNotFollowARedirectToAnotherHost() {
    Map<String, Map<String, String>> seen = new ConcurrentHashMap<>();
    PageServer other = PageServer.start();
    try {
      pages.behaviour("/api/start", x -> redirect(x, seen, "/next"));
      pages.behaviour("/api/next", x -> redirect(x, seen,
          "https://other.test/steal?ids=1&access_token=SEKRIT-TOKEN"));
      other.behaviour("/other/steal", x -> redirect(x, seen, null));
      HttpFetcher http = fetcher("net.route.api.test=" + pages.url("/api"),
          "net.route.other.test=" + other.url("/other"));

      Fetch f = http.get(URI.create("https://api.test/start?access_token=SEKRIT-TOKEN"),
          Map.of("Authorization", "Bearer SEKRIT-BEARER", "Cookie", "auth=SEKRIT-COOKIE",
              "Proxy-Authorization", "Basic SEKRIT-PROXY", "Accept", "application/json"));

      assertThat(f).isInstanceOfSatisfying(Fetch.Response.class, r -> assertThat(r.status()).isEqualTo(200));
      assertThat(seen.get("/api/next")).as("the same origin keeps them")
          .containsEntry("Authorization", "Bearer SEKRIT-BEARER").containsEntry("Cookie", "auth=SEKRIT-COOKIE");
      assertThat(seen.get("/other/steal")).doesNotContainKeys("Authorization", "Cookie", "Proxy-authorization")
          .containsEntry("Accept", "application/json");
      assertThat(seen.get("/other/steal").toString()).doesNotContain("SEKRIT");
      assertThat(other.requested()).singleElement().asString()
          .doesNotContain("SEKRIT").contains("access_token=");
    } finally {
      other.close();
    }
  }

  @Test
  void credentialsDoNotFollowARedirectToAnotherSchemeOrPortOfTheSameHost() {
    Map<String, Map<String, String>> seen = new ConcurrentHashMap<>();
    pages.behaviour("/api/start", x -> redirect(x, seen, "http://api.test/plain"));
    pages.behaviour("/api/plain", x -> redirect(x, seen, null));
    HttpFetcher http = fetcher("net.route.api.test=" + pages.url("/api"));

    http.get(URI.create("https://api.test/start"), Map.of("Authorization", "Bearer SEKRIT-BEARER"));

    assertThat(seen.get("/api/start")).containsKey("Authorization");
    assertThat(seen.get("/api/plain")).doesNotContainKey("Authorization");
  }

  /** Records the request's headers under its path, then answers 302 to {@code location}, or 200 when null. */
  private static void redirect(HttpExchange x, Map<String, Map<String, String>> seen, String location)
      throws IOException {
    Map<String, String> headers = new java.util.TreeMap<>();
    x.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
    seen.put(x.getRequestURI().getRawPath(), headers);
    if (location == null) {
      x.sendResponseHeaders(200, -1);
    } else {
      x.getResponseHeaders().add("Location", location);
      x.sendResponseHeaders(302, -1);
    }
  }
}
