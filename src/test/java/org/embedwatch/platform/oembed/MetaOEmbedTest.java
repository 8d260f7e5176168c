package org.embedwatch.platform.oembed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.platform.PostContent;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.RecordedRequest;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.sandbox.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instagram and Facebook through Meta's Graph API oEmbed edges. */
class MetaOEmbedTest {
  private static final String TOKEN = Sandbox.META_OEMBED_TOKEN;
  private static final String CODE = "C1a2b3c4d5e";
  private static final PostKey PHOTO =
      new PostKey(Platform.INSTAGRAM, CODE, null, "https://www.instagram.com/p/" + CODE + "/");
  private static final String FB_ID = "10154009990506729";
  private static final PostKey FB_POST =
      new PostKey(Platform.FACEBOOK, FB_ID, "citycouncil", "https://www.facebook.com/citycouncil/posts/" + FB_ID);
  private static final String VIDEO_ID = "10153231379946729";
  private static final PostKey FB_VIDEO =
      new PostKey(Platform.FACEBOOK, VIDEO_ID, "citycouncil", "https://www.facebook.com/citycouncil/videos/" + VIDEO_ID);

  @TempDir Path dir;
  private OEmbedFixture env;

  @BeforeEach
  void start() {
    env = OEmbedFixture.sandboxed(dir, Scenario.of(
        Scenario.Post.instagram(CODE, "alice.photos"),
        Scenario.Post.facebook(FB_ID, "citycouncil", "The council meets on Monday.\n\nAgenda below."),
        Scenario.Post.facebook(VIDEO_ID, "citycouncil", "Live from the chamber")));
  }

  @AfterEach
  void stop() {
    env.close();
  }

  /** What the Instagram endpoint makes of instagram_oembed answering {@code status} and {@code body}. */
  private PostFetch instagramAnswer(int status, String contentType, String body) {
    try (OEmbedFixture fixed = OEmbedFixture.answering(dir, "graph.facebook.com", "/v18.0/instagram_oembed", status,
        contentType, body)) {
      return fixed.instagram(TOKEN).fetch(PHOTO);
    }
  }

  @Test
  void servedInstagramPostCarriesItsUserThumbnailAndPermalinkButNoCaption() {
    PostFetch fetch = env.instagram(TOKEN).fetch(PHOTO);

    assertThat(fetch).isInstanceOf(PostFetch.Served.class);
    PostContent content = ((PostFetch.Served) fetch).content();
    assertThat(content.text()).isEmpty();
    assertThat(content.authorHandle()).isEqualTo("alice.photos");
    assertThat(content.media()).singleElement().satisfies(m -> {
      assertThat(m.kind().key()).isEqualTo("thumbnail");
      assertThat(m.url()).startsWith("https://scontent.cdninstagram.com/v/t51.2885-15/");
    });
    assertThat(fetch.endpoint()).isEqualTo("instagram-oembed");
  }

  @Test
  void theTokenIsSentButTheFetchShowsItRedacted() {
    PostFetch fetch = env.instagram(TOKEN).fetch(PHOTO);

    assertThat(fetch.fetch().uri().toString()).isEqualTo("https://graph.facebook.com/v18.0/instagram_oembed?url="
        + "https%3A%2F%2Fwww.instagram.com%2Fp%2F" + CODE + "%2F&access_token=[redacted]");
    assertThat(env.sandbox().requests()).filteredOn(r -> r.host().equals("graph.facebook.com"))
        .singleElement().extracting(r -> r.queryParam("access_token").orElseThrow()).isEqualTo(TOKEN);
  }

  @Test
  void removedInstagramPostIsNotFoundByGraphCode24() {
    env.sandbox().apply(CODE, Change.deleted());

    PostFetch fetch = env.instagram(TOKEN).fetch(PHOTO);

    assertThat(fetch).isInstanceOfSatisfying(PostFetch.NotFound.class, n -> assertThat(n.detail())
        .isEqualTo("HTTP 400 Graph error 24: The requested resource does not exist"));
  }

  @Test
  void aBadTokenIsARefusalNotEvidence() {
    PostFetch fetch = env.instagram("1234567890|wrong").fetch(PHOTO);

    assertThat(fetch).isInstanceOfSatisfying(PostFetch.Inconclusive.class, i -> {
      assertThat(i.outcome()).isEqualTo(Outcome.REFUSED);
      assertThat(i.detail()).isEqualTo("HTTP 400 Graph error 190: Invalid OAuth access token - Cannot parse access"
          + " token (check meta.oembed-token)");
    });
  }

  @Test
  void graphThrottlingIsRateLimited() {
    env.sandbox().setFault(Fault.status(429));

    PostFetch fetch = env.instagram(TOKEN).fetch(PHOTO);

    assertThat(fetch.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(((PostFetch.Inconclusive) fetch).detail()).startsWith("HTTP 400 Graph error 4:");
  }

  @Test
  void graphServerErrorIsInconclusive() {
    env.sandbox().apply(CODE, Change.flaky(Fault.status(500)));

    assertThat(env.instagram(TOKEN).fetch(PHOTO).outcome()).isEqualTo(Outcome.SERVER_ERROR);
  }

  @Test
  void otherGraphErrorsAndOtherBodiesAreUnexpected() {
    String code100 = "{\"error\":{\"message\":\"Unsupported get request. Object with ID 'x' does not exist, cannot"
        + " be loaded due to missing permissions, or does not support this operation\",\"type\":\"GraphMethodException\","
        + "\"code\":100,\"error_subcode\":33,\"fbtrace_id\":\"Ax\"}}";
    PostFetch fetch = instagramAnswer(400, "application/json", code100);
    assertThat(fetch.outcome()).isEqualTo(Outcome.UNEXPECTED);
    assertThat(((PostFetch.Inconclusive) fetch).detail()).startsWith("HTTP 400 Graph error 100/33: Unsupported");
    assertThat(instagramAnswer(404, "text/html", "<html>not here</html>").outcome()).isEqualTo(Outcome.UNEXPECTED);
  }

  @Test
  void servedFacebookPostCarriesItsParagraphsPageAndAddress() {
    PostFetch fetch = env.facebook(TOKEN).fetch(FB_POST);

    assertThat(fetch).isInstanceOf(PostFetch.Served.class);
    PostContent content = ((PostFetch.Served) fetch).content();
    assertThat(content.text()).isEqualTo("The council meets on Monday.\n\nAgenda below.");
    assertThat(content.authorHandle()).isEqualTo("citycouncil");
    assertThat(content.media()).isEmpty();
    assertThat(fetch.endpoint()).isEqualTo("facebook-oembed");
    assertThat(fetch.fetch().uri().getPath()).isEqualTo("/v18.0/oembed_post");
  }

  @Test
  void aFacebookVideoIsAskedOnTheVideoEdge() {
    PostFetch fetch = env.facebook(TOKEN).fetch(FB_VIDEO);

    assertThat(fetch.outcome()).isEqualTo(Outcome.AVAILABLE);
    assertThat(fetch.fetch().uri().getPath()).isEqualTo("/v18.0/oembed_video");
    assertThat(env.sandbox().requests()).extracting(RecordedRequest::hostPath).contains("/v18.0/oembed_video");
  }

  @Test
  void deletedFacebookPostIsNotFound() {
    env.sandbox().apply(FB_ID, Change.deleted());

    assertThat(env.facebook(TOKEN).fetch(FB_POST).outcome()).isEqualTo(Outcome.NOT_FOUND);
  }

  @Test
  void aFacebookPostWithoutUrlOrPageCannotBeAskedAbout() {
    assertThatThrownBy(() -> env.facebook(TOKEN).fetch(new PostKey(Platform.FACEBOOK, FB_ID, null, null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs its URL or page name");
  }

  @Test
  void aGraphEndpointNeedsAToken() {
    assertThatThrownBy(() -> env.instagram(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meta.oembed-token");
  }
}
