package org.embedwatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.embedwatch.sandbox.SandboxClient.PHOTO_ID;

import java.time.Instant;
import java.util.Properties;
import twitter4j.TwitterObjectFactory;
import twitter4j.v1.ResponseList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import twitter4j.Twitter;
import twitter4j.TwitterException;
import twitter4j.v1.Status;

/** The v1.1 route must parse with the client the app uses: Twitter4J 4.1.2 pointed at the sandbox. */
class Twitter4jCompatibilityTest {
  private Sandbox sandbox;
  private Twitter twitter;

  @BeforeEach
  void start() throws Exception {
    sandbox = Sandbox.start(0, Scenario.demo(), new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    Properties properties = new Properties();
    properties.setProperty("restBaseURL", sandbox.routes().get("net.route.api.twitter.com") + "/1.1/");
    twitter = Twitter.newBuilder()
        .load(properties)
        .oAuthConsumer("consumer-key", "consumer-secret")
        .oAuthAccessToken("access-token", "access-secret")
        .tweetModeExtended(true)
        .jsonStoreEnabled(true)
        .httpRetryCount(0)
        .build();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void twitter4jReadsTheStatus() throws Exception {
    Status status = twitter.v1().tweets().showStatus(Long.parseLong(PHOTO_ID));

    assertThat(status.getId()).isEqualTo(Long.parseLong(PHOTO_ID));
    assertThat(status.getText()).startsWith("If you are interested about View Flattening");
    assertThat(status.getUser().getScreenName()).isEqualTo("SamuelSusla");
    assertThat(status.getMediaEntities()).hasSize(1);
    assertThat(sandbox.requests()).last().satisfies(r -> {
      assertThat(r.hostPath()).isEqualTo("/1.1/statuses/show/" + PHOTO_ID + ".json");
      assertThat(r.queryParam("tweet_mode")).hasValue("extended");
    });
  }

  @Test
  void twitter4jSeesCode144AfterDeletion() {
    sandbox.apply(PHOTO_ID, Change.deleted());

    assertThatThrownBy(() -> twitter.v1().tweets().showStatus(Long.parseLong(PHOTO_ID)))
        .isInstanceOfSatisfying(TwitterException.class, expected -> {
          assertThat(expected.getStatusCode()).isEqualTo(404);
          assertThat(expected.getErrorCode()).isEqualTo(144);
        });
  }

  @Test
  void twitter4jLookupDropsTheMissingIdsAndKeepsTheArraysRawJsonAndRateLimit() throws Exception {
    sandbox.apply(SandboxClient.VIDEO_ID, Change.deleted());

    ResponseList<Status> list = twitter.v1().tweets().lookup(Long.parseLong(PHOTO_ID),
        Long.parseLong(SandboxClient.VIDEO_ID), Long.parseLong(SandboxClient.QUOTE_ID));

    assertThat(list).extracting(Status::getId).containsExactly(Long.parseLong(SandboxClient.QUOTE_ID),
        Long.parseLong(PHOTO_ID));
    String raw = TwitterObjectFactory.getRawJSON(list);
    assertThat(raw).as("the array's raw JSON is kept").startsWith("[{").contains("\"id_str\":\"" + PHOTO_ID + "\"");
    assertThat(TwitterObjectFactory.getRawJSON(list.get(1))).contains("\"id_str\":\"" + PHOTO_ID + "\"");
    assertThat(list.getRateLimitStatus().getLimit()).isEqualTo(900);
    assertThat(list.getRateLimitStatus().getRemaining()).isEqualTo(899);
    assertThat(sandbox.requests()).last().satisfies(r -> {
      assertThat(r.hostPath()).isEqualTo("/1.1/statuses/lookup.json");
      assertThat(r.query()).isEqualTo("id=" + PHOTO_ID + "," + SandboxClient.VIDEO_ID + "," + SandboxClient.QUOTE_ID
          + "&include_entities=true&tweet_mode=extended");
    });
  }
}
