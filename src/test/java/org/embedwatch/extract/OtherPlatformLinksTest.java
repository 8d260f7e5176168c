package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.embedwatch.evidence.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Links to the other platforms' posts, read through the whole extractor. */
class OtherPlatformLinksTest {

  private final ReferenceExtractor extractor = new ReferenceExtractor();

  private List<Reference> links(String... hrefs) {
    StringBuilder html = new StringBuilder("<article>");
    for (String href : hrefs) {
      html.append("<p><a href=\"").append(href).append("\">link</a></p>");
    }
    return extractor.extract(html.append("</article>").toString(), "text/html", "https://example.org/a");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://www.instagram.com/reels/audio/1234567890/",
        "https://www.instagram.com/reel/audio/",
        "https://www.instagram.com/p/explore/",
        "https://www.instagram.com/explore/p/stories/"
      })
  void instagramPagesThatAreNoPostsAreNoReferences(String href) {
    assertThat(links(href)).isEmpty();
  }

  @Test
  void anInstagramReelIsStillAPost() {
    assertThat(links("https://www.instagram.com/reels/Ci22crtrcRL/"))
        .singleElement()
        .satisfies(r -> assertThat(r.postId()).isEqualTo("Ci22crtrcRL"));
  }
}
