package org.embedwatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.embedwatch.sandbox.SandboxClient.PHOTO_ID;
import static org.embedwatch.sandbox.SandboxClient.QUOTE_ID;
import static org.embedwatch.sandbox.SandboxClient.VIDEO_ID;
import static org.embedwatch.sandbox.SandboxClient.json;
import static org.embedwatch.sandbox.SandboxClient.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.embedwatch.platform.x.SyndicationToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyndicationRouteTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final String OTHER_ID = "1700000000000000001";

  private final MutableClock clock = new MutableClock(START);
  private Sandbox sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() throws IOException {
    Scenario scenario = new Scenario(List.of(
        Scenario.Post.of(PHOTO_ID, "photo_tweet_1641086480675225601.json",
            Scenario.Event.after(Duration.ofDays(1), Change.deleted())),
        Scenario.Post.of(VIDEO_ID, "video_tweet_1684218600456876032.json",
            Scenario.Event.after(Duration.ofHours(1), Change.flaky(Fault.status(503))),
            Scenario.Event.after(Duration.ofHours(2), Change.flaky(Fault.none()))),
        Scenario.Post.of(QUOTE_ID, "quoted_tweet_1641895049427550208.json"),
        new Scenario.Post(OTHER_ID, "photo_tweet_1641086480675225601.json", "override text", "someone", "Some One",
            Instant.parse("2024-03-12T10:00:00Z"), List.of())),
        List.of());
    sandbox = Sandbox.start(0, scenario, clock);
    client = new SandboxClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void availablePostIsTheSampleTweetWithItsId() throws Exception {
    HttpResponse<byte[]> response = client.tweetResult(PHOTO_ID, SyndicationToken.of(PHOTO_ID));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(ct -> ct.startsWith("application/json"));
    JsonNode tweet = json(response);
    assertThat(tweet.path("__typename").asText()).isEqualTo("Tweet");
    assertThat(tweet.path("id_str").asText()).isEqualTo(PHOTO_ID);
    assertThat(tweet.path("user").path("screen_name").asText()).isEqualTo("SamuelSusla");
    assertThat(tweet.path("text").asText()).startsWith("If you are interested about View Flattening");
  }

  @Test
  void overridesSwapIdTextAndUserIntoTheSample() throws Exception {
    JsonNode tweet = client.tweet(OTHER_ID);

    assertThat(tweet.path("id_str").asText()).isEqualTo(OTHER_ID);
    assertThat(tweet.path("text").asText()).isEqualTo("override text");
    assertThat(tweet.path("user").path("screen_name").asText()).isEqualTo("someone");
    assertThat(tweet.path("created_at").asText()).isEqualTo("2024-03-12T10:00:00.000Z");
    assertThat(tweet.path("mediaDetails").get(0).path("expanded_url").asText()).contains("/status/" + OTHER_ID + "/");
    assertThat(tweet.path("edit_control").path("edit_tweet_ids").get(0).asText()).isEqualTo(OTHER_ID);
  }

  @Test
  void deletionHappensOnlyOnceTheClockPassesTheEvent() throws Exception {
    clock.advance(Duration.ofHours(23));
    assertThat(client.tweet(PHOTO_ID).path("__typename").asText()).isEqualTo("Tweet");

    clock.advance(Duration.ofHours(1));
    JsonNode tombstone = client.tweet(PHOTO_ID);

    assertThat(tombstone.path("__typename").asText()).isEqualTo("TweetTombstone");
    assertThat(tombstone.path("tombstone").path("text").path("text").asText())
        .isEqualTo("This Post was deleted by the Post author. Learn more");
  }

  @Test
  void editChangesTextAndAppendsAnEditId() throws Exception {
    clock.advance(Duration.ofMinutes(5));
    sandbox.apply(QUOTE_ID, Change.edited("edited text"));

    JsonNode tweet = client.tweet(QUOTE_ID);

    assertThat(tweet.path("text").asText()).isEqualTo("edited text");
    assertThat(tweet.path("isEdited").asBoolean()).isTrue();
    JsonNode ids = tweet.path("edit_control").path("edit_tweet_ids");
    assertThat(ids).hasSize(2);
    assertThat(ids.get(0).asText()).isEqualTo(QUOTE_ID);
    assertThat(new java.math.BigInteger(ids.get(1).asText())).isGreaterThan(new java.math.BigInteger(QUOTE_ID));
    assertThat(tweet.path("display_text_range").get(1).asInt()).isEqualTo("edited text".length());
  }

  @Test
  void suspendedAuthorGivesATweetWithoutUser() throws Exception {
    sandbox.apply(QUOTE_ID, Change.suspended());

    JsonNode tweet = client.tweet(QUOTE_ID);

    assertThat(tweet.path("__typename").asText()).isEqualTo("Tweet");
    assertThat(tweet.has("user")).isFalse();
    assertThat(tweet.path("id_str").asText()).isEqualTo(QUOTE_ID);
  }

  @Test
  void protectedAndAgeRestrictedPostsAreTombstones() throws Exception {
    sandbox.apply(QUOTE_ID, Change.protectedAccount());
    sandbox.apply(OTHER_ID, Change.ageRestricted());

    assertThat(client.tweet(QUOTE_ID).path("tombstone").path("text").path("text").asText())
        .isEqualTo("This Post is unavailable.");
    assertThat(client.tweet(OTHER_ID).path("tombstone").path("text").path("text").asText())
        .isEqualTo("Age-restricted adult content");
  }

  @Test
  void restoredPostIsAvailableAgain() throws Exception {
    sandbox.apply(QUOTE_ID, Change.deleted());
    sandbox.apply(QUOTE_ID, Change.restored());

    assertThat(client.tweet(QUOTE_ID).path("__typename").asText()).isEqualTo("Tweet");
  }

  @Test
  void notFoundVariants() throws Exception {
    assertThat(json(client.tweetResult("123", "a")).isEmpty()).as("unknown id gives {}").isTrue();
    assertThat(json(client.tweetResult(PHOTO_ID, null)).isEmpty()).as("missing token gives {}").isTrue();

    HttpResponse<byte[]> bad = client.tweetResult("12ab", "a");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).path("error").asText()).isEqualTo("Bad request.");

    sandbox.apply(QUOTE_ID, Change.notFound404());
    HttpResponse<byte[]> gone = client.tweetResult(QUOTE_ID, "a");
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.headers().firstValue("content-type")).hasValueSatisfying(ct -> ct.startsWith("text/html"));
  }

  @Test
  void globalFaultsAnswer429And503() throws Exception {
    sandbox.setFault(Fault.status(429));
    HttpResponse<byte[]> limited = client.tweetResult(PHOTO_ID, "a");
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("content-type")).hasValueSatisfying(ct -> ct.startsWith("text/plain"));
    assertThat(text(limited)).isEqualTo("Rate limit exceeded");

    sandbox.setFault(Fault.status(503));
    assertThat(client.tweetResult(PHOTO_ID, "a").statusCode()).isEqualTo(503);

    sandbox.setFault(Fault.none());
    assertThat(client.tweetResult(PHOTO_ID, "a").statusCode()).isEqualTo(200);
  }

  @Test
  void flakyWindowFromTheScenarioEnds() throws Exception {
    clock.advance(Duration.ofMinutes(90));
    assertThat(client.tweetResult(VIDEO_ID, "a").statusCode()).isEqualTo(503);

    clock.advance(Duration.ofMinutes(30));
    assertThat(client.tweetResult(VIDEO_ID, "a").statusCode()).isEqualTo(200);
  }

  @Test
  void timeoutFaultHoldsTheRequestBeyondTheClientTimeout() {
    sandbox.apply(QUOTE_ID, Change.flaky(Fault.timeout()));

    assertThatThrownBy(() -> client.get(
            "cdn.syndication.twimg.com/tweet-result?id=" + QUOTE_ID + "&token=a", Duration.ofMillis(300), null))
        .isInstanceOf(HttpTimeoutException.class);
    sandbox.releaseHeldRequests();
  }

  @Test
  void tokenEnforcementAcceptsOnlyTheRealToken() throws Exception {
    assertThat(client.tweet(PHOTO_ID).path("id_str").asText()).as("any token while off").isEqualTo(PHOTO_ID);

    sandbox.setTokenEnforced(true);

    assertThat(json(client.tweetResult(PHOTO_ID, "a")).isEmpty()).isTrue();
    assertThat(json(client.tweetResult(PHOTO_ID, SyndicationToken.of(QUOTE_ID))).isEmpty()).isTrue();
    assertThat(json(client.tweetResult(PHOTO_ID, SyndicationToken.of(PHOTO_ID))).path("id_str").asText())
        .isEqualTo(PHOTO_ID);
    assertThat(sandbox.requests()).last()
        .satisfies(r -> assertThat(r.queryParam("token")).hasValue("3z7miaszni8"));
  }

  @Test
  void browserUserAgentSwitchRefusesOtherClients() throws Exception {
    String path = "cdn.syndication.twimg.com/tweet-result?id=" + PHOTO_ID + "&token=a";
    assertThat(client.get(path, Duration.ofSeconds(5), "curl/8.0").statusCode()).isEqualTo(200);

    sandbox.setBrowserUserAgentRequired(true);

    assertThat(client.get(path, Duration.ofSeconds(5), "curl/8.0").statusCode()).isEqualTo(403);
    assertThat(client.get(path, Duration.ofSeconds(5), SandboxClient.BROWSER_UA).statusCode()).isEqualTo(200);
    assertThat(sandbox.requests()).last()
        .satisfies(r -> assertThat(r.header("User-Agent")).hasValue(SandboxClient.BROWSER_UA));
  }

  @Test
  void volatileCountsDifferBetweenTwoCalls() throws Exception {
    JsonNode first = client.tweet(PHOTO_ID);
    JsonNode second = client.tweet(PHOTO_ID);

    assertThat(second.path("favorite_count").asLong()).isNotEqualTo(first.path("favorite_count").asLong());
    assertThat(second.path("conversation_count").asLong()).isNotEqualTo(first.path("conversation_count").asLong());
    assertThat(second.path("text")).isEqualTo(first.path("text"));
  }

  @Test
  void unknownHostOrPathIs404() throws Exception {
    assertThat(client.get("example.org/whatever").statusCode()).isEqualTo(404);
    assertThat(client.get("cdn.syndication.twimg.com/other").statusCode()).isEqualTo(404);
  }

  @Test
  void routesCoverEveryHost() {
    assertThat(sandbox.routes())
        .containsEntry("net.route.cdn.syndication.twimg.com", sandbox.baseUri() + "/cdn.syndication.twimg.com")
        .containsKeys("net.route.pbs.twimg.com", "net.route.video.twimg.com", "net.route.publish.twitter.com",
            "net.route.api.twitter.com", "net.route.api.x.com");
    assertThat(sandbox.baseUri().getHost()).isEqualTo("127.0.0.1");
  }
}
