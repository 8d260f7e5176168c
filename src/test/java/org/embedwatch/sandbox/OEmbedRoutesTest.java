package org.embedwatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's YouTube, TikTok and Graph API oEmbed routes and their thumbnail hosts. */
class OEmbedRoutesTest {
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static String youtube(String id) {
    return "www.youtube.com/oembed?url=" + enc("https://www.youtube.com/watch?v=" + id) + "&format=json";
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static JsonNode json(HttpResponse<byte[]> r) throws java.io.IOException {
    return JSON.readTree(r.body());
  }

  @Test
  void scenarioFilesNameTheOEmbedPlatformsAndTheirHostsAreRouted() throws Exception {
    Scenario scenario = Scenario.parse("{\"posts\": ["
        + "{\"id\": \"dQw4w9WgXcQ\", \"platform\": \"youtube\", \"handle\": \"citynews\", \"text\": \"Closed\","
        + " \"events\": [{\"after\": \"P1D\", \"change\": \"protected\"}, {\"after\": \"P2D\", \"change\": \"deleted\"},"
        + " {\"after\": \"P3D\", \"change\": \"restored\"}]},"
        + "{\"id\": \"7301234567890123456\", \"platform\": \"tiktok\", \"handle\": \"newsdesk\"}]}", dir);
    MutableClock clock = new MutableClock(START);
    try (Sandbox sandbox = Sandbox.start(0, scenario, clock)) {
      SandboxClient client = new SandboxClient(sandbox);

      assertThat(sandbox.routes()).containsKeys("net.route.www.youtube.com", "net.route.i.ytimg.com",
          "net.route.www.tiktok.com", "net.route.p16-sign-va.tiktokcdn.com", "net.route.graph.facebook.com",
          "net.route.scontent.cdninstagram.com");
      JsonNode served = json(client.get(youtube("dQw4w9WgXcQ")));
      assertThat(served.path("title").asText()).isEqualTo("Closed");
      assertThat(served.path("author_url").asText()).isEqualTo("https://www.youtube.com/@citynews");
      assertThat(served.path("html").asText()).contains("src=\"https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed\"");
      HttpResponse<byte[]> thumbnail = client.get("i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg");
      assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/jpeg");
      assertThat(thumbnail.body()).startsWith((byte) 0xFF, (byte) 0xD8);

      clock.advance(Duration.ofDays(1));
      HttpResponse<byte[]> hidden = client.get(youtube("dQw4w9WgXcQ"));
      assertThat(hidden.statusCode()).isEqualTo(401);
      assertThat(new String(hidden.body(), StandardCharsets.UTF_8)).isEqualTo("Unauthorized");
      clock.advance(Duration.ofDays(1));
      HttpResponse<byte[]> gone = client.get(youtube("dQw4w9WgXcQ"));
      assertThat(gone.statusCode()).isEqualTo(404);
      assertThat(new String(gone.body(), StandardCharsets.UTF_8)).isEqualTo("Not Found");
      clock.advance(Duration.ofDays(1));
      assertThat(client.get(youtube("dQw4w9WgXcQ")).statusCode()).isEqualTo(200);

      JsonNode tiktok = json(client.get("www.tiktok.com/oembed?url="
          + enc("https://www.tiktok.com/@newsdesk/video/7301234567890123456")));
      assertThat(tiktok.path("author_unique_id").asText()).isEqualTo("newsdesk");
      assertThat(tiktok.path("title").asText()).startsWith("Scramble up ur name");
      assertThat(tiktok.path("html").asText())
          .contains("cite=\"https://www.tiktok.com/@newsdesk/video/7301234567890123456\"");
      HttpResponse<byte[]> unknown = client.get("www.tiktok.com/oembed?url="
          + enc("https://www.tiktok.com/@newsdesk/video/7000000000000000000"));
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(json(unknown).path("message").asText()).isEqualTo("Something went wrong");
    }
  }

  @Test
  void theGraphRouteWantsTheSandboxTokenAndAnswersInGraphErrors() throws Exception {
    Scenario scenario = Scenario.of(Scenario.Post.instagram("C1a2b3c4d5e", "alice.photos"));
    try (Sandbox sandbox = Sandbox.start(0, scenario, new MutableClock(START))) {
      SandboxClient client = new SandboxClient(sandbox);
      String ask = "graph.facebook.com/v18.0/instagram_oembed?url=" + enc("https://www.instagram.com/p/C1a2b3c4d5e/");

      HttpResponse<byte[]> noToken = client.get(ask);
      assertThat(noToken.statusCode()).isEqualTo(400);
      assertThat(json(noToken).path("error").path("code").asInt()).isEqualTo(190);
      JsonNode served = json(client.get(ask + "&access_token=" + enc(Sandbox.META_OEMBED_TOKEN)));
      assertThat(served.path("author_name").asText()).isEqualTo("alice.photos");
      assertThat(served.path("html").asText())
          .contains("data-instgrm-permalink=\"https://www.instagram.com/p/C1a2b3c4d5e/?utm_source=ig_embed");
      String thumbnail = served.path("thumbnail_url").asText();
      assertThat(thumbnail).startsWith("https://scontent.cdninstagram.com/");
      HttpResponse<byte[]> image = client.get(thumbnail.substring("https://".length()));
      assertThat(image.statusCode()).isEqualTo(200);
      assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");

      sandbox.setFault(Fault.status(429).times(1));
      HttpResponse<byte[]> throttled = client.get(ask + "&access_token=" + enc(Sandbox.META_OEMBED_TOKEN));
      assertThat(throttled.statusCode()).isEqualTo(400);
      assertThat(json(throttled).path("error").path("code").asInt()).isEqualTo(4);
    }
  }

  @Test
  void oEmbedPostsNeedAnIdOfTheirPlatformAndAHandle() {
    assertThatThrownBy(() -> Scenario.Post.youtube("short", "citynews", "x"))
        .hasMessageContaining("not a YouTube video id (11 characters): 'short'");
    assertThatThrownBy(() -> Scenario.Post.tiktok("12ab", "newsdesk", "x")).hasMessageContaining("TikTok video id");
    assertThatThrownBy(() -> Scenario.Post.instagram("C1a2b3c4d5e", null)).hasMessageContaining("needs a handle");
    assertThatThrownBy(() -> Scenario.parse("{\"posts\": [{\"id\": \"1\", \"platform\": \"myspace\"}]}", dir))
        .hasMessageContaining("unknown platform 'myspace' (x, bluesky, mastodon, youtube, tiktok, instagram,"
            + " facebook)");
  }
}
