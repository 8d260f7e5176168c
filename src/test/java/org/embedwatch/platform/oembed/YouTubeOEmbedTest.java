package org.embedwatch.platform.oembed;

import org.embedwatch.evidence.MediaKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.UnavailableReason;
import org.embedwatch.platform.PostContent;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YouTubeOEmbedTest {
  private static final String ID = "dQw4w9WgXcQ";
  private static final PostKey POST =
      new PostKey(Platform.YOUTUBE, ID, null, "https://www.youtube.com/watch?v=" + ID);
  private static final String SERVED = "{\"title\":\"Bridge closed\",\"author_name\":\"City News\","
      + "\"author_url\":\"https://www.youtube.com/@citynews\",\"type\":\"video\",\"height\":113,\"width\":200,"
      + "\"version\":\"1.0\",\"provider_name\":\"YouTube\",\"thumbnail_height\":360,\"thumbnail_width\":480,"
      + "\"thumbnail_url\":\"https://i.ytimg.com/vi/" + ID + "/hqdefault.jpg\","
      + "\"html\":\"<iframe width=\\\"200\\\" height=\\\"113\\\" src=\\\"https://www.youtube.com/embed/" + ID
      + "?feature=oembed\\\"></iframe>\"}";

  @TempDir Path dir;
  private OEmbedFixture env;

  @BeforeEach
  void start() {
    env = OEmbedFixture.sandboxed(dir, Scenario.of(Scenario.Post.youtube(ID, "citynews", "The bridge is closed")));
  }

  @AfterEach
  void stop() {
    env.close();
  }

  /** What the endpoint makes of www.youtube.com answering {@code status} and {@code body}. */
  private PostFetch answer(int status, String contentType, String body) {
    try (OEmbedFixture fixed = OEmbedFixture.answering(dir, "www.youtube.com", "/oembed", status, contentType,
        body)) {
      return fixed.youtube().fetch(POST);
    }
  }

  private String fingerprint(String body) {
    return ((PostFetch.Served) answer(200, "application/json", body)).content().fingerprint();
  }


  @Test
  void servedVideoCarriesTitleChannelThumbnailAndTheEmbedLink() {
    PostFetch fetch = env.youtube().fetch(POST);

    assertThat(fetch).isInstanceOf(PostFetch.Served.class);
    PostContent content = ((PostFetch.Served) fetch).content();
    assertThat(content.postId()).isEqualTo(ID);
    assertThat(content.text()).isEqualTo("The bridge is closed");
    assertThat(content.authorHandle()).isEqualTo("citynews");
    assertThat(content.authorName()).isEqualTo("citynews");
    assertThat(content.media()).containsExactly(
        new PostContent.MediaRef(MediaKind.THUMBNAIL, "https://i.ytimg.com/vi/" + ID + "/hqdefault.jpg"));
    assertThat(fetch.endpoint()).isEqualTo("youtube-oembed");
    assertThat(fetch.fetch().uri().toString()).isEqualTo("https://www.youtube.com/oembed?url="
        + "https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3D" + ID + "&format=json");
  }

  @Test
  void fingerprintFollowsTheTitleAndIgnoresSizes() {
    String first = fingerprint(SERVED);
    String resized = fingerprint(SERVED
        .replace("\"width\":200", "\"width\":640").replace("\"thumbnail_width\":480", "\"thumbnail_width\":1280")
        .replace("?feature=oembed", "?feature=oembed&amp;start=3")
        .replace("\"version\"", "\"cache_age\":3600,\"version\""));
    String retitled = fingerprint(SERVED.replace("Bridge closed", "Bridge open"));

    assertThat(resized).isEqualTo(first);
    assertThat(retitled).isNotEqualTo(first);
  }

  @Test
  void removedVideoIsNotFoundWithoutAReason() {
    env.sandbox().apply(ID, Change.deleted());

    PostFetch fetch = env.youtube().fetch(POST);

    assertThat(fetch).isInstanceOfSatisfying(PostFetch.NotFound.class,
        n -> assertThat(n.detail()).isEqualTo("HTTP 404 Not Found"));
  }

  @Test
  void privateVideoIsUnavailableForAnUnknownReasonInTheEndpointsWords() {
    env.sandbox().apply(ID, Change.protectedAccount());

    PostFetch fetch = env.youtube().fetch(POST);

    assertThat(fetch).isInstanceOfSatisfying(PostFetch.Unavailable.class, u -> {
      assertThat(u.reason()).isEqualTo(UnavailableReason.UNKNOWN);
      assertThat(u.detail()).isEqualTo(
          "HTTP 401 Unauthorized: embedding disabled or private (YouTube does not say which)");
    });
  }

  @Test
  void restoredVideoIsServedAgain() {
    env.sandbox().apply(ID, Change.deleted());
    env.sandbox().apply(ID, Change.restored());

    assertThat(env.youtube().fetch(POST).outcome()).isEqualTo(Outcome.AVAILABLE);
  }

  @Test
  void aNotFoundStatusWithAnotherBodyIsUnexpectedNotEvidence() {
    PostFetch fetch = answer(404, "text/html", "<html><body>gateway: no such route</body></html>");

    assertThat(fetch).isInstanceOfSatisfying(PostFetch.Inconclusive.class, i -> {
      assertThat(i.outcome()).isEqualTo(Outcome.UNEXPECTED);
      assertThat(i.detail()).contains("HTTP 404", "gateway: no such route");
    });
  }

  @Test
  void badRequestIsUnexpectedAndForbiddenIsRefused() {
    assertThat(answer(400, "text/html", "Bad Request").outcome()).isEqualTo(Outcome.UNEXPECTED);
    assertThat(answer(403, "text/html", "Forbidden").outcome()).isEqualTo(Outcome.REFUSED);
  }

  @Test
  void aPlainForbiddenBodyWithStatus200IsUnexpected() {
    // Reported in ruby-oembed#79: YouTube answered some private videos with HTTP 200 and the text "Forbidden".
    PostFetch fetch = answer(200, "text/html", "Forbidden");

    assertThat(fetch).isInstanceOfSatisfying(PostFetch.Inconclusive.class, i -> {
      assertThat(i.outcome()).isEqualTo(Outcome.UNEXPECTED);
      assertThat(i.detail()).isEqualTo("HTTP 200 but not a JSON object: Forbidden");
    });
  }

  @Test
  void anEmbedOfAnotherVideoIsUnexpected() {
    PostFetch fetch = answer(200, "application/json", SERVED.replace("/embed/" + ID, "/embed/AAAAAAAAAAA"));

    assertThat(fetch.outcome()).isEqualTo(Outcome.UNEXPECTED);
  }

  @Test
  void rateLimitIsInconclusive() {
    env.sandbox().setFault(Fault.status(429));

    assertThat(env.youtube().fetch(POST).outcome()).isEqualTo(Outcome.RATE_LIMITED);
  }

  @Test
  void serverErrorIsInconclusive() {
    env.sandbox().setFault(Fault.status(503));

    assertThat(env.youtube().fetch(POST).outcome()).isEqualTo(Outcome.SERVER_ERROR);
  }

  @Test
  void timeoutIsATransportErrorNotEvidence() {
    env.sandbox().apply(ID, Change.flaky(Fault.timeout()));

    PostFetch fetch = env.youtube().fetch(POST);
    env.sandbox().releaseHeldRequests();

    assertThat(fetch.outcome()).isEqualTo(Outcome.TRANSPORT_ERROR);
  }
}
