package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.embedwatch.evidence.Platform;
import org.junit.jupiter.api.Test;

/** The seed article: a scraper flattened two X embeds to text, lost the ids and some characters ('?'). */
class SeedArticleTest {

  private final List<Reference> references =
      new ReferenceExtractor().extract(Resources.read("corpus/seed-000_b228a5170edcf5c9.txt"), "text/plain", null);

  @Test
  void findsExactlyTheTwoRemnants() {
    assertThat(references).hasSize(2);
    assertThat(references)
        .allSatisfy(
            r -> {
              assertThat(r.platform()).isEqualTo(Platform.X);
              assertThat(r.forms()).containsExactly(Reference.Form.REMNANT);
              assertThat(r.postId()).isNull();
              assertThat(r.url()).isNull();
              assertThat(r.scope()).isEqualTo(Reference.Scope.ARTICLE);
              assertThat(r.citedDate()).isEqualTo("September 22, 2016");
            });
  }

  @Test
  void remnantAtLineStartHasNoCitedText() {
    Reference sakir = references.get(0);
    assertThat(sakir.handle()).isEqualTo("sakirkhader");
    assertThat(sakir.displayName()).isEqualTo("Sakir Khader");
    assertThat(sakir.citedText()).isNull();
  }

  @Test
  void remnantAfterTextQuotesTheTextBeforeTheDash() {
    Reference siryahora = references.get(1);
    assertThat(siryahora.handle()).isEqualTo("siryahora");
    assertThat(siryahora.displayName()).isEqualTo("??? ?????");
    assertThat(siryahora.citedText())
        .startsWith(
            "?Horrific footage of residential buildings on fire after regime/Russian phosphorous strikes on Aleppo")
        .isEqualTo(
            "?Horrific footage of residential buildings on fire after regime/Russian phosphorous strikes on Aleppo");
  }
}
