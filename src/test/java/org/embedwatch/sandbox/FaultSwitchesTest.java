package org.embedwatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.embedwatch.sandbox.SandboxClient.PHOTO_ID;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's fault switches on the wire: truncated bodies, slow answers, per-host faults and random injection. */
class FaultSwitchesTest {
  private static final String TWEET = "cdn.syndication.twimg.com/tweet-result?id=" + PHOTO_ID + "&token=a";
  private static final String OEMBED = "publish.twitter.com/oembed?url=https%3A%2F%2Ftwitter.com%2FSamuelSusla"
      + "%2Fstatus%2F" + PHOTO_ID;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private Sandbox sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(0, Scenario.demo(), clock);
    client = new SandboxClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void aTruncatedAnswerPromisesTheWholeBodySendsHalfAndCloses() throws Exception {
    int full = client.get(TWEET).body().length;
    sandbox.setFault("cdn.syndication.twimg.com", Fault.truncated());

    byte[] raw = rawGet("/" + TWEET, "test");

    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int headEnd = text.indexOf("\r\n\r\n");
    assertThat(text).startsWith("HTTP/1.1 200");
    Matcher length = Pattern.compile("(?im)^content-length: *([0-9]+)").matcher(text.substring(0, headEnd));
    assertThat(length.find()).isTrue();
    int promised = Integer.parseInt(length.group(1));
    assertThat(promised).isEqualTo(full);
    assertThat(raw.length - headEnd - 4).isEqualTo(full / 2);
  }

  @Test
  void aTruncatedAnswerBreaksAnHttpClientsTransfer() {
    sandbox.setFault("cdn.syndication.twimg.com", Fault.truncated());

    assertThatThrownBy(() -> client.get(TWEET)).isInstanceOf(IOException.class);
  }

  @Test
  void aRequestWithoutUserAgentIsRefusedWhenABrowserIsRequired() throws Exception {
    assertThat(new String(rawGet("/" + TWEET, null), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");

    sandbox.setBrowserUserAgentRequired(true);

    assertThat(new String(rawGet("/" + TWEET, null), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 403");
    assertThat(sandbox.requests()).last().satisfies(r -> assertThat(r.header("User-Agent")).isEmpty());
  }

  @Test
  void aHostFaultTouchesOnlyItsHostAndWinsOverTheGlobalOne() throws Exception {
    sandbox.setFault("publish.twitter.com", Fault.status(503));

    assertThat(client.get(OEMBED).statusCode()).isEqualTo(503);
    assertThat(client.get(TWEET).statusCode()).isEqualTo(200);

    sandbox.setFault(Fault.status(429));
    assertThat(client.get(OEMBED).statusCode()).isEqualTo(503);
    assertThat(client.get(TWEET).statusCode()).isEqualTo(429);

    sandbox.setFault("publish.twitter.com", Fault.none());
    assertThat(client.get(OEMBED).statusCode()).isEqualTo(429);
  }

  @Test
  void aHostFaultWithACountClearsItself() throws Exception {
    sandbox.setFault("cdn.syndication.twimg.com", Fault.status(503).times(2));

    assertThat(List.of(client.get(TWEET).statusCode(), client.get(TWEET).statusCode(),
        client.get(TWEET).statusCode())).containsExactly(503, 503, 200);
  }

  @Test
  void anUnknownHostIsRefusedByName() {
    assertThatThrownBy(() -> sandbox.setFault("nowhere.example", Fault.truncated()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nowhere.example'")
        .hasMessageContaining("cdn.syndication.twimg.com");
  }

  @Test
  void aSlowAnswerOutlastsAShortClientTimeoutAndIsHeld() {
    sandbox.setFault("cdn.syndication.twimg.com", Fault.slow(Duration.ofMinutes(10)));

    assertThatThrownBy(() -> client.get(TWEET, Duration.ofMillis(300), SandboxClient.BROWSER_UA))
        .isInstanceOf(HttpTimeoutException.class);
    awaitHeld(1);
    sandbox.releaseHeldRequests();
  }

  @Test
  void aSlowAnswerIsTheNormalAnswerAfterTheDelay() throws Exception {
    sandbox.setFault("cdn.syndication.twimg.com", Fault.slow(Duration.ofMillis(250)));
    long before = System.nanoTime();

    HttpResponse<byte[]> response = client.get(TWEET);

    assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(SandboxClient.json(response).path("id_str").asText()).isEqualTo(PHOTO_ID);
  }

  @Test
  void closingTheSandboxEndsASlowHold() throws Exception {
    sandbox.setFault("cdn.syndication.twimg.com", Fault.slow(Duration.ofHours(1)));
    CompletableFuture<HttpResponse<byte[]>> pending = HttpClient.newHttpClient().sendAsync(
        HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/" + TWEET)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    awaitHeld(1);

    sandbox.close();

    // The hold ends at once: the request is answered or its connection dropped, long before the hour.
    assertThat(pending.handle((r, e) -> true).get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(sandbox.heldRequests()).isZero();
  }

  @Test
  void awaitingRequestsReturnsOnceTheyArriveAndSaysSoWhenTheTimeRunsOut() throws Exception {
    assertThat(sandbox.awaitRequests(1, Duration.ofMillis(20))).as("nothing was asked yet").isFalse();
    sandbox.setFault("cdn.syndication.twimg.com", Fault.slow(Duration.ofHours(1)));
    CompletableFuture<HttpResponse<byte[]>> pending = HttpClient.newHttpClient().sendAsync(
        HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/" + TWEET)).build(),
        HttpResponse.BodyHandlers.ofByteArray());

    // Received (and held, unanswered): the wait ends on arrival, not on the answer.
    assertThat(sandbox.awaitRequests(1, Duration.ofSeconds(10))).isTrue();
    assertThat(sandbox.requests()).hasSize(1);
    assertThat(sandbox.awaitRequests(2, Duration.ofMillis(20))).isFalse();
    sandbox.releaseHeldRequests();
    assertThat(pending.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void aPostsFaultIsAStatusOrATimeoutOnly() {
    assertThatThrownBy(() -> Change.flaky(Fault.truncated())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("per host");
    assertThatThrownBy(() -> Change.flaky(Fault.slow(Duration.ofSeconds(1))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void randomFaultsAreTheSameForTheSameSeedWhateverTheMapOrder() throws Exception {
    sandbox.setFault(Fault.random(42, Map.of(Fault.status(503), 0.2, Fault.status(429), 0.1)));
    List<Integer> first = statuses(120);

    try (Sandbox other = Sandbox.start(0, Scenario.demo(), clock)) {
      Map<Fault, Double> reordered = new LinkedHashMap<>();
      reordered.put(Fault.status(429), 0.1);
      reordered.put(Fault.status(503), 0.2);
      other.setFault(Fault.random(42, reordered));
      assertThat(new Statuses(new SandboxClient(other)).of(120)).isEqualTo(first);
    }
    sandbox.setFault(Fault.random(43, Map.of(Fault.status(503), 0.2, Fault.status(429), 0.1)));
    assertThat(statuses(120)).isNotEqualTo(first);
    assertThat(first).contains(200, 429, 503);
  }

  @Test
  void randomDrawsFollowTheRates() {
    Fault.Mixed mixed = (Fault.Mixed) Fault.random(42,
        Map.of(Fault.status(503), 0.2, Fault.truncated(), 0.05, Fault.slow(Duration.ofSeconds(5)), 0.01));
    Map<Fault.Kind, Integer> counts = new java.util.EnumMap<>(Fault.Kind.class);
    for (int i = 0; i < 20_000; i++) {
      counts.merge(mixed.draw("GET /cdn.syndication.twimg.com/tweet-result?id=" + i, 1).kind(), 1, Integer::sum);
    }

    assertThat(counts.get(Fault.Kind.STATUS)).isBetween(3_700, 4_300);
    assertThat(counts.get(Fault.Kind.TRUNCATED)).isBetween(850, 1_150);
    assertThat(counts.get(Fault.Kind.SLOW)).isBetween(140, 260);
    assertThat(counts.get(Fault.Kind.NONE)).isBetween(14_400, 15_400);
  }

  @Test
  void aRandomDrawDependsOnTheRequestNotOnTheOrderOfOtherRequests() {
    Fault.Mixed mixed = (Fault.Mixed) Fault.random(7, Map.of(Fault.truncated(), 0.5));
    List<Fault> forward = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      forward.add(mixed.draw("GET /h/a?i=" + i, 1));
    }
    List<Fault> backward = new ArrayList<>();
    for (int i = 50; i >= 1; i--) {
      backward.add(0, mixed.draw("GET /h/a?i=" + i, 1));
    }

    assertThat(backward).isEqualTo(forward);
    assertThat(forward).contains(Fault.truncated(), Fault.none());
    assertThat(mixed.draw("GET /h/a?i=1", 2)).isIn(Fault.truncated(), Fault.none());
  }

  @Test
  void randomRatesMustBeProbabilitiesOfPlainFaults() {
    assertThatThrownBy(() -> Fault.random(1, Map.of(Fault.status(503), 0.7, Fault.truncated(), 0.4)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 1");
    assertThatThrownBy(() -> Fault.random(1, Map.of(Fault.none(), 0.1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.random(1, Map.of(Fault.status(503).times(2), 0.1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.random(1, Map.of(Fault.status(503), 0.0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.random(1, Map.of())).isInstanceOf(IllegalArgumentException.class);
  }

  /** Spins (no sleep) until the sandbox holds {@code n} requests, for at most ten seconds. */
  private void awaitHeld(int n) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sandbox.heldRequests() != n && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(sandbox.heldRequests()).isEqualTo(n);
  }

  private List<Integer> statuses(int n) throws IOException, InterruptedException {
    return new Statuses(client).of(n);
  }

  /** The statuses of n requests for n different tweet ids (tweet-result answers {} for ids not in the scenario). */
  private record Statuses(SandboxClient client) {
    List<Integer> of(int n) throws IOException, InterruptedException {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(client.get("cdn.syndication.twimg.com/tweet-result?id=" + (1000 + i) + "&token=a").statusCode());
      }
      return out;
    }
  }

  /**
   * GETs a path over a plain socket, with {@code Connection: close} and the User-Agent given (none when null), and
   * returns every byte until the server closes the connection.
   */
  private byte[] rawGet(String path, String userAgent) throws IOException {
    try (Socket socket = new Socket(sandbox.baseUri().getHost(), sandbox.baseUri().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
          + (userAgent == null ? "" : "User-Agent: " + userAgent + "\r\n") + "\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return all.toByteArray();
    }
  }
}
