package org.embedwatch.platform.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.evidence.UnavailableReason;
import org.embedwatch.archive.ExchangeRecorder;
import org.embedwatch.archive.HttpExchangeRecord;
import org.embedwatch.config.Settings;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.RecordedRequest;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.testsupport.ManyPosts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code statuses/lookup} through Twitter4J against the sandbox: one request per chunk, the omitted posts asked
 * through {@code statuses/show} for their reason, and the rate limit honoured without sleeping.
 */
class V1ClientTest {
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  private static final Settings.XV1Credentials CREDENTIALS =
      new Settings.XV1Credentials("consumer-key", "consumer-secret", "access-token", "access-secret");

  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();
  private final MutableClock clock = new MutableClock(START);
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final List<HttpExchangeRecord> exchanges = new CopyOnWriteArrayList<>();
  private final ManyPosts posts = ManyPosts.of(4);
  private Sandbox sandbox;
  private HttpFetcher http;
  private V1Client client;

  /** Starts the sandbox with {@link #posts} and a client routed to it, with {@code settings} added. */
  private void start(String... extraSettings) throws IOException {
    sandbox = Sandbox.start(0, posts.scenario(), clock);
    List<String> settings = new ArrayList<>();
    sandbox.routes().forEach((key, value) -> settings.add(key + "=" + value));
    settings.add("net.read-timeout=PT0.5S");
    settings.add("net.rate.default=off");
    settings.add("net.only-routed=true");
    settings.addAll(List.of(extraSettings));
    Settings.Net net = new SettingsLoader(dir).load(Optional.empty(), settings).net();
    http = new HttpFetcher(net, ExchangeRecorder.none(), clock, waits::add);
    ExchangeRecorder recorder = exchange -> {
      exchanges.add(exchange);
      return null;
    };
    client = new V1Client(CREDENTIALS, net, http.routes(), http.limits(), recorder, json, clock);
  }

  @AfterEach
  void stop() throws IOException {
    if (http != null) {
      http.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private String id(int i) {
    return posts.ids().get(i);
  }

  private List<PostKey> keys(int... indexes) {
    List<PostKey> keys = new ArrayList<>();
    for (int i : indexes) {
      keys.add(new PostKey(Platform.X, id(i), "someone", "https://twitter.com/someone/status/" + id(i)));
    }
    return keys;
  }

  private List<RecordedRequest> v1Requests() {
    return sandbox.requests().stream().filter(r -> r.host().equals("api.twitter.com")).toList();
  }

  private List<RecordedRequest> lookups() {
    return v1Requests().stream().filter(r -> r.hostPath().equals("/1.1/statuses/lookup.json")).toList();
  }

  @Test
  void anIdBeyondALongIsAnsweredUnexpectedWithoutBeingSentAndTheOthersAreStillLookedUp() throws IOException {
    start();
    List<PostKey> keys = new java.util.ArrayList<>(keys(0, 1));
    keys.add(1, new PostKey(org.embedwatch.evidence.Platform.X, "99999999999999999999", null, null));

    List<PostFetch> answers = client.fetchAll(keys);

    assertThat(answers).extracting(PostFetch::outcome)
        .containsExactly(Outcome.AVAILABLE, Outcome.UNEXPECTED, Outcome.AVAILABLE);
    assertThat(((PostFetch.Inconclusive) answers.get(1)).detail()).contains("not sent");
    assertThat(v1Requests()).singleElement().satisfies(r ->
        assertThat(r.queryParam("id")).hasValue(id(0) + "," + id(1)));
  }

  @Test
  void twitter4jSendsOurUserAgentNotItsOwn() throws IOException {
    start("net.user-agent=Embedwatch-test/9 (evidence archiver)");
    sandbox.apply(id(1), Change.deleted());

    client.fetchAll(keys(0, 1));

    List<RecordedRequest> v1 = sandbox.requests().stream().filter(r -> r.host().equals("api.twitter.com")).toList();
    assertThat(v1).as("a lookup and a show").hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(r -> assertThat(r.header("User-Agent")).contains("Embedwatch-test/9 (evidence archiver)"));
  }

  @Test
  void allFoundAreServedFromOneLookupEachWithItsOwnPartOfTheRecordedArray() throws IOException {
    start();

    List<PostFetch> answers = client.fetchAll(keys(0, 1, 2));

    assertThat(v1Requests()).singleElement().satisfies(r -> {
      assertThat(r.hostPath()).isEqualTo("/1.1/statuses/lookup.json");
      assertThat(r.queryParam("id")).hasValue(id(0) + "," + id(1) + "," + id(2));
      assertThat(r.queryParam("tweet_mode")).hasValue("extended");
      assertThat(r.header("Authorization")).hasValueSatisfying(a -> assertThat(a).startsWith("OAuth"));
    });
    assertThat(exchanges).as("the lookup is recorded once").singleElement().satisfies(e -> {
      assertThat(e.targetUri().getHost()).isEqualTo("api.twitter.com");
      assertThat(e.targetUri().getRawQuery()).as("the query Twitter4J sent").isEqualTo(lookups().get(0).query());
      assertThat(e.routedTo().toString()).startsWith(sandbox.baseUri() + "/api.twitter.com/1.1/statuses/lookup");
      assertThat(e.requestHeaders()).containsExactly(Map.entry("Authorization", "OAuth [redacted]"));
      assertThat(e.response().headers()).contains(Map.entry("X-Embedwatch-Transport", V1Client.LOOKUP_TRANSPORT),
          Map.entry("x-rate-limit-remaining", "899"));
    });
    byte[] payload = exchanges.get(0).response().body();
    JsonNode array = json.readTree(payload);
    assertThat(array.isArray()).isTrue();
    assertThat(array).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(answers.get(i)).isInstanceOf(PostFetch.Served.class);
      PostFetch.Served served = (PostFetch.Served) answers.get(i);
      assertThat(served.content().postId()).isEqualTo(id(i));
      assertThat(served.fetch().uri()).isEqualTo(exchanges.get(0).targetUri());
      assertThat(served.fetch().sha256()).isEqualTo(Sha256.of(payload));
      assertThat(served.part().pointer()).matches("/[0-2]");
      JsonNode atPointer = array.at(served.part().pointer());
      assertThat(atPointer.path("id_str").asText()).isEqualTo(id(i));
      assertThat(served.capturedBytes()).isEqualTo(json.writeValueAsBytes(atPointer));
      assertThat(served.capturedScope()).isEqualTo("json-pointer " + served.part().pointer());
    }
    assertThat(((PostFetch.Served) answers.get(0)).content().text()).isEqualTo(
        json.readTree(((PostFetch.Served) answers.get(0)).capturedBytes()).path("full_text").asText());
    assertThat(((PostFetch.Served) answers.get(0)).part().pointer())
        .as("the sandbox answers newest first, so the answers follow the ids, not the array").isEqualTo("/2");
  }

  @Test
  void postsTheLookupLeftOutAreAskedThroughShowAndGetItsReason() throws IOException {
    start();
    sandbox.apply(id(1), Change.deleted());
    sandbox.apply(id(2), Change.suspended());
    sandbox.apply(id(3), Change.protectedAccount());

    List<PostFetch> answers = client.fetchAll(keys(0, 1, 2, 3));

    assertThat(answers.get(0)).isInstanceOf(PostFetch.Served.class);
    assertThat(answers.subList(1, 4)).allSatisfy(a -> assertThat(a).isInstanceOf(PostFetch.Unavailable.class));
    assertThat(answers.subList(1, 4)).extracting(a -> ((PostFetch.Unavailable) a).reason())
        .containsExactly(UnavailableReason.DELETED, UnavailableReason.SUSPENDED, UnavailableReason.PROTECTED);
    assertThat(answers.subList(1, 4)).extracting(a -> ((PostFetch.Unavailable) a).detail()).containsExactly(
        "HTTP 404 code 144: No status found with that ID.", "HTTP 403 code 63: User has been suspended.",
        "HTTP 403 code 179: Sorry, you are not authorized to see this status.");
    assertThat(v1Requests()).extracting(RecordedRequest::hostPath).containsExactly("/1.1/statuses/lookup.json",
        "/1.1/statuses/show/" + id(1) + ".json", "/1.1/statuses/show/" + id(2) + ".json",
        "/1.1/statuses/show/" + id(3) + ".json");
    assertThat(json.readTree(exchanges.get(0).response().body())).hasSize(1);
    assertThat(exchanges).hasSize(4);
    assertThat(exchanges.get(1).targetUri()).isEqualTo(V1Client.showUri(Long.parseLong(id(1))));
    assertThat(exchanges.get(1).targetUri().getRawQuery()).isEqualTo(v1Requests().get(1).query());
    assertThat(answers.get(1).fetch()).isInstanceOfSatisfying(Fetch.Response.class,
        r -> assertThat(r.status()).isEqualTo(404));
  }

  @Test
  void anEmptyArrayMeansEveryPostIsAskedThroughShow() throws IOException {
    start();
    sandbox.apply(id(0), Change.deleted());
    sandbox.apply(id(1), Change.deleted());

    List<PostFetch> answers = client.fetchAll(keys(0, 1));

    assertThat(exchanges.get(0).response().body()).asString(StandardCharsets.UTF_8).isEqualTo("[]");
    assertThat(answers).extracting(PostFetch::outcome).containsExactly(Outcome.UNAVAILABLE, Outcome.UNAVAILABLE);
    assertThat(lookups()).hasSize(1);
    assertThat(v1Requests()).hasSize(3);
  }

  @Test
  void a429WithCode88ParksTheHostAndTheNextChunkIsNotSentUntilTheReset() throws IOException {
    start();
    sandbox.setFault(Fault.status(429));

    List<PostFetch> first = client.fetchAll(keys(0, 1));

    assertThat(first).allSatisfy(a -> {
      assertThat(a.outcome()).isEqualTo(Outcome.RATE_LIMITED);
      assertThat(((PostFetch.Inconclusive) a).detail()).isEqualTo("HTTP 429 code 88: Rate limit exceeded");
      assertThat(a.fetch()).isInstanceOfSatisfying(Fetch.Response.class, r -> {
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("x-rate-limit-reset")).hasValue(Long.toString(START.plusSeconds(900).getEpochSecond()));
      });
    });
    assertThat(v1Requests()).as("a rate-limited lookup asks show nothing").hasSize(1);
    sandbox.setFault(Fault.none());

    clock.advance(Duration.ofSeconds(899));
    List<PostFetch> second = client.fetchAll(keys(2, 3));

    assertThat(second).allSatisfy(a -> {
      assertThat(a.outcome()).isEqualTo(Outcome.RATE_LIMITED);
      assertThat(a.fetch()).isInstanceOfSatisfying(Fetch.Failure.class, f -> {
        assertThat(f.kind()).isEqualTo(Fetch.Kind.RATE_LIMITED);
        assertThat(f.warc()).isNull();
        assertThat(f.message()).contains("until 2026-03-01T10:15:00Z");
      });
    });
    assertThat(v1Requests()).hasSize(1);
    assertThat(exchanges).hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(client.fetchAll(keys(2, 3))).extracting(PostFetch::outcome)
        .containsExactly(Outcome.AVAILABLE, Outcome.AVAILABLE);
    assertThat(lookups()).hasSize(2);
    assertThat(waits).as("nothing waits: a parked host is not asked").isEmpty();
  }

  @Test
  void aSpentQuotaParksTheHostUntilTheResetAndHoldsBackShowToo() throws IOException {
    start();
    sandbox.setV1RateLimit(2);
    sandbox.apply(id(1), Change.deleted());
    assertThat(client.fetchAll(keys(0))).singleElement().satisfies(a -> assertThat(a.fetch())
        .isInstanceOfSatisfying(Fetch.Response.class, r -> assertThat(r.header("x-rate-limit-remaining")).hasValue("1")));

    List<PostFetch> spent = client.fetchAll(keys(2, 1));

    assertThat(spent.get(0)).isInstanceOf(PostFetch.Served.class);
    assertThat(spent.get(0).fetch()).isInstanceOfSatisfying(Fetch.Response.class,
        r -> assertThat(r.header("x-rate-limit-remaining")).hasValue("0"));
    assertThat(spent.get(1).outcome()).as("show is not asked while the host is parked")
        .isEqualTo(Outcome.RATE_LIMITED);
    assertThat(client.fetchAll(keys(3))).extracting(PostFetch::outcome).containsExactly(Outcome.RATE_LIMITED);
    assertThat(v1Requests()).hasSize(2);

    clock.advance(Duration.ofMinutes(15));
    List<PostFetch> after = client.fetchAll(keys(1, 2));

    assertThat(after).extracting(PostFetch::outcome).containsExactly(Outcome.UNAVAILABLE, Outcome.AVAILABLE);
    assertThat(v1Requests()).extracting(RecordedRequest::hostPath).containsExactly("/1.1/statuses/lookup.json",
        "/1.1/statuses/lookup.json", "/1.1/statuses/lookup.json", "/1.1/statuses/show/" + id(1) + ".json");
  }

  @Test
  void aTimeoutIsATransportErrorForTheWholeChunkAndOneFailedExchange() throws IOException {
    start();
    sandbox.setFault(Fault.timeout());

    List<PostFetch> answers = client.fetchAll(keys(0, 1, 2));

    assertThat(answers).allSatisfy(a -> {
      assertThat(a.outcome()).isEqualTo(Outcome.TRANSPORT_ERROR);
      assertThat(a.fetch()).isInstanceOf(Fetch.Failure.class);
    });
    assertThat(exchanges).singleElement().satisfies(e -> {
      assertThat(e.response()).isNull();
      assertThat(e.failure()).startsWith("twitter4j: ");
      assertThat(e.targetUri().getPath()).isEqualTo("/1.1/statuses/lookup.json");
    });
    assertThat(v1Requests()).hasSize(1);
  }

  @Test
  void aServerErrorIsInconclusiveForEveryPostAndAsksNoShow() throws IOException {
    start();
    sandbox.setFault(Fault.status(503));

    List<PostFetch> answers = client.fetchAll(keys(0, 1));

    assertThat(answers).extracting(PostFetch::outcome).containsOnly(Outcome.SERVER_ERROR);
    assertThat(((PostFetch.Inconclusive) answers.get(0)).detail()).startsWith("HTTP 503: ");
    assertThat(v1Requests()).hasSize(1);
  }

  @Test
  void lookupAndShowKeepTheHostsRateAndShareItsSlotsWithTheHttpStack() throws IOException {
    start("net.rate.api.twitter.com=1/s");
    sandbox.apply(id(1), Change.deleted());

    client.fetchAll(keys(0, 1));
    http.get(java.net.URI.create("https://api.twitter.com/1.1/statuses/show.json?id=" + id(0)), Map.of());

    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(v1Requests()).hasSize(3);
  }

  @Test
  void withoutARouteUnderOnlyRoutedNothingIsSent() throws IOException {
    sandbox = Sandbox.start(0, posts.scenario(), clock);
    Settings.Net net = new SettingsLoader(dir).load(Optional.empty(), List.of("net.only-routed=true")).net();
    http = new HttpFetcher(net, ExchangeRecorder.none(), clock, waits::add);
    client = new V1Client(CREDENTIALS, net, http.routes(), http.limits(), e -> null, json, clock);

    assertThat(client.fetchAll(keys(0))).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo(Outcome.TRANSPORT_ERROR);
      assertThat(((Fetch.Failure) a.fetch()).kind()).isEqualTo(Fetch.Kind.NOT_ROUTED);
    });
  }

  @Test
  void moreThanAHundredPostsIsMisuse() throws IOException {
    start();
    List<PostKey> many = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      many.add(new PostKey(Platform.X, Long.toString(1_000L + i), null, null));
    }

    assertThat(client.maxBatch()).isEqualTo(100);
    assertThatThrownBy(() -> client.fetchAll(many)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("statuses/lookup takes at most 100 ids, got 101");
  }
}
