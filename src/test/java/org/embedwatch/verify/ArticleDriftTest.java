package org.embedwatch.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.embedwatch.evidence.Platform;
import org.embedwatch.extract.Reference;
import org.embedwatch.evidence.CitationRecord;
import org.junit.jupiter.api.Test;

class ArticleDriftTest {
  private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-03-04T10:00:00Z");

  @Test
  void aRemovedReferenceIsDriftAndKeptOnesAreNot() {
    List<ArticleDrift.Drift> drift = ArticleDrift.compare(
        List.of(c(1, "111", Reference.Form.BLOCKQUOTE), c(2, "222", Reference.Form.BLOCKQUOTE)),
        List.of(c(3, "111", Reference.Form.BLOCKQUOTE)));
    assertThat(drift).singleElement().satisfies(d -> {
      assertThat(d.before().id()).isEqualTo(2);
      assertThat(d.replacement()).isNull();
      assertThat(d.summary(T1, T2)).isEqualTo(
          "reference to x 222 removed from the article between 2026-03-01T10:00:00Z and 2026-03-04T10:00:00Z");
    });
  }

  @Test
  void aDifferentPostInTheSamePlaceIsAReplacement() {
    List<ArticleDrift.Drift> drift = ArticleDrift.compare(
        List.of(c(1, "111", Reference.Form.BLOCKQUOTE), c(2, "222", Reference.Form.LINK)),
        List.of(c(3, "333", Reference.Form.BLOCKQUOTE), c(4, "222", Reference.Form.LINK),
            c(5, "444", Reference.Form.LINK)));
    assertThat(drift).singleElement().satisfies(d ->
        assertThat(d.summary(T1, T2)).startsWith("reference to x 111 replaced by x 333 (same place, blockquote)"));
  }

  @Test
  void reorderedOrAddedReferencesAreNotDrift() {
    assertThat(ArticleDrift.compare(List.of(c(1, "111", Reference.Form.LINK), c(2, "222", Reference.Form.LINK)),
        List.of(c(3, "222", Reference.Form.LINK), c(4, "111", Reference.Form.LINK), c(5, "9", Reference.Form.LINK))))
        .isEmpty();
  }

  private static CitationRecord c(long id, String postId, Reference.Form form) {
    return new CitationRecord(id, id < 3 ? 1 : 2, id, new Reference(Platform.X, postId, "someone",
        "https://twitter.com/someone/status/" + postId, List.of(form), Reference.Scope.ARTICLE, null, null, null,
        null));
  }
}
