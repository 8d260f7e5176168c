package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The extractor's promise: no exception on any input, whatever the media type or base URI. */
class ExtractorRobustnessTest {

  private static final List<String> PIECES =
      List.of(
          "<blockquote class=\"twitter-tweet\">", "</blockquote>", "<p lang=\"", "<a href=\"", "https://twitter.com/",
          "x.com/", "/status/", "/i/web/status/", "#!/", "12345678901234567890", "99999999999999999999999", "\">",
          "</a>", "&mdash; ", "— ", "--", "(@", ")", "September 22, 2016", "<iframe src=\"", "Tweet.html?id=",
          "<amp-twitter data-tweetid=\"", "data-tweet-id=\"", "<footer>", "<aside class=\"related\">", "<br>", "\n",
          "<", ">", "&", "\"", " ", "\u0000", "\ud83d\ude2c", "\ud800", "<script>", "</p>", "<html", "%3C",
          // the other platforms and the newer forms
          "<blockquote class=\"bluesky-embed\" data-bluesky-uri=\"at://did:plc:abc/app.bsky.feed.post/",
          "https://bsky.app/profile/", "/post/", "https://mastodon.social/@a/", "/users/a/statuses/", "/embed",
          "https://www.facebook.com/", "plugins/post.php?href=", "https%3A%2F%2Fwww.facebook.com%2Fa%2Fposts%2F",
          "permalink.php?story_fbid=", "pfbid0", "https://t.me/", "data-telegram-post=\"", "https://redd.it/",
          "https://www.reddit.com/r/a/comments/", "<blockquote class=\"reddit-embed-bq\">", "instagram.com/p/",
          "<blockquote class=\"tiktok-embed\" data-video-id=\"", "www.threads.net/@a/post/", "<noscript>",
          "{\"url\":\"", "\",\"html\":\"", "\\/", "\\u003c", "&lt;blockquote", "<amp-instagram data-shortcode=\"",
          "youtu.be/", "٣ مارس ٢٠٢٤", "2024年3月12日", "12 marca 2024", "\u200f", "<base href=\"", "../", "?v=");

  private static final List<String> MEDIA_TYPES =
      Arrays.asList("text/html", "application/xhtml+xml", "text/plain", null, "", "image/png");

  private static final List<String> BASES =
      Arrays.asList(null, "", "https://example.org/a", "not a uri", "https://twitter.com/");

  @Test
  void neverThrowsOnRandomMarkup() {
    ReferenceExtractor extractor = new ReferenceExtractor();
    Random random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      StringBuilder content = new StringBuilder();
      int pieces = random.nextInt(60);
      for (int j = 0; j < pieces; j++) {
        content.append(PIECES.get(random.nextInt(PIECES.size())));
      }
      List<Reference> refs =
          extractor.extract(
              content.toString(),
              MEDIA_TYPES.get(random.nextInt(MEDIA_TYPES.size())),
              BASES.get(random.nextInt(BASES.size())));
      assertThat(refs).isNotNull().allSatisfy(r -> assertThat(r.forms()).isNotEmpty());
    }
  }

  @Test
  void deeplyNestedAndHugeInputsAreFine() {
    String nested = "<div>".repeat(20_000) + "<a href=\"https://twitter.com/a/status/1\">x</a>" + "</div>".repeat(20_000);
    assertThat(new ReferenceExtractor().extract(nested, "text/html", null)).hasSize(1);
    String longLine = "— ".repeat(200_000) + "A (@a) May 1, 2020";
    assertThat(new ReferenceExtractor().extract(longLine, "text/plain", null)).hasSize(1);
    // Long runs of host-like text once made a nested regex quantifier overflow the stack.
    String hostLike = "a.".repeat(200_000) + "twitter.com/x/status/1 " + "a-".repeat(200_000) + "x.com/@";
    assertThat(new ReferenceExtractor().extract(hostLike, "text/plain", null)).isEmpty();
  }

  /** Only to stop a hang if a quadratic path comes back; no test asserts a speed. */
  private static final Duration HANG = Duration.ofSeconds(10);

  private static final String EMBED =
      "<blockquote class=\"twitter-tweet\"><p>Hi</p>&mdash; A (@a) <a href=\"https://twitter.com/a/status/"
          + "1654247902070415360\">May 4, 2023</a></blockquote>";

  private final ReferenceExtractor extractor = new ReferenceExtractor();

  @Test
  void anEmbedInsideAHundredThousandNestedDivsIsFound() {
    String page = "<html><body>" + "<div>".repeat(100_000) + EMBED + "</div>".repeat(100_000) + "</body></html>";
    assertThat(extractor.extract(page, "text/html", "https://news.example/a"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.postId()).isEqualTo("1654247902070415360");
          assertThat(r.forms()).containsExactly(Reference.Form.BLOCKQUOTE);
          assertThat(r.citedText()).isEqualTo("Hi");
        });
  }

  @Test
  void aHundredThousandNestedBlockquotesAroundALinkAreOneReference() {
    // Each level once searched every level below it for links: quadratic.
    String page = "<blockquote>".repeat(100_000) + "<a href=\"https://twitter.com/a/status/20\">x</a>"
        + "</blockquote>".repeat(100_000);
    assertThat(assertTimeoutPreemptively(HANG, () -> extractor.extract(page, "text/html", null)))
        .extracting(Reference::postId)
        .containsExactly("20");
  }

  @Test
  void relativeLinksAtEveryLevelOfADeepPageAreResolvedWithoutWalkingUpThePage() {
    String page = "<div><a href=\"jack/status/20\">x</a>".repeat(30_000) + "</div>".repeat(30_000);
    assertThat(assertTimeoutPreemptively(HANG, () -> extractor.extract(page, "text/html", "https://twitter.com/")))
        .extracting(Reference::postId, Reference::handle)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("20", "jack"));
  }

  @Test
  void aMegabyteOfTrailerOpeningsIsNoRemnant() {
    String text = "— (@".repeat(250_000);
    assertThat(assertTimeoutPreemptively(HANG, () -> extractor.extract(text, "text/plain", null))).isEmpty();
    assertThat(assertTimeoutPreemptively(HANG, () -> extractor.extract("<p>" + text + "</p>", "text/html", null)))
        .isEmpty();
  }

  @Test
  void aMegabyteOfAlmostTrailersEndsInTheOneRealTrailer() {
    String text = "x — Name (@handle) ".repeat(50_000) + "— Jan (@jan) 12 marca 2024";
    assertThat(assertTimeoutPreemptively(HANG, () -> extractor.extract(text, "text/plain", null)))
        .extracting(Reference::handle)
        .containsExactly("jan");
  }

  @Test
  void aMegabyteScriptOfOEmbedKeysIsHarmless() {
    String script = "<script>" + "{\"url\":\"https:\\/\\/twitter.com\\/a\\/status\\/1\",\"html\":\"<blockquote".repeat(30_000)
        + "</script>";
    assertThat(assertTimeoutPreemptively(HANG, () -> extractor.extract(script, "text/html", null)))
        .extracting(Reference::postId, Reference::forms)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("1", List.of(Reference.Form.SCRIPT)));
  }

  @Test
  void aMegabyteOfEncodedMarkupInOneAttributeIsHarmless() {
    String value = "&lt;blockquote class=&quot;twitter-tweet&quot;&gt;".repeat(20_000)
        + "&lt;a href=&quot;https://twitter.com/a/status/7&quot;&gt;x&lt;/a&gt;";
    assertThat(assertTimeoutPreemptively(HANG, () -> extractor.extract(
            "<div data-embed=\"" + value + "\"></div>", "text/html", null)))
        .extracting(Reference::postId)
        .containsExactly("7");
  }

  @Test
  void aMegabyteLongLinkIsNoReferenceAndNoTrouble() {
    String href = "https://twitter.com/a/status/1" + "/a".repeat(500_000);
    String page = "<a href=\"" + href + "\">x</a><a href=\"https://chaos.social/@" + "a".repeat(1_000_000) + "\">y</a>";
    assertThat(assertTimeoutPreemptively(HANG, () -> extractor.extract(page, "text/html", null))).isEmpty();
  }
}
