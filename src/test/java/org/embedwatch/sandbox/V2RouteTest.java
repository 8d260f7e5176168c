package org.embedwatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.embedwatch.sandbox.SandboxClient.PHOTO_ID;
import static org.embedwatch.sandbox.SandboxClient.QUOTE_ID;
import static org.embedwatch.sandbox.SandboxClient.VIDEO_ID;
import static org.embedwatch.sandbox.SandboxClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's X v2 lookup on api.twitter.com and api.x.com, beside v1.1 on the same hosts. */
class V2RouteTest {
  private static final Map<String, String> BEARER = Map.of("Authorization", "Bearer test-token");
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final MutableClock clock = new MutableClock(START);
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

  private HttpResponse<byte[]> lookup(String query) throws Exception {
    return client.get("api.twitter.com/2/tweets?" + query, BEARER);
  }

  @Test
  void withoutFieldsOnlyTheDefaultFieldsComeBackWithRateLimitHeaders() throws Exception {
    HttpResponse<byte[]> first = lookup("ids=" + PHOTO_ID + "%2C" + VIDEO_ID);
    HttpResponse<byte[]> second = lookup("ids=" + PHOTO_ID);

    assertThat(first.statusCode()).isEqualTo(200);
    JsonNode body = json(first);
    assertThat(body.path("data")).hasSize(2);
    assertThat(body.path("data").get(0).fieldNames()).toIterable()
        .containsExactly("edit_history_tweet_ids", "id", "text");
    assertThat(body.has("includes")).isFalse();
    assertThat(first.headers().firstValue("x-rate-limit-limit")).hasValue("300");
    assertThat(first.headers().firstValue("x-rate-limit-remaining")).hasValue("299");
    assertThat(second.headers().firstValue("x-rate-limit-remaining")).hasValue("298");
    assertThat(first.headers().firstValue("x-rate-limit-reset"))
        .hasValue(Long.toString(START.plus(Duration.ofMinutes(15)).getEpochSecond()));
  }

  @Test
  void fieldsAndExpansionsBringAuthorMediaWithBitRateAndTheQuotedTweet() throws Exception {
    JsonNode body = json(lookup("ids=" + VIDEO_ID + "," + QUOTE_ID
        + "&tweet.fields=author_id,attachments,referenced_tweets,public_metrics"
        + "&expansions=author_id,attachments.media_keys,referenced_tweets.id&media.fields=variants,preview_image_url"
        + "&user.fields=profile_image_url"));

    JsonNode video = body.path("data").get(0);
    assertThat(video.path("attachments").path("media_keys").get(0).asText()).isEqualTo("7_1684020091854225408");
    JsonNode media = body.path("includes").path("media").get(0);
    assertThat(media.path("type").asText()).isEqualTo("video");
    assertThat(media.path("variants").get(0).path("bit_rate").asLong()).isEqualTo(2176000);
    assertThat(media.path("variants").get(2).has("bit_rate")).as("the HLS playlist has no bit rate").isFalse();
    assertThat(body.path("includes").path("users")).extracting(u -> u.path("username").asText())
        .containsExactly("Rainmaker1973", "mattcarrollcode");
    assertThat(body.path("data").get(1).path("referenced_tweets").get(0).toString())
        .isEqualTo("{\"type\":\"quoted\",\"id\":\"" + PHOTO_ID + "\"}");
    assertThat(body.path("includes").path("tweets").get(0).path("id").asText()).isEqualTo(PHOTO_ID);
    JsonNode again = json(lookup("ids=" + VIDEO_ID + "&tweet.fields=public_metrics"));
    assertThat(again.path("data").get(0).path("public_metrics")).isNotEqualTo(video.path("public_metrics"));
  }

  @Test
  void deletedSuspendedAndProtectedPostsArePartialErrorsWithHttp200() throws Exception {
    sandbox.apply(PHOTO_ID, Change.deleted());
    sandbox.apply(VIDEO_ID, Change.suspended());
    sandbox.apply(QUOTE_ID, Change.protectedAccount());

    HttpResponse<byte[]> response = lookup("ids=" + PHOTO_ID + "," + VIDEO_ID + "," + QUOTE_ID);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.has("data")).as("every id failed").isFalse();
    assertThat(body.path("errors")).extracting(e -> e.path("value").asText() + " " + e.path("title").asText())
        .containsExactly(PHOTO_ID + " Not Found Error", VIDEO_ID + " Authorization Error",
            QUOTE_ID + " Authorization Error");
    assertThat(body.path("errors").get(0).path("type").asText())
        .isEqualTo("https://api.twitter.com/2/problems/resource-not-found");
    assertThat(body.path("errors").get(1).path("type").asText())
        .isEqualTo("https://api.twitter.com/2/problems/not-authorized-for-resource");
  }

  @Test
  void anEditGivesTheNewTextAndALongerEditHistory() throws Exception {
    clock.advance(Duration.ofMinutes(5));
    sandbox.apply(PHOTO_ID, Change.edited("second version"));

    JsonNode tweet = json(lookup("ids=" + PHOTO_ID)).path("data").get(0);

    assertThat(tweet.path("text").asText()).isEqualTo("second version");
    assertThat(tweet.path("id").asText()).isEqualTo(PHOTO_ID);
    assertThat(tweet.path("edit_history_tweet_ids")).hasSize(2);
    assertThat(tweet.path("edit_history_tweet_ids").get(0).asText()).isEqualTo(PHOTO_ID);
  }

  @Test
  void badIdsAre400AndAMissingTokenIs401() throws Exception {
    HttpResponse<byte[]> bad = lookup("ids=123,12345678901234567890");
    HttpResponse<byte[]> anonymous = client.get("api.twitter.com/2/tweets?ids=" + PHOTO_ID, Map.of());

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).path("errors").get(0).path("message").asText())
        .isEqualTo("The `ids` query parameter value [12345678901234567890] does not match ^[0-9]{1,19}$");
    assertThat(json(bad).path("title").asText()).isEqualTo("Invalid Request");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(json(anonymous).toString())
        .isEqualTo("{\"title\":\"Unauthorized\",\"detail\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401}");
  }

  @Test
  void theSingleLookupServesDataOrTheReportedNotFoundShapeOnBothHosts() throws Exception {
    sandbox.apply(VIDEO_ID, Change.deleted());

    JsonNode found = json(client.get("api.x.com/2/tweets/" + PHOTO_ID, BEARER));
    JsonNode missing = json(client.get("api.twitter.com/2/tweets/" + VIDEO_ID, BEARER));

    assertThat(found.path("data").path("id").asText()).isEqualTo(PHOTO_ID);
    assertThat(missing.path("errors").get(0).path("parameter").asText()).isEqualTo("id");
    assertThat(missing.path("detail").asText()).isEqualTo("Could not find tweet with id: [" + VIDEO_ID + "].");
  }

  @Test
  void aGlobalFaultIsRenderedInTheShapeOfTheApiAsked() throws Exception {
    sandbox.setFault(Fault.status(429));
    HttpResponse<byte[]> v2 = lookup("ids=" + PHOTO_ID);
    HttpResponse<byte[]> v1 = client.get("api.twitter.com/1.1/statuses/show/" + PHOTO_ID + ".json", BEARER);

    assertThat(v2.statusCode()).isEqualTo(429);
    assertThat(json(v2).path("title").asText()).isEqualTo("Too Many Requests");
    assertThat(v2.headers().firstValue("x-rate-limit-remaining")).hasValue("0");
    assertThat(v1.statusCode()).isEqualTo(429);
    assertThat(json(v1).path("errors").get(0).path("code").asInt()).isEqualTo(88);
  }

  @Test
  void theRateLimitWindowRunsOutAfter300RequestsAndResetsWithTheClock() throws Exception {
    for (int i = 0; i < 300; i++) {
      assertThat(lookup("ids=" + PHOTO_ID).statusCode()).isEqualTo(200);
    }
    HttpResponse<byte[]> over = lookup("ids=" + PHOTO_ID);
    clock.advance(Duration.ofMinutes(15));
    HttpResponse<byte[]> next = lookup("ids=" + PHOTO_ID);

    assertThat(over.statusCode()).isEqualTo(429);
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.headers().firstValue("x-rate-limit-remaining")).hasValue("299");
  }
}
