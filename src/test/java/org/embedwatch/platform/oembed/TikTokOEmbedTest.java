package org.embedwatch.platform.oembed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
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

class TikTokOEmbedTest {
  private static final String ID = "7301234567890123456";
  private static final PostKey POST =
      new PostKey(Platform.TIKTOK, ID, "newsdesk", "https://www.tiktok.com/@newsdesk/video/" + ID);
  private static final PostKey BY_PLAYER =
      new PostKey(Platform.TIKTOK, ID, null, "https://www.tiktok.com/embed/v2/" + ID);
  private static final String GONE =
      "{\"code\":400,\"message\":\"Something went wrong\",\"status_msg\":\"Something went wrong\"}";

  @TempDir Path dir;
  private OEmbedFixture env;
  private List<String> asked;

  @BeforeEach
  void start() {
    env = OEmbedFixture.sandboxed(dir, Scenario.of(Scenario.Post.tiktok(ID, "newsdesk", "Flood on Main St")));
  }

  @AfterEach
  void stop() {
    env.close();
  }

  /** What the endpoint makes of www.tiktok.com answering {@code status} and {@code body} about {@code post}. */
  private PostFetch answer(int status, String body, PostKey post) {
    try (OEmbedFixture fixed = OEmbedFixture.answering(dir, "www.tiktok.com", "/oembed", status, "application/json",
        body)) {
      PostFetch fetch = fixed.tiktok().fetch(post);
      asked = fixed.requested();
      return fetch;
    }
  }


  @Test
  void servedVideoCarriesCaptionAuthorThumbnailAndTheEmbedsCite() {
    PostFetch fetch = env.tiktok().fetch(POST);

    assertThat(fetch).isInstanceOf(PostFetch.Served.class);
    PostContent content = ((PostFetch.Served) fetch).content();
    assertThat(content.text()).isEqualTo("Flood on Main St");
    assertThat(content.authorHandle()).isEqualTo("newsdesk");
    assertThat(content.media()).singleElement().satisfies(m -> {
      assertThat(m.kind().key()).isEqualTo("thumbnail");
      assertThat(m.url()).startsWith("https://p16-sign-va.tiktokcdn.com/obj/tos-maliva-p-0068/")
          .contains(".jpeg?x-expires=");
    });
    assertThat(fetch.fetch().uri().toString()).isEqualTo("https://www.tiktok.com/oembed?url="
        + "https%3A%2F%2Fwww.tiktok.com%2F%40newsdesk%2Fvideo%2F" + ID);
  }

  @Test
  void theThumbnailsSignedQueryChangesButTheFingerprintDoesNot() {
    PostContent first = ((PostFetch.Served) env.tiktok().fetch(POST)).content();
    env.clock().advance(Duration.ofDays(2));
    PostContent later = ((PostFetch.Served) env.tiktok().fetch(POST)).content();

    assertThat(later.media().get(0).url()).isNotEqualTo(first.media().get(0).url());
    assertThat(later.fingerprint()).isEqualTo(first.fingerprint());
  }

  @Test
  void anEditedCaptionChangesTheFingerprint() {
    String before = ((PostFetch.Served) env.tiktok().fetch(POST)).content().fingerprint();
    env.sandbox().apply(ID, Change.edited("Flood on Main St, road closed"));

    assertThat(((PostFetch.Served) env.tiktok().fetch(POST)).content().fingerprint()).isNotEqualTo(before);
  }

  @Test
  void removedVideoIsNotFoundOnlyWithTheRecognisedBody() {
    env.sandbox().apply(ID, Change.deleted());

    PostFetch fetch = env.tiktok().fetch(POST);

    assertThat(fetch).isInstanceOfSatisfying(PostFetch.NotFound.class,
        n -> assertThat(n.detail()).isEqualTo("HTTP 400 Something went wrong"));
  }

  @Test
  void aBadRequestWithAnotherBodyIsUnexpected() {
    PostFetch fetch = answer(400, "{\"code\":10204,\"message\":\"invalid url\"}", POST);

    assertThat(fetch).isInstanceOfSatisfying(PostFetch.Inconclusive.class, i -> {
      assertThat(i.outcome()).isEqualTo(Outcome.UNEXPECTED);
      assertThat(i.detail()).isEqualTo("HTTP 400 {\"code\":10204,\"message\":\"invalid url\"}");
    });
  }

  @Test
  void theRecognisedBodyForAPostAskedByItsPlayerUrlIsNotReadAsNotFound() {
    PostFetch fetch = answer(400, GONE, BY_PLAYER);

    assertThat(fetch).isInstanceOfSatisfying(PostFetch.Inconclusive.class, i -> {
      assertThat(i.outcome()).isEqualTo(Outcome.UNEXPECTED);
      assertThat(i.detail()).contains("asked by the player URL");
    });
    assertThat(asked).singleElement().asString()
        .endsWith("url=https%3A%2F%2Fwww.tiktok.com%2Fembed%2Fv2%2F" + ID);
  }

  @Test
  void anEmbedOfAnotherVideoIsUnexpected() {
    String body = "{\"title\":\"x\",\"html\":\"<blockquote class=\\\"tiktok-embed\\\" cite=\\\"https://www.tiktok.com"
        + "/@newsdesk/video/7000000000000000000\\\" data-video-id=\\\"7000000000000000000\\\"></blockquote>\"}";

    assertThat(answer(200, body, POST).outcome()).isEqualTo(Outcome.UNEXPECTED);
  }

  @Test
  void forbiddenIsRefused() {
    assertThat(answer(403, "{}", POST).outcome()).isEqualTo(Outcome.REFUSED);
  }

  @Test
  void rateLimitIsInconclusive() {
    env.sandbox().setFault(Fault.status(429));

    assertThat(env.tiktok().fetch(POST).outcome()).isEqualTo(Outcome.RATE_LIMITED);
  }

  @Test
  void serverErrorOfOnePostIsInconclusive() {
    env.sandbox().apply(ID, Change.flaky(Fault.status(502)));

    assertThat(env.tiktok().fetch(POST).outcome()).isEqualTo(Outcome.SERVER_ERROR);
  }
}
