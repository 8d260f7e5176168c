package org.embedwatch.platform.x;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.UnavailableReason;
import org.embedwatch.archive.ExchangeRecorder;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.platform.PostContent;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.sandbox.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OEmbedClientTest {
  private static final String PHOTO = "1641086480675225601";
  private static final PostKey POST =
      new PostKey(Platform.X, PHOTO, "SamuelSusla", "https://twitter.com/SamuelSusla/status/" + PHOTO);

  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();
  private Sandbox sandbox;
  private HttpFetcher http;
  private OEmbedClient client;

  @BeforeEach
  void start() throws IOException {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    sandbox = Sandbox.start(0, Scenario.demo(), clock);
    List<String> settings = new ArrayList<>();
    sandbox.routes().forEach((key, value) -> settings.add(key + "=" + value));
    settings.add("net.read-timeout=PT0.5S");
    settings.add("net.rate.default=off");
    settings.add("net.only-routed=true");
    settings.add("net.retries=0");
    http = new HttpFetcher(new SettingsLoader(dir).load(Optional.empty(), settings).net(), ExchangeRecorder.none(),
        clock, wait -> { });
    client = new OEmbedClient(http, json);
  }

  @AfterEach
  void stop() throws IOException {
    http.close();
    sandbox.close();
  }

  @Test
  void servedPostCarriesTheParagraphTextAndAuthorAndNoMedia() {
    PostFetch fetch = client.fetch(POST);

    assertThat(fetch).isInstanceOf(PostFetch.Served.class);
    PostContent content = ((PostFetch.Served) fetch).content();
    assertThat(content.postId()).isEqualTo(PHOTO);
    assertThat(content.text()).startsWith("If you are interested about View Flattening").doesNotContain("<", "&mdash;");
    assertThat(content.authorHandle()).isEqualTo("SamuelSusla");
    assertThat(content.authorName()).isEqualTo("sammy");
    assertThat(content.createdAt()).isEqualTo("March 29, 2023");
    assertThat(content.media()).isEmpty();
    assertThat(fetch.fetch().uri().toString()).contains("/publish.twitter.com/oembed?url=https%3A%2F%2Ftwitter.com");
  }

  @Test
  void deletedPostIsNotFoundWithoutAReason() {
    sandbox.apply(PHOTO, Change.deleted());

    PostFetch fetch = client.fetch(POST);

    assertThat(fetch).isInstanceOf(PostFetch.NotFound.class);
    assertThat(fetch.outcome()).isEqualTo(Outcome.NOT_FOUND);
  }

  @Test
  void protectedAccountIsUnavailableAsProtectedInTheEndpointsWords() {
    sandbox.apply(PHOTO, Change.protectedAccount());

    PostFetch fetch = client.fetch(POST);

    assertThat(fetch).isInstanceOfSatisfying(PostFetch.Unavailable.class, u -> {
      assertThat(u.reason()).isEqualTo(UnavailableReason.PROTECTED);
      assertThat(u.detail()).isEqualTo("HTTP 403: Sorry, you are not authorized to see this status.");
    });
  }

  @Test
  void rateLimitIsInconclusive() {
    sandbox.setFault(Fault.status(429));

    assertThat(client.fetch(POST).outcome()).isEqualTo(Outcome.RATE_LIMITED);
  }

  @Test
  void serverErrorIsInconclusive() {
    sandbox.setFault(Fault.status(503));

    PostFetch fetch = client.fetch(POST);

    assertThat(fetch).isInstanceOf(PostFetch.Inconclusive.class);
    assertThat(fetch.outcome()).isEqualTo(Outcome.SERVER_ERROR);
  }

  @Test
  void timeoutIsATransportErrorNotEvidence() {
    sandbox.setFault(Fault.timeout());

    PostFetch fetch = client.fetch(POST);

    assertThat(fetch.outcome()).isEqualTo(Outcome.TRANSPORT_ERROR);
    assertThat(fetch.fetch()).isInstanceOfSatisfying(Fetch.Failure.class,
        f -> assertThat(f.kind()).isEqualTo(Fetch.Kind.TIMEOUT));
  }

  @Test
  void htmlPageWithStatus200IsUnexpectedAndKept() {
    sandbox.setOEmbedInterstitial(true);

    PostFetch fetch = client.fetch(POST);

    assertThat(fetch.outcome()).isEqualTo(Outcome.UNEXPECTED);
    assertThat(((Fetch.Response) fetch.fetch()).body()).asString().contains("Please sign in");
  }

  @Test
  void jsonWithoutAnEmbeddedTweetIsUnexpected() throws Exception {
    JsonNode body = json.readTree("{\"url\":\"https://twitter.com/a/status/1\",\"html\":\"<div>no tweet</div>\"}");

    assertThat(new OEmbedTweet(json).read("1", body)).isEmpty();
    assertThat(new OEmbedTweet(json).read("1", json.readTree("{\"error\":\"x\"}"))).isEmpty();
  }

  @Test
  void editedTextChangesTheFingerprint() {
    String before = ((PostFetch.Served) client.fetch(POST)).content().fingerprint();
    sandbox.apply(PHOTO, Change.edited("A corrected text"));

    PostContent after = ((PostFetch.Served) client.fetch(POST)).content();

    assertThat(after.text()).isEqualTo("A corrected text");
    assertThat(after.fingerprint()).isNotEqualTo(before);
  }

  @Test
  void fingerprintIgnoresWidthDntThemeAndScriptButNotTheText() throws Exception {
    String p = "<p lang=\\\"en\\\" dir=\\\"ltr\\\">Hello <a href=\\\"https://t.co/abc\\\">https://t.co/abc</a>"
        + " <a href=\\\"https://twitter.com/hashtag/X?src=hash&amp;ref_src=twsrc%5Etfw\\\">#X</a></p>";
    String tail = "&mdash; A (@a) <a href=\\\"https://twitter.com/a/status/1?ref_src=twsrc%5Etfw\\\">May 1, 2024</a>"
        + "</blockquote>";
    String plain = body("<blockquote class=\\\"twitter-tweet\\\">" + p + tail
        + "\\n<script async src=\\\"https://platform.twitter.com/widgets.js\\\"></script>\\n\\n", 550);
    String styled = body("<blockquote class=\\\"twitter-tweet\\\" data-width=\\\"300\\\" data-dnt=\\\"true\\\""
        + " data-theme=\\\"dark\\\">" + p + tail + "\\n", 300);
    String edited = body("<blockquote class=\\\"twitter-tweet\\\">" + p.replace("Hello", "Goodbye") + tail, 550);
    OEmbedTweet reader = new OEmbedTweet(json);

    PostContent a = reader.read("1", json.readTree(plain)).orElseThrow();
    PostContent b = reader.read("1", json.readTree(styled)).orElseThrow();
    PostContent c = reader.read("1", json.readTree(edited)).orElseThrow();

    assertThat(a.text()).isEqualTo("Hello https://t.co/abc #X");
    assertThat(b.fingerprint()).isEqualTo(a.fingerprint());
    assertThat(c.fingerprint()).isNotEqualTo(a.fingerprint());
  }

  @Test
  void sandboxEmbedsWithDifferentMaxwidthAndDntGiveTheSameFingerprint() {
    PostContent fromSandbox = ((PostFetch.Served) client.fetch(POST)).content();
    Fetch styled = http.get(java.net.URI.create(OEmbedClient.requestUri(POST) + "&maxwidth=300&dnt=1&omit_script=1"),
        java.util.Map.of());
    JsonNode body = readJson(((Fetch.Response) styled).body());

    assertThat(body.path("html").asText()).contains("data-width=\"300\"", "data-dnt=\"true\"");
    assertThat(new OEmbedTweet(json).read(PHOTO, body).orElseThrow().fingerprint())
        .isEqualTo(fromSandbox.fingerprint());
  }

  private JsonNode readJson(byte[] bytes) {
    try {
      return json.readTree(bytes);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String body(String html, int width) {
    return "{\"url\":\"https://twitter.com/a/status/1\",\"author_name\":\"A\",\"author_url\":\"https://twitter.com/a\","
        + "\"html\":\"" + html + "\",\"width\":" + width + ",\"height\":null,\"type\":\"rich\"}";
  }
}
