package org.embedwatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.embedwatch.sandbox.SandboxClient.text;

import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  private static Path bundledScenario() throws URISyntaxException {
    return Path.of(ScenarioTest.class.getResource("scenario/scenario.json").toURI());
  }

  @Test
  void parsesTheDocumentedFormat() throws Exception {
    Scenario scenario = Scenario.parse(bundledScenario());

    assertThat(scenario.posts()).hasSize(4);
    Scenario.Post override = scenario.posts().get(1);
    assertThat(override.text()).isEqualTo("override text");
    assertThat(override.createdAt()).isEqualTo(Instant.parse("2024-03-12T10:00:00Z"));
    assertThat(override.events()).containsExactly(
        Scenario.Event.at(Instant.parse("2026-01-02T00:00:00Z"), Change.deleted()));
    assertThat(scenario.posts().get(2).events()).containsExactly(
        Scenario.Event.after(Duration.ofDays(1), Change.edited("new text")));
    assertThat(scenario.posts().get(3).events()).containsExactly(
        Scenario.Event.after(Duration.ofHours(1), Change.flaky(Fault.status(503))),
        Scenario.Event.after(Duration.ofHours(2), Change.flaky(Fault.none())));
    assertThat(scenario.articles().get(0).file()).isEqualTo(bundledScenario().resolveSibling("story.html"));
  }

  @Test
  void aScenarioPostCanBeOnBlueskyOrOnAMastodonServer() throws Exception {
    Scenario scenario = Scenario.parse("{\"posts\": ["
        + "{\"id\": \"3l6oveex3ii2l\", \"platform\": \"bluesky\", \"handle\": \"alice.bsky.social\"},"
        + "{\"id\": \"113264455016329920\", \"platform\": \"mastodon\", \"handle\": \"bob@fosstodon.org\","
        + " \"events\": [{\"after\": \"P1D\", \"change\": \"deleted\"}]}]}", dir);
    MutableClock clock = new MutableClock(START);
    try (Sandbox sandbox = Sandbox.start(0, scenario, clock)) {
      SandboxClient client = new SandboxClient(sandbox);

      assertThat(sandbox.routes()).containsKeys("net.route.public.api.bsky.app", "net.route.fosstodon.org");
      assertThat(text(client.get("public.api.bsky.app/xrpc/com.atproto.identity.resolveHandle"
          + "?handle=alice.bsky.social"))).startsWith("{\"did\":\"did:plc:");
      assertThat(client.get("fosstodon.org/api/v1/statuses/113264455016329920").statusCode()).isEqualTo(200);
      clock.advance(Duration.ofDays(1));
      HttpResponse<byte[]> gone = client.get("fosstodon.org/api/v1/statuses/113264455016329920");
      assertThat(gone.statusCode()).isEqualTo(404);
      assertThat(text(gone)).isEqualTo("{\"error\":\"Record not found\"}");
    }
    assertThatThrownBy(() -> Scenario.parse("{\"posts\": [{\"id\": \"1\", \"platform\": \"mastodon\"}]}", dir))
        .hasMessageContaining("posts[0]").hasMessageContaining("needs a handle user@host");
  }

  @Test
  void scenarioFromFileDrivesTheServerAndServesTheArticle() throws Exception {
    MutableClock clock = new MutableClock(START);
    try (Sandbox sandbox = Sandbox.start(0, Scenario.parse(bundledScenario()), clock)) {
      SandboxClient client = new SandboxClient(sandbox);

      HttpResponse<byte[]> article = client.get("news.example/2024/story.html");
      assertThat(article.statusCode()).isEqualTo(200);
      assertThat(article.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
      assertThat(text(article)).contains("twitter-tweet");
      assertThat(client.get("news.example/2024/other.html").statusCode()).isEqualTo(404);
      assertThat(sandbox.routes()).containsEntry("net.route.news.example", sandbox.baseUri() + "/news.example");

      assertThat(client.tweet("1700000000000000001").path("text").asText()).isEqualTo("override text");
      clock.advance(Duration.ofDays(1));
      assertThat(client.tweet("1700000000000000001").path("__typename").asText()).isEqualTo("TweetTombstone");
      assertThat(client.tweet("1684218600456876032").path("text").asText()).isEqualTo("new text");
    }
  }

  @Test
  void demoHasTheThreeRealSamplePosts() {
    assertThat(Scenario.demo().posts()).extracting(Scenario.Post::id)
        .containsExactly("1641086480675225601", "1684218600456876032", "1641895049427550208");
  }

  @Test
  void unknownChangeIsNamedWithTheFile() throws Exception {
    Path file = write("{\"posts\":[{\"id\":\"1\",\"sample\":\"photo_tweet_1641086480675225601.json\","
        + "\"events\":[{\"after\":\"P1D\",\"change\":\"delted\"}]}]}");

    assertThatThrownBy(() -> Scenario.parse(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("posts[0].events[0].change")
        .hasMessageContaining("unknown change 'delted'");
  }

  @Test
  void badDurationIsNamedWithTheFile() throws Exception {
    Path file = write("{\"posts\":[{\"id\":\"1\",\"sample\":\"photo_tweet_1641086480675225601.json\","
        + "\"events\":[{\"after\":\"1 day\",\"change\":\"deleted\"}]}]}");

    assertThatThrownBy(() -> Scenario.parse(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("bad duration '1 day'");
  }

  @Test
  void unknownSampleIsNamedWithTheFile() throws Exception {
    Path file = write("{\"posts\":[{\"id\":\"1\",\"sample\":\"nope.json\"}]}");

    assertThatThrownBy(() -> Scenario.parse(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("unknown sample 'nope.json'");
  }

  @Test
  void otherMistakesAreReportedToo() throws Exception {
    assertThatThrownBy(() -> Scenario.parse(write("{\"posts\":[{\"id\":\"x1\",\"sample\":\"a\"}]}")))
        .hasMessageContaining("not a tweet id: 'x1'");
    assertThatThrownBy(() -> Scenario.parse(write("{\"posts\":[], \"artcles\":[]}")))
        .hasMessageContaining("unknown field 'artcles'");
    assertThatThrownBy(() -> Scenario.parse(write("{\"articles\":[{\"host\":\"n.example\",\"path\":\"/a\","
            + "\"file\":\"missing.html\"}]}")))
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> Scenario.parse(write("{\"posts\":[{\"id\":\"1\","
            + "\"sample\":\"photo_tweet_1641086480675225601.json\",\"events\":[{\"after\":\"PT1H\","
            + "\"change\":\"flaky\",\"status\":200}]}]}")))
        .hasMessageContaining("bad flaky status 200");
    assertThatThrownBy(() -> Scenario.parse(write("{not json")))
        .hasMessageContaining("not valid JSON");
  }

  private Path write(String json) throws Exception {
    Path file = dir.resolve("scenario-" + System.nanoTime() + ".json");
    Files.writeString(file, json);
    return file;
  }
}
