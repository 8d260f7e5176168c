package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.embedwatch.evidence.Platform;
import org.junit.jupiter.api.Test;

/** Static tweet cards ({@code div.tweet}) as newsletters render them. */
class TweetCardsTest {

  private static final String BASE = "https://example.org/a";

  private final ReferenceExtractor extractor = new ReferenceExtractor();

  @Test
  void cardWithAHandleTooLongForXIsNoCardAndDoesNotThrow() {
    String html =
        "<div class=\"tweet\"><span class=\"tweet-author-handle\">@aaaaaaaaaaaaaaaaaaaaaaaaa</span>"
            + "<a href=\"https://twitter.com/i/web/status/1790000000000000001\">l</a></div>";

    List<Reference> refs = extractor.extract(html, "text/html", BASE);

    assertThat(refs).singleElement().satisfies(r -> {
      assertThat(r.platform()).isEqualTo(Platform.X);
      assertThat(r.postId()).isEqualTo("1790000000000000001");
      assertThat(r.forms()).containsExactly(Reference.Form.LINK);
    });
  }

  @Test
  void cardWithAValidHandleStillKeepsItsId() {
    String html =
        "<div class=\"tweet\"><span class=\"tweet-author-handle\">@alice</span>"
            + "<span class=\"tweet-text\">hello</span>"
            + "<a href=\"https://twitter.com/i/web/status/1790000000000000001\">l</a></div>";

    assertThat(extractor.extract(html, "text/html", BASE)).singleElement().satisfies(r -> {
      assertThat(r.handle()).isEqualTo("alice");
      assertThat(r.postId()).isEqualTo("1790000000000000001");
      assertThat(r.forms()).contains(Reference.Form.REMNANT);
    });
  }

  @Test
  void aCardInsideAnotherCardIsNoCardOfItsOwn() {
    String html =
        "<div class=\"tweet\"><span class=\"tweet-author-handle\">@alice</span>"
            + "<div class=\"tweet\"><span class=\"tweet-author-handle\">@bob</span></div></div>";

    assertThat(extractor.extract(html, "text/html", BASE))
        .singleElement()
        .satisfies(r -> assertThat(r.handle()).isEqualTo("alice"));
  }

  @Test
  void sixtyThousandNestedCardsFinishWithoutACardPerLevel() {
    String card = "<div class=\"tweet\"><span class=\"tweet-author-handle\">@alice</span>";
    String html = card.repeat(60_000) + "</div>".repeat(60_000);

    List<Reference> refs =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> extractor.extract(html, "text/html", BASE));

    // The outermost card is too big to be read as one (EmbedLinks.MAX_NODES); the ones inside it are quoted tweets.
    assertThat(refs).isEmpty();
  }
}
