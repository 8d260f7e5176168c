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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** v1.1 {@code statuses/lookup}: left-out ids, the map form, the extended text, and the per-window rate limit. */
class V1LookupRouteTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final String LOOKUP = "api.twitter.com/1.1/statuses/lookup.json?id=";

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

  private static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(status -> ids.add(status.path("id_str").asText()));
    return ids;
  }

  @Test
  void lookupAnswersTheVisiblePostsNewestFirstAndLeavesOutTheOthers() throws Exception {
    sandbox.apply(QUOTE_ID, Change.protectedAccount());

    HttpResponse<byte[]> response = client.get(LOOKUP + PHOTO_ID + "," + QUOTE_ID + ",1," + VIDEO_ID
        + "&include_entities=true&tweet_mode=extended");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode array = json(response);
    assertThat(ids(array)).containsExactly(VIDEO_ID, PHOTO_ID);
    assertThat(array.get(1).path("full_text").asText()).startsWith("If you are interested about View Flattening");
    assertThat(array.get(1).has("text")).isFalse();
    assertThat(response.headers().firstValue("x-rate-limit-limit")).hasValue("900");
    assertThat(response.headers().firstValue("x-rate-limit-remaining")).hasValue("899");
    assertThat(response.headers().firstValue("x-rate-limit-reset"))
        .hasValue(Long.toString(START.plusSeconds(900).getEpochSecond()));

    sandbox.apply(PHOTO_ID, Change.deleted());
    sandbox.apply(VIDEO_ID, Change.suspended());
    HttpResponse<byte[]> none = client.get(LOOKUP + PHOTO_ID + "," + VIDEO_ID + "," + QUOTE_ID);
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(SandboxClient.text(none)).isEqualTo("[]");
  }

  @Test
  void withoutTweetModeTheStatusCarriesTextAndWithMapTheAnswerIsKeyedByIdWithNulls() throws Exception {
    sandbox.apply(VIDEO_ID, Change.deleted());

    JsonNode map = json(client.get(LOOKUP + PHOTO_ID + "," + VIDEO_ID + "&map=true"));

    JsonNode byId = map.path("id");
    List<String> keys = new ArrayList<>();
    byId.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly(PHOTO_ID, VIDEO_ID);
    assertThat(byId.get(VIDEO_ID).isNull()).isTrue();
    assertThat(byId.get(PHOTO_ID).path("text").asText()).startsWith("If you are interested about View Flattening");
    assertThat(byId.get(PHOTO_ID).has("full_text")).isFalse();
  }

  @Test
  void aMalformedOrOversizedIdListIsRefused() throws Exception {
    StringBuilder many = new StringBuilder("1");
    for (int i = 2; i <= 101; i++) {
      many.append(',').append(i);
    }
    for (String query : List.of("abc", "", "1,,2", many.toString())) {
      HttpResponse<byte[]> response = client.get(LOOKUP + query);
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(json(response).path("errors").get(0).path("code").asInt()).isEqualTo(195);
    }
    assertThat(client.get(LOOKUP + many.substring(0, many.lastIndexOf(","))).statusCode()).isEqualTo(200);
  }

  @Test
  void eachEndpointCountsItsOwnWindowAndAnswers429Code88PastTheLimitUntilTheWindowEnds() throws Exception {
    sandbox.setV1RateLimit(2);
    String show = "api.twitter.com/1.1/statuses/show/" + PHOTO_ID + ".json";

    assertThat(client.get(LOOKUP + PHOTO_ID).headers().firstValue("x-rate-limit-remaining")).hasValue("1");
    assertThat(client.get(show).headers().firstValue("x-rate-limit-remaining")).as("show has its own window")
        .hasValue("1");
    clock.advance(Duration.ofMinutes(14));
    assertThat(client.get(LOOKUP + PHOTO_ID).headers().firstValue("x-rate-limit-remaining")).hasValue("0");
    HttpResponse<byte[]> limited = client.get(LOOKUP + PHOTO_ID);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(json(limited).path("errors").get(0).path("code").asInt()).isEqualTo(88);
    assertThat(limited.headers().firstValue("x-rate-limit-remaining")).hasValue("0");
    assertThat(limited.headers().firstValue("x-rate-limit-reset"))
        .hasValue(Long.toString(START.plusSeconds(900).getEpochSecond()));
    assertThat(client.get(show).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(1));
    HttpResponse<byte[]> next = client.get(LOOKUP + PHOTO_ID);
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.headers().firstValue("x-rate-limit-remaining")).hasValue("1");
    assertThat(next.headers().firstValue("x-rate-limit-reset"))
        .hasValue(Long.toString(START.plusSeconds(1800).getEpochSecond()));
  }

  @Test
  void aFlakyPostFailsTheWholeLookupThatAsksForIt() throws Exception {
    sandbox.apply(VIDEO_ID, Change.flaky(Fault.status(503)));

    assertThat(client.get(LOOKUP + PHOTO_ID + "," + VIDEO_ID).statusCode()).isEqualTo(503);
    assertThat(client.get(LOOKUP + PHOTO_ID).statusCode()).isEqualTo(200);
  }
}
