package org.embedwatch.platform.x;

import org.embedwatch.evidence.MediaKind;
import org.embedwatch.evidence.LinkKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.UnavailableReason;
import org.embedwatch.archive.ExchangeRecorder;
import org.embedwatch.config.Settings;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.platform.PostContent;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.RecordedRequest;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.sandbox.Scenario;
import org.embedwatch.testsupport.PageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link V2Client} against the sandboxed v2 API (and a static server for bodies no API sends): one test per outcome. */
class V2ClientTest {
  private static final String PHOTO = "1641086480675225601";
  private static final String VIDEO = "1684218600456876032";
  private static final String QUOTE = "1641895049427550208";
  private static final String LONG = "1700000000000000001";
  private static final String LONG_TEXT = "A long post. ".repeat(30).strip();
  private static final String TOKEN = "AAAAAAAAAAAAAAAAAAAAAtest%2Bbearer%3D";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final ObjectMapper json = new ObjectMapper();
  @TempDir Path work;
  private Sandbox sandbox;
  private HttpFetcher http;
  private V2Client client;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(0, new Scenario(List.of(
        Scenario.Post.of(PHOTO, "photo_tweet_1641086480675225601.json"),
        Scenario.Post.of(VIDEO, "video_tweet_1684218600456876032.json"),
        Scenario.Post.of(QUOTE, "quoted_tweet_1641895049427550208.json"),
        new Scenario.Post(LONG, "text_tweet_highlighted_label_2023357708301455483.json", LONG_TEXT, null, null, null,
            List.of())), List.of()), clock);
    Map<String, String> routes = new java.util.HashMap<>();
    sandbox.routes().forEach((k, v) -> routes.put(k.substring("net.route.".length()), v));
    http = fetcher(routes);
    client = new V2Client(new Settings.BearerToken(TOKEN), http, json, clock);
  }

  private HttpFetcher fetcher(Map<String, String> routes) {
    List<String> sets = new ArrayList<>(List.of("net.only-routed=true", "net.rate.default=off", "net.user-agent=test",
        "net.retries=0"));
    routes.forEach((host, base) -> sets.add("net.route." + host + "=" + base));
    return new HttpFetcher(new SettingsLoader(work).load(Optional.empty(), sets).net(), ExchangeRecorder.none(),
        clock, wait -> { });
  }

  @AfterEach
  void stop() throws IOException {
    http.close();
    sandbox.close();
  }

  private static PostKey key(String id) {
    return new PostKey(Platform.X, id, "someone", "https://twitter.com/someone/status/" + id);
  }

  private List<RecordedRequest> v2Requests() {
    return sandbox.requests().stream().filter(r -> r.path().startsWith("/api.twitter.com/2/")).toList();
  }

  @Test
  void oneRequestServesEveryPostWithItsOwnPartMediaAndBearerToken() throws IOException {
    List<PostFetch> answers = client.fetchAll(List.of(key(PHOTO), key(VIDEO), key(QUOTE)));

    assertThat(v2Requests()).singleElement().satisfies(r -> {
      assertThat(r.header("Authorization")).hasValue("Bearer " + TOKEN);
      assertThat(r.queryParam("ids")).hasValue(PHOTO + "," + VIDEO + "," + QUOTE);
      assertThat(r.queryParam("tweet.fields").orElseThrow().split(",")).contains("author_id", "created_at",
          "entities", "referenced_tweets", "edit_history_tweet_ids", "edit_controls", "note_tweet", "attachments",
          "possibly_sensitive", "withheld");
      assertThat(r.queryParam("expansions")).hasValue("attachments.media_keys,author_id,referenced_tweets.id");
      assertThat(r.queryParam("media.fields").orElseThrow().split(",")).contains("url", "variants",
          "preview_image_url", "type", "media_key", "alt_text");
    });
    assertThat(answers).hasSize(3).allSatisfy(a -> {
      assertThat(a).isInstanceOf(PostFetch.Served.class);
      assertThat(a.endpoint()).isEqualTo("x-v2");
    });
    assertThat(answers).extracting(PostFetch::fetch).containsOnly(answers.get(0).fetch());
    Fetch.Response response = (Fetch.Response) answers.get(0).fetch();
    assertThat(response.uri()).isEqualTo(V2Client.requestUri(List.of(PHOTO, VIDEO, QUOTE)));
    JsonNode body = json.readTree(response.body());
    for (int i = 0; i < 3; i++) {
      PostFetch.Served served = (PostFetch.Served) answers.get(i);
      assertThat(served.capturedScope()).isEqualTo("json-pointer /data/" + i);
      assertThat(served.capturedBytes()).isEqualTo(json.writeValueAsBytes(body.at(served.part().pointer())));
    }

    PostContent photo = ((PostFetch.Served) answers.get(0)).content();
    assertThat(photo.postId()).isEqualTo(PHOTO);
    assertThat(photo.authorHandle()).isEqualTo("SamuelSusla");
    assertThat(photo.authorName()).isEqualTo("sammy");
    assertThat(photo.createdAt()).isEqualTo("2023-03-29T14:34:41.000Z");
    assertThat(photo.text()).startsWith("If you are interested about View Flattening");
    assertThat(photo.media()).containsExactly(
        new PostContent.MediaRef(MediaKind.PHOTO, "https://pbs.twimg.com/media/FsZNOgcWAAEQtrd.jpg?name=orig"),
        new PostContent.MediaRef(MediaKind.AVATAR, "https://pbs.twimg.com/profile_images/1042172116911697920/JkIt3onc.jpg"));

    PostContent video = ((PostFetch.Served) answers.get(1)).content();
    assertThat(video.media()).extracting(m -> m.kind().key())
        .containsExactly("thumbnail", "video", "playlist", "avatar");
    assertThat(video.media().get(0).url())
        .isEqualTo("https://pbs.twimg.com/amplify_video_thumb/1684020091854225408/img/xtWb477NwDzZ1VvG.jpg");
    assertThat(video.media().get(1).url()).as("the mp4 with the highest bit_rate")
        .contains("/vid/886x546/_Mb5SBNFpaVehGMW.mp4");
    assertThat(video.media().get(2).url()).contains(".m3u8");
    assertThat(body.at("/includes/media").toString()).contains("\"bit_rate\":2176000").doesNotContain("bitrate");
  }

  @Test
  void theFingerprintIgnoresPublicMetricsAndFollowsEditsThroughTheEditHistory() throws IOException {
    PostFetch.Served first = (PostFetch.Served) client.fetch(key(PHOTO));
    PostFetch.Served second = (PostFetch.Served) client.fetch(key(PHOTO));
    clock.advance(Duration.ofMinutes(20));
    sandbox.apply(PHOTO, Change.edited("Corrected text"));
    PostFetch.Served edited = (PostFetch.Served) client.fetch(key(PHOTO));

    assertThat(json.readTree(second.capturedBytes()).path("public_metrics"))
        .isNotEqualTo(json.readTree(first.capturedBytes()).path("public_metrics"));
    assertThat(second.content().fingerprint()).isEqualTo(first.content().fingerprint());
    assertThat(edited.content().text()).isEqualTo("Corrected text");
    assertThat(edited.content().fingerprint()).isNotEqualTo(first.content().fingerprint());
    assertThat(json.readTree(edited.capturedBytes()).path("edit_history_tweet_ids")).hasSize(2);
    assertThat(first.capturedScope()).as("a single lookup goes through the batch too").isEqualTo("json-pointer /data/0");
  }

  @Test
  void aQuoteTweetNamesTheQuotedTweet() {
    PostFetch.Served quote = (PostFetch.Served) client.fetch(key(QUOTE));
    PostFetch.Served photo = (PostFetch.Served) client.fetch(key(PHOTO));

    // Its author's handle would need the referenced_tweets.id.author_id expansion, which is not asked for.
    assertThat(quote.content().related()).containsExactly(
        new PostContent.Related(LinkKind.QUOTED, PHOTO, null));
    assertThat(photo.content().related()).isEmpty();
  }

  @Test
  void aLongPostIsReadFromItsNoteTweet() throws IOException {
    PostFetch.Served served = (PostFetch.Served) client.fetch(key(LONG));

    assertThat(served.content().text()).isEqualTo(LONG_TEXT);
    assertThat(json.readTree(served.capturedBytes()).path("text").asText()).hasSizeLessThan(LONG_TEXT.length());
  }

  @Test
  void aDeletedPostInABatchIsNotFoundWhileTheOthersAreServedFromTheSameResponse() {
    sandbox.apply(PHOTO, Change.deleted());

    List<PostFetch> answers = client.fetchAll(List.of(key(PHOTO), key(VIDEO)));

    assertThat(v2Requests()).hasSize(1);
    assertThat(answers.get(0)).isInstanceOf(PostFetch.NotFound.class);
    assertThat(((PostFetch.NotFound) answers.get(0)).detail())
        .isEqualTo("Could not find tweet with ids: [" + PHOTO + "].");
    assertThat(((Fetch.Response) answers.get(0).fetch()).status()).isEqualTo(200);
    assertThat(answers.get(1)).isInstanceOf(PostFetch.Served.class);
    assertThat(((PostFetch.Served) answers.get(1)).part().pointer()).isEqualTo("/data/0");
    assertThat(answers.get(1).fetch()).isSameAs(answers.get(0).fetch());
  }

  @Test
  void anAuthorizationErrorIsUnavailableWithoutSayingProtectedOrSuspended() {
    sandbox.apply(PHOTO, Change.suspended());
    sandbox.apply(VIDEO, Change.protectedAccount());

    List<PostFetch> answers = client.fetchAll(List.of(key(PHOTO), key(VIDEO), key(QUOTE)));

    assertThat(answers.subList(0, 2)).allSatisfy(a -> {
      assertThat(a).isInstanceOf(PostFetch.Unavailable.class);
      assertThat(((PostFetch.Unavailable) a).reason()).isEqualTo(UnavailableReason.UNKNOWN);
      assertThat(((PostFetch.Unavailable) a).detail())
          .isEqualTo("not authorized: protected or suspended author (v2 does not say which)");
    });
    assertThat(answers.get(2)).isInstanceOf(PostFetch.Served.class);
  }

  @Test
  void whenEveryIdFailsThereIsNoDataAndEachPostGetsItsOwnError() throws IOException {
    sandbox.apply(PHOTO, Change.deleted());
    sandbox.apply(VIDEO, Change.suspended());

    List<PostFetch> answers = client.fetchAll(List.of(key(PHOTO), key(VIDEO)));

    assertThat(json.readTree(((Fetch.Response) answers.get(0).fetch()).body()).has("data")).isFalse();
    assertThat(answers).extracting(PostFetch::outcome).containsExactly(Outcome.NOT_FOUND, Outcome.UNAVAILABLE);
  }

  @Test
  void aBadRequestIsUnexpectedWithItsMessageForEveryPost() {
    sandbox.setFault(Fault.status(400));

    List<PostFetch> answers = client.fetchAll(List.of(key(PHOTO), key(VIDEO)));

    assertThat(answers).allSatisfy(a -> {
      assertThat(a.outcome()).isEqualTo(Outcome.UNEXPECTED);
      assertThat(((PostFetch.Inconclusive) a).detail()).startsWith("HTTP 400 Invalid Request: The `ids` query")
          .endsWith("does not match ^[0-9]{1,19}$");
    });
  }

  @Test
  void refusalsAndServerErrorsAreInconclusiveForEveryPost() {
    sandbox.setFault(Fault.status(401));
    List<PostFetch> unauthorized = client.fetchAll(List.of(key(PHOTO), key(VIDEO)));
    sandbox.setFault(Fault.status(403));
    List<PostFetch> forbidden = client.fetchAll(List.of(key(PHOTO)));
    sandbox.setFault(Fault.status(503));
    List<PostFetch> outage = client.fetchAll(List.of(key(PHOTO), key(VIDEO)));

    assertThat(unauthorized).allSatisfy(a -> {
      assertThat(a.outcome()).isEqualTo(Outcome.REFUSED);
      assertThat(((PostFetch.Inconclusive) a).detail()).isEqualTo("HTTP 401 Unauthorized");
    });
    assertThat(forbidden).extracting(PostFetch::outcome).containsExactly(Outcome.REFUSED);
    assertThat(outage).extracting(PostFetch::outcome).containsExactly(Outcome.SERVER_ERROR, Outcome.SERVER_ERROR);
  }

  @Test
  void aTooManyRequestsParksApiTwitterComUntilItsResetSoTheNextBatchIsNotSent() {
    Instant reset = clock.instant().plus(Duration.ofMinutes(15));
    sandbox.setFault(Fault.quotaSpent(reset));

    List<PostFetch> limited = client.fetchAll(List.of(key(PHOTO), key(VIDEO)));
    sandbox.setFault(Fault.none());
    List<PostFetch> parked = client.fetchAll(List.of(key(QUOTE)));

    assertThat(limited).allSatisfy(a -> {
      assertThat(a.outcome()).isEqualTo(Outcome.RATE_LIMITED);
      assertThat(((PostFetch.Inconclusive) a).detail()).isEqualTo("HTTP 429 Too Many Requests");
    });
    assertThat(v2Requests()).as("the parked host is not asked again").hasSize(1);
    assertThat(parked).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo(Outcome.RATE_LIMITED);
      assertThat(((PostFetch.Inconclusive) a).detail()).contains("api.twitter.com is rate limited until " + reset);
    });
    clock.set(reset);
    assertThat(client.fetchAll(List.of(key(QUOTE)))).extracting(PostFetch::outcome)
        .containsExactly(Outcome.AVAILABLE);
  }

  @Test
  void aSpentQuotaOnAServedAnswerParksTheHostToo() {
    // 300 requests a window: the 300th answer says x-rate-limit-remaining: 0.
    for (int i = 0; i < 300; i++) {
      assertThat(client.fetch(key(PHOTO)).outcome()).isEqualTo(Outcome.AVAILABLE);
    }

    PostFetch parked = client.fetch(key(PHOTO));

    assertThat(v2Requests()).hasSize(300);
    assertThat(parked.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(parked.fetch()).isInstanceOf(Fetch.Failure.class);
  }

  @Test
  void theUsageCapIsRateLimitedWithItsOwnWords() {
    sandbox.setV2UsageCapExceeded(true);

    List<PostFetch> answers = client.fetchAll(List.of(key(PHOTO), key(VIDEO)));

    assertThat(answers).allSatisfy(a -> {
      assertThat(a.outcome()).isEqualTo(Outcome.RATE_LIMITED);
      assertThat(((PostFetch.Inconclusive) a).detail())
          .isEqualTo("HTTP 429 UsageCapExceeded: Usage cap exceeded: Monthly product cap");
    });
  }

  @Test
  void aTransportErrorIsInconclusiveForEveryPost() {
    sandbox.close();

    List<PostFetch> answers = client.fetchAll(List.of(key(PHOTO), key(VIDEO)));

    assertThat(answers).allSatisfy(a -> assertThat(a.outcome()).isEqualTo(Outcome.TRANSPORT_ERROR));
  }

  @Test
  void anIdV2WouldRefuseIsAnsweredWithoutBeingSentAndDoesNotSpoilTheBatch() {
    String tooLong = "12345678901234567890";

    List<PostFetch> answers = client.fetchAll(List.of(key(PHOTO), key(tooLong), key(VIDEO)));

    assertThat(v2Requests()).singleElement()
        .satisfies(r -> assertThat(r.queryParam("ids")).hasValue(PHOTO + "," + VIDEO));
    assertThat(answers).extracting(PostFetch::outcome)
        .containsExactly(Outcome.AVAILABLE, Outcome.UNEXPECTED, Outcome.AVAILABLE);
    PostFetch.Inconclusive bad = (PostFetch.Inconclusive) answers.get(1);
    assertThat(bad.detail()).isEqualTo("not a v2 tweet id: '" + tooLong + "' (v2 ids match ^[0-9]{1,19}$); not sent");
    assertThat(((Fetch.Failure) bad.fetch()).kind()).isEqualTo(Fetch.Kind.INVALID_REQUEST);
    assertThat(bad.fetch().warc()).isNull();

    assertThat(client.fetchAll(List.of(key("12ab")))).extracting(PostFetch::outcome)
        .containsExactly(Outcome.UNEXPECTED);
    assertThat(v2Requests()).as("a batch of bad ids only sends nothing").hasSize(1);
    assertThatThrownBy(() -> V2Client.requestUri(List.of("1", "x")))
        .hasMessage("not a v2 tweet id: 'x' (must match ^[0-9]{1,19}$)");
  }

  @Test
  void bodiesNoLookupShouldSendAreUnexpectedAndKeepTheirWords() throws IOException {
    try (PageServer pages = PageServer.start()) {
      HttpFetcher garbled = fetcher(Map.of("api.twitter.com", pages.url("")));
      V2Client other = new V2Client(new Settings.BearerToken(TOKEN), garbled, json, clock);
      pages.page("/2/tweets", "<html><body>Something went wrong</body></html>".getBytes(StandardCharsets.UTF_8),
          Map.of("Content-Type", "text/html"));
      List<PostFetch> garbage = other.fetchAll(List.of(key(PHOTO)));
      pages.page("/2/tweets", ("{\"data\":[{\"id\":\"20\",\"text\":\"just setting up my twttr\"}],\"errors\":[{\"value\":\""
          + VIDEO + "\",\"title\":\"Disallowed Resource Error\",\"detail\":\"not allowed\",\"type\":"
          + "\"https://api.twitter.com/2/problems/disallowed-resource\"}]}").getBytes(StandardCharsets.UTF_8),
          Map.of("Content-Type", "application/json"));
      List<PostFetch> odd = other.fetchAll(List.of(key(PHOTO), key(VIDEO), key("20")));
      garbled.close();

      assertThat(garbage).singleElement().satisfies(a -> {
        assertThat(a.outcome()).isEqualTo(Outcome.UNEXPECTED);
        assertThat(((PostFetch.Inconclusive) a).detail()).isEqualTo("not JSON: <html><body>Something went wrong"
            + "</body></html>");
      });
      assertThat(odd).extracting(PostFetch::outcome)
          .containsExactly(Outcome.UNEXPECTED, Outcome.UNEXPECTED, Outcome.AVAILABLE);
      assertThat(((PostFetch.Inconclusive) odd.get(0)).detail())
          .isEqualTo("tweet " + PHOTO + " is in neither data nor errors");
      assertThat(((PostFetch.Inconclusive) odd.get(1)).detail())
          .isEqualTo("error Disallowed Resource Error: not allowed");
      assertThat(((PostFetch.Served) odd.get(2)).content().text()).isEqualTo("just setting up my twttr");
    }
  }

  @Test
  void requestUriCarriesTheIdsAndFieldsEncoded() {
    URI uri = V2Client.requestUri(List.of("20", "21"));

    assertThat(uri.toString()).startsWith("https://api.twitter.com/2/tweets?ids=20%2C21&tweet.fields=attachments%2C")
        .contains("&expansions=attachments.media_keys%2Cauthor_id%2Creferenced_tweets.id&media.fields=")
        .contains("&user.fields=");
    assertThatThrownBy(() -> V2Client.requestUri(java.util.Collections.nCopies(101, "1")))
        .hasMessage("a v2 lookup takes 1 to 100 ids, got 101");
  }
}
