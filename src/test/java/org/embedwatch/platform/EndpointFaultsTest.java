package org.embedwatch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.archive.WarcArchive;
import org.embedwatch.config.Settings;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.platform.bluesky.BlueskyClient;
import org.embedwatch.platform.mastodon.MastodonClient;
import org.embedwatch.platform.wayback.CdxClient;
import org.embedwatch.platform.wayback.WaybackAnswer;
import org.embedwatch.platform.x.OEmbedClient;
import org.embedwatch.platform.x.SyndicationClient;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.sandbox.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * Every post endpoint under the sandbox's failure switches: a broken transfer or an answer slower than
 * {@code net.read-timeout} is a transport error (retried {@code net.retries} times, each attempt a failure record in
 * WARC), a 403 for a non-browser User-Agent a refusal; never unavailable or not found.
 */
class EndpointFaultsTest {
  private static final String PHOTO = "1641086480675225601";
  private static final String RKEY = "3l6oveex3ii2l";
  private static final String TOOT = "113264455016329920";
  private static final String USER_AGENT = "Embedwatch-test/1.0";

  @TempDir Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final ObjectMapper json = new ObjectMapper();
  private Sandbox sandbox;
  private WarcArchive warc;
  private HttpFetcher http;

  /** One endpoint: its client, the post it is asked about, and the simulated host it asks. */
  private record Endpoint(PostEndpoint client, PostKey post, String host) {}

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(0, Scenario.of(
        Scenario.Post.of(PHOTO, "photo_tweet_1641086480675225601.json"),
        Scenario.Post.bluesky(RKEY, "alice.bsky.social", "Hello"),
        Scenario.Post.mastodon(TOOT, "bob@mastodon.social", "Hi")), clock);
    List<String> sets = new ArrayList<>(List.of("net.only-routed=true", "net.rate.default=off",
        "net.read-timeout=PT0.3S", "net.retries=2", "net.user-agent=" + USER_AGENT));
    sandbox.routes().forEach((k, v) -> sets.add(k + "=" + v));
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

  private Endpoint endpoint(String name) {
    return switch (name) {
      case "x-syndication" -> new Endpoint(new SyndicationClient(http, json), x(), "cdn.syndication.twimg.com");
      case "x-oembed" -> new Endpoint(new OEmbedClient(http, json), x(), "publish.twitter.com");
      case "bluesky-appview" -> new Endpoint(new BlueskyClient(http, json), new PostKey(Platform.BLUESKY, RKEY,
          "alice.bsky.social", "https://bsky.app/profile/alice.bsky.social/post/" + RKEY), "public.api.bsky.app");
      case "mastodon-api" -> new Endpoint(new MastodonClient(http, json), new PostKey(Platform.MASTODON, TOOT,
          "bob@mastodon.social", "https://mastodon.social/@bob/" + TOOT), "mastodon.social");
      default -> throw new IllegalArgumentException("no endpoint " + name);
    };
  }

  private static PostKey x() {
    return new PostKey(Platform.X, PHOTO, "SamuelSusla", "https://twitter.com/SamuelSusla/status/" + PHOTO);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x-syndication", "x-oembed", "bluesky-appview", "mastodon-api"})
  void aTruncatedBodyIsATransportErrorRetriedWithEachAttemptAFailureRecord(String name) throws IOException {
    Endpoint e = endpoint(name);
    assertThat(e.client().fetch(e.post())).as("served before the fault").isInstanceOf(PostFetch.Served.class);
    long before = requestsTo(e.host());
    sandbox.setFault(e.host(), Fault.truncated());

    PostFetch fetch = e.client().fetch(e.post());

    assertThat(fetch).isInstanceOf(PostFetch.Inconclusive.class);
    assertThat(fetch.outcome()).isEqualTo(Outcome.TRANSPORT_ERROR);
    assertThat(fetch.fetch()).isInstanceOfSatisfying(Fetch.Failure.class, f -> {
      assertThat(f.kind()).isEqualTo(Fetch.Kind.IO);
      assertThat(f.message()).contains("Premature end of Content-Length delimited message body");
    });
    assertThat(requestsTo(e.host()) - before).as("one try and net.retries=2 retries").isEqualTo(3);
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertFailureRecords(fetch, "Premature end");
  }

  @ParameterizedTest
  @ValueSource(strings = {"x-syndication", "x-oembed", "bluesky-appview", "mastodon-api"})
  void anAnswerSlowerThanTheReadTimeoutIsATimeoutRetriedWithEachAttemptAFailureRecord(String name)
      throws IOException {
    Endpoint e = endpoint(name);
    sandbox.setFault(e.host(), Fault.slow(Duration.ofMinutes(10)));

    PostFetch fetch = e.client().fetch(e.post());

    assertThat(fetch).isInstanceOf(PostFetch.Inconclusive.class);
    assertThat(fetch.outcome()).isEqualTo(Outcome.TRANSPORT_ERROR);
    assertThat(fetch.fetch()).isInstanceOfSatisfying(Fetch.Failure.class,
        f -> assertThat(f.kind()).isEqualTo(Fetch.Kind.TIMEOUT));
    assertThat(requestsTo(e.host())).isEqualTo(3);
    assertFailureRecords(fetch, "Timeout");
  }

  @Test
  void syndicationRefusingANonBrowserUserAgentIsARefusalNotEvidenceAndIsNotRetried() throws IOException {
    sandbox.setBrowserUserAgentRequired(true);
    Endpoint e = endpoint("x-syndication");

    PostFetch fetch = e.client().fetch(e.post());

    assertThat(fetch).isInstanceOf(PostFetch.Inconclusive.class);
    assertThat(fetch.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(((PostFetch.Inconclusive) fetch).detail()).startsWith("HTTP 403");
    assertThat(requestsTo(e.host())).isEqualTo(1);
    assertThat(sandbox.requests().get(0).header("User-Agent")).hasValue(USER_AGENT);
    Record record = recordAt(fetch);
    assertThat(record.type()).isEqualTo("response");
    assertThat(record.status()).isEqualTo(403);
  }

  @Test
  void syndicationWithTheTokenEnforcedServesThePostBecauseTheClientSendsTheRealToken() {
    sandbox.setTokenEnforced(true);
    Endpoint e = endpoint("x-syndication");

    PostFetch fetch = e.client().fetch(e.post());

    assertThat(fetch).isInstanceOf(PostFetch.Served.class);
    assertThat(sandbox.requests().get(0).queryParam("token")).hasValue("3z7miaszni8");
  }

  @Test
  void aTruncatedCdxAnswerIsATransportErrorNotNoneFound() throws IOException {
    sandbox.setWaybackFault(Fault.truncated());

    WaybackAnswer answer = new CdxClient(http, json).search(CdxClient.patterns(x()).get(0), PHOTO);

    assertThat(answer).isInstanceOf(WaybackAnswer.Inconclusive.class);
    assertThat(answer.outcome()).isEqualTo(Outcome.TRANSPORT_ERROR);
    assertThat(requestsTo("web.archive.org")).isEqualTo(3);
  }

  private long requestsTo(String host) {
    return sandbox.requests().stream().filter(r -> r.host().equals(host)).count();
  }

  /** What a test needs of one WARC record, read while its file is open. */
  private record Record(String type, URI id, String target, Integer status, String body) {}

  /** The fetch's WARC record is a failure record, and every attempt left one for the same address. */
  private void assertFailureRecords(PostFetch fetch, String failure) throws IOException {
    Record evidence = recordAt(fetch);
    assertThat(evidence.type()).isEqualTo("metadata");
    assertThat(evidence.body()).startsWith("embedwatch-exchange-failure: ").contains(failure);
    List<String> failures = records().stream()
        .filter(r -> r.type().equals("metadata") && r.body().startsWith("embedwatch-exchange-failure: "))
        .map(Record::target).toList();
    assertThat(failures).hasSize(3).allMatch(uri -> uri.equals(fetch.fetch().uri().toString()));
  }

  private Record recordAt(PostFetch fetch) throws IOException {
    warc.close();
    Path file = work.resolve("warc").resolve(fetch.fetch().warc().file());
    try (FileChannel channel = FileChannel.open(file);
        WarcReader reader = new WarcReader(channel.position(fetch.fetch().warc().offset()))) {
      Record record = read(reader.next().orElseThrow());
      assertThat(record.id()).isEqualTo(fetch.fetch().warc().recordId());
      return record;
    }
  }

  private List<Record> records() throws IOException {
    warc.close();
    List<Record> out = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(work.resolve("warc"))) {
      files = s.sorted().toList();
    }
    for (Path file : files) {
      try (WarcReader reader = new WarcReader(file)) {
        for (WarcRecord record : reader) {
          out.add(read(record));
        }
      }
    }
    return out;
  }

  private static Record read(WarcRecord r) throws IOException {
    String target = r.headers().first("WARC-Target-URI").orElse("");
    if (r instanceof WarcResponse response) {
      return new Record("response", r.id(), target, response.http().status(), "");
    }
    String body = r instanceof WarcMetadata
        ? new String(r.body().stream().readAllBytes(), StandardCharsets.UTF_8) : "";
    return new Record(r.type(), r.id(), target, null, body);
  }
}
