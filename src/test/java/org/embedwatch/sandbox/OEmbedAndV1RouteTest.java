package org.embedwatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.embedwatch.sandbox.SandboxClient.PHOTO_ID;
import static org.embedwatch.sandbox.SandboxClient.QUOTE_ID;
import static org.embedwatch.sandbox.SandboxClient.json;
import static org.embedwatch.sandbox.SandboxClient.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OEmbedAndV1RouteTest {
  private static final String OEMBED = "publish.twitter.com/oembed?url=https%3A%2F%2Ftwitter.com%2FSamuelSusla%2Fstatus%2F"
      + PHOTO_ID;
  private static final String SHOW = "api.twitter.com/1.1/statuses/show/" + PHOTO_ID + ".json?tweet_mode=extended";

  private Sandbox sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(0, Scenario.demo(), new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    client = new SandboxClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void oEmbedCarriesTheCurrentTextAuthorAndDateEscapedLikeTheRealOne() throws Exception {
    HttpResponse<byte[]> response = client.get(OEMBED);

    assertThat(response.statusCode()).isEqualTo(200);
    String raw = text(response);
    assertThat(raw).startsWith("{\"url\":\"https:\\/\\/twitter.com\\/SamuelSusla\\/status\\/" + PHOTO_ID + "\"");
    assertThat(raw).contains("\\u003Cblockquote class=\\\"twitter-tweet\\\"\\u003E");
    JsonNode body = json(response);
    assertThat(body.path("author_name").asText()).isEqualTo("sammy");
    assertThat(body.path("html").asText())
        .contains("View Flattening in React Native")
        .contains("&mdash; sammy (@SamuelSusla)")
        .contains("March 29, 2023</a></blockquote>");
    assertThat(body.path("height").isNull()).isTrue();
    assertThat(body.path("cache_age").asText()).isEqualTo("3153600000");
  }

  @Test
  void oEmbedFollowsEditsAndHonoursMaxwidthAndDnt() throws Exception {
    sandbox.apply(PHOTO_ID, Change.edited("a <new> text"));

    JsonNode body = json(client.get(OEMBED + "&maxwidth=1000&dnt=1&omit_script=1"));

    assertThat(body.path("width").asInt()).isEqualTo(550);
    assertThat(body.path("html").asText())
        .contains("data-width=\"550\"", "data-dnt=\"true\"", "a &lt;new&gt; text")
        .doesNotContain("widgets.js");
  }

  @Test
  void oEmbedIs404AfterDeletionAnd403WhenProtected() throws Exception {
    sandbox.apply(QUOTE_ID, Change.protectedAccount());
    HttpResponse<byte[]> forbidden =
        client.get("publish.twitter.com/oembed?url=https://x.com/mattcarrollcode/status/" + QUOTE_ID);
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(json(forbidden).path("error").asText()).isEqualTo("Sorry, you are not authorized to see this status.");

    sandbox.apply(PHOTO_ID, Change.deleted());
    assertThat(client.get(OEMBED).statusCode()).isEqualTo(404);
  }

  @Test
  void v1ShowReturnsTheStatusWithFullTextAndRateLimitHeaders() throws Exception {
    HttpResponse<byte[]> response = client.get(SHOW);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode status = json(response);
    assertThat(status.path("id_str").asText()).isEqualTo(PHOTO_ID);
    assertThat(status.path("id").asText()).isEqualTo(PHOTO_ID);
    assertThat(status.path("full_text").asText()).startsWith("If you are interested about View Flattening");
    assertThat(status.has("text")).isFalse();
    assertThat(status.path("user").path("screen_name").asText()).isEqualTo("SamuelSusla");
    assertThat(status.path("user").path("id_str").asText()).isEqualTo("469266133");
    assertThat(status.path("created_at").asText()).isEqualTo("Wed Mar 29 14:34:41 +0000 2023");
    assertThat(status.path("entities").path("media").get(0).path("media_url_https").asText())
        .isEqualTo("https://pbs.twimg.com/media/FsZNOgcWAAEQtrd.jpg");
    assertThat(response.headers().firstValue("x-rate-limit-limit")).hasValue("900");
    assertThat(response.headers().firstValue("x-rate-limit-remaining")).hasValue("899");
    assertThat(response.headers().firstValue("x-rate-limit-reset")).isPresent();

    JsonNode queryForm = json(client.get("api.x.com/1.1/statuses/show.json?id=" + PHOTO_ID));
    assertThat(queryForm.path("text").asText()).startsWith("If you are interested");
  }

  @Test
  void v1ShowErrorsFollowTheErrorTable() throws Exception {
    sandbox.apply(PHOTO_ID, Change.deleted());
    HttpResponse<byte[]> deleted = client.get(SHOW);
    assertThat(deleted.statusCode()).isEqualTo(404);
    assertThat(json(deleted).path("errors").get(0).path("code").asInt()).isEqualTo(144);

    sandbox.apply(PHOTO_ID, Change.suspended());
    HttpResponse<byte[]> suspended = client.get(SHOW);
    assertThat(suspended.statusCode()).isEqualTo(403);
    assertThat(json(suspended).path("errors").get(0).path("code").asInt()).isEqualTo(63);

    sandbox.apply(PHOTO_ID, Change.protectedAccount());
    assertThat(json(client.get(SHOW)).path("errors").get(0).path("code").asInt()).isEqualTo(179);

    sandbox.setFault(Fault.status(429));
    HttpResponse<byte[]> limited = client.get(SHOW);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(json(limited).path("errors").get(0).path("code").asInt()).isEqualTo(88);
    assertThat(limited.headers().firstValue("x-rate-limit-remaining")).hasValue("0");
    assertThat(limited.headers().firstValue("x-rate-limit-reset")).isPresent();
  }
}
