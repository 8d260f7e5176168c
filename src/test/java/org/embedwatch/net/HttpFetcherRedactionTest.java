package org.embedwatch.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.embedwatch.archive.HttpExchangeRecord;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.RecordedRequest;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.sandbox.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials are sent, but never recorded: every exchange's request headers are redacted before they reach WARC. */
class HttpFetcherRedactionTest {
  private static final Map<String, String> SECRETS = Map.of(
      "Authorization", "Bearer sekrit-bearer-value",
      "Proxy-Authorization", "Basic c2Vrcml0LXByb3h5",
      "Cookie", "auth_token=sekrit-cookie; ct0=sekrit-csrf");

  @TempDir Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final List<HttpExchangeRecord> recorded = new CopyOnWriteArrayList<>();
  private Sandbox sandbox;
  private HttpFetcher http;
  private int closedPort;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(0, Scenario.demo(), clock);
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    List<String> sets = new ArrayList<>(List.of("net.only-routed=true", "net.rate.default=off", "net.retries=0",
        "net.route.down.example=http://127.0.0.1:" + closedPort));
    sandbox.routes().forEach((k, v) -> sets.add(k + "=" + v));
    http = new HttpFetcher(new SettingsLoader(work).load(Optional.empty(), sets).net(), exchange -> {
      recorded.add(exchange);
      return null;
    }, clock, wait -> { });
  }

  @AfterEach
  void stop() throws IOException {
    http.close();
    sandbox.close();
  }

  private static Map<String, String> headers(HttpExchangeRecord exchange) {
    Map<String, String> out = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.requestHeaders().forEach(h -> out.put(h.getKey(), h.getValue()));
    return out;
  }

  @Test
  void theServerGetsTheCredentialsAndTheRecordKeepsOnlyTheirScheme() {
    Fetch fetch = http.get(URI.create("https://api.twitter.com/2/tweets?ids=20"), SECRETS);

    assertThat(fetch).isInstanceOf(Fetch.Response.class);
    RecordedRequest sent = sandbox.requests().get(sandbox.requests().size() - 1);
    assertThat(sent.header("Authorization")).hasValue("Bearer sekrit-bearer-value");
    assertThat(sent.header("Cookie")).hasValue("auth_token=sekrit-cookie; ct0=sekrit-csrf");
    assertThat(recorded).singleElement().satisfies(exchange -> {
      assertThat(headers(exchange)).containsEntry("Authorization", "Bearer [redacted]")
          .containsEntry("Proxy-Authorization", "Basic [redacted]")
          .containsEntry("Cookie", "[redacted]")
          .containsEntry("User-Agent", "Mozilla/5.0 (compatible; Embedwatch/0.1; evidence archiver)");
      assertThat(exchange.requestHeaders().toString()).doesNotContain("sekrit", "c2Vrcml0");
    });
  }

  @Test
  void streamedDownloadsAndFailedExchangesAreRedactedToo() {
    http.download(URI.create("https://pbs.twimg.com/media/FsZNOgcWAAEQtrd.jpg?name=orig"), SECRETS,
        work.resolve("photo.jpg"), 1_000_000);
    Fetch down = http.get(URI.create("https://down.example/x"), Map.of("Authorization", "token-without-scheme"));

    assertThat(down).isInstanceOf(Fetch.Failure.class);
    assertThat(recorded).hasSize(2);
    assertThat(headers(recorded.get(0))).containsEntry("Authorization", "Bearer [redacted]")
        .containsEntry("Cookie", "[redacted]");
    assertThat(recorded.get(1).failure()).isNotNull();
    assertThat(headers(recorded.get(1))).containsEntry("Authorization", "[redacted]");
  }

  @Test
  void headersWithoutCredentialsAreRecordedAsSent() {
    List<Map.Entry<String, String>> plain = List.of(Map.entry("Accept", "application/json"),
        Map.entry("X-Embedwatch-Original-Host", "api.twitter.com"));

    assertThat(RequestHeaders.redacted(plain)).isEqualTo(plain);
    assertThat(RequestHeaders.redacted(List.of(Map.entry("authorization", "OAuth oauth_consumer_key=\"k\", x=\"y\""))))
        .containsExactly(Map.entry("authorization", "OAuth [redacted]"));
  }
}
