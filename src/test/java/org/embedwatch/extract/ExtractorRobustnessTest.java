package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

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
          "<", ">", "&", "\"", " ", "\u0000", "\ud83d\ude2c", "\ud800", "<script>", "</p>", "<html", "%3C");

  private static final List<String> MEDIA_TYPES =
      Arrays.asList("text/html", "application/xhtml+xml", "text/plain", null, "", "image/png");

  private static final List<String> BASES =
      Arrays.asList(null, "", "https://example.org/a", "not a uri", "https://twitter.com/");

  @Test
  void neverThrowsOnRandomMarkup() {
    ReferenceExtractor extractor = new ReferenceExtractor();
    Random random = new Random(7);
    for (int i = 0; i < 3_000; i++) {
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
}
