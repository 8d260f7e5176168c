package org.embedwatch.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.embedwatch.archive.WarcArchive;
import org.embedwatch.config.Settings;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.platform.x.SyndicationClient;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.sandbox.Scenario;
import org.embedwatch.testsupport.Articles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/** The HTTP stack against the sandbox: parking after a 429, retries after a 503, waits recorded, never slept. */
class HttpFetcherPolitenessTest {
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  private static final URI POST = SyndicationClient.requestUri(Articles.PHOTO_POST);

  @TempDir Path work;
  private final MutableClock clock = new MutableClock(START);
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private Sandbox sandbox;
  private WarcArchive warc;
  private HttpFetcher http;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(0, Scenario.demo(), clock);
    List<String> sets = new ArrayList<>();
    sandbox.routes().forEach((k, v) -> sets.add(k + "=" + v));
    sets.add("net.rate.default=off");
    sets.add("net.only-routed=true");
    Settings.Net net = new SettingsLoader(work).load(Optional.empty(), sets).net();
    warc = new WarcArchive(work.resolve("warc"), net.warcMaxFileBytes(), Map.of("software", "test"), clock);
    http = new HttpFetcher(net, warc, clock, waits::add);
  }

  @AfterEach
  void stop() throws IOException {
    http.close();
    warc.close();
    sandbox.close();
  }

  private long syndicationRequests() {
    return sandbox.requests().stream().filter(r -> r.host().equals("cdn.syndication.twimg.com")).count();
  }

  @Test
  void a429WithRetryAfterParksTheHostAndNothingIsSentToItUntilTheReset() {
    sandbox.setFault(Fault.retryAfter(Duration.ofSeconds(60)));
    Fetch first = http.get(POST, Map.of());
    assertThat(first).isInstanceOfSatisfying(Fetch.Response.class, r -> assertThat(r.status()).isEqualTo(429));
    assertThat(syndicationRequests()).as("a 60 s Retry-After is longer than net.retry-max-wait: no retry")
        .isEqualTo(1);

    sandbox.setFault(Fault.none());
    clock.advance(Duration.ofSeconds(59));
    Fetch parked = http.get(POST, Map.of());
    assertThat(parked).isInstanceOfSatisfying(Fetch.Failure.class, f -> {
      assertThat(f.kind()).isEqualTo(Fetch.Kind.RATE_LIMITED);
      assertThat(f.warc()).as("no request, so no exchange in WARC").isNull();
      assertThat(f.message()).contains("2026-03-01T10:01:00Z");
    });
    assertThat(syndicationRequests()).isEqualTo(1);
    assertThat(http.get(URI.create("https://pbs.twimg.com/media/x.jpg"), Map.of()))
        .as("other hosts are not parked").isInstanceOf(Fetch.Response.class);

    clock.advance(Duration.ofSeconds(1));
    assertThat(http.get(POST, Map.of())).isInstanceOfSatisfying(Fetch.Response.class,
        r -> assertThat(r.status()).isEqualTo(200));
    assertThat(syndicationRequests()).isEqualTo(2);
    assertThat(waits).isEmpty();
  }

  @Test
  void aSpentQuotaParksTheHostUntilXRateLimitReset() {
    sandbox.setFault(Fault.quotaSpent(START.plusSeconds(900)));
    http.get(POST, Map.of());
    sandbox.setFault(Fault.none());
    clock.advance(Duration.ofSeconds(899));
    assertThat(http.get(POST, Map.of())).isInstanceOfSatisfying(Fetch.Failure.class,
        f -> assertThat(f.kind()).isEqualTo(Fetch.Kind.RATE_LIMITED));
    clock.advance(Duration.ofSeconds(1));
    assertThat(http.get(POST, Map.of())).isInstanceOf(Fetch.Response.class);
    assertThat(syndicationRequests()).isEqualTo(2);
  }

  @Test
  void a429AskingForAShortWaitIsWaitedForAndRetriedOnce() {
    sandbox.setFault(Fault.retryAfter(Duration.ofSeconds(3)).times(1));
    assertThat(http.get(POST, Map.of())).isInstanceOfSatisfying(Fetch.Response.class,
        r -> assertThat(r.status()).isEqualTo(200));
    assertThat(waits).containsExactly(Duration.ofSeconds(3));
    assertThat(syndicationRequests()).isEqualTo(2);
  }

  @Test
  void a503ThenA200IsRetriedAfterTheBackoffAndBothExchangesAreInWarc() throws IOException {
    sandbox.setFault(Fault.status(503).times(1));
    Fetch f = http.get(POST, Map.of());
    assertThat(f).isInstanceOfSatisfying(Fetch.Response.class, r -> assertThat(r.status()).isEqualTo(200));
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
    assertThat(warcStatuses()).containsExactly(503, 200);
  }

  @Test
  void a503ThatLastsIsTriedThreeTimesWithDoublingBackoffAndA404IsNeverRetried() throws IOException {
    sandbox.setFault(Fault.status(503));
    assertThat(http.get(POST, Map.of())).isInstanceOfSatisfying(Fetch.Response.class,
        r -> assertThat(r.status()).isEqualTo(503));
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    sandbox.setFault(Fault.status(404));
    http.get(POST, Map.of());
    assertThat(warcStatuses()).containsExactly(503, 503, 503, 404);
    assertThat(waits).hasSize(2);
  }

  private List<Integer> warcStatuses() throws IOException {
    warc.close();
    List<Integer> statuses = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(work.resolve("warc"))) {
      files = s.sorted().toList();
    }
    for (Path file : files) {
      try (WarcReader reader = new WarcReader(file)) {
        for (WarcRecord record : reader) {
          if (record instanceof WarcResponse response) {
            statuses.add(response.http().status());
          }
        }
      }
    }
    return statuses;
  }
}
