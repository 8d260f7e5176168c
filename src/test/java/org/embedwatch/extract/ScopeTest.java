package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which wrappers make a cited post page furniture, read through the whole extractor. */
class ScopeTest {

  private static final String EMBED =
      "<blockquote class=\"twitter-tweet\"><p>hi</p>&mdash; A (@a) "
          + "<a href=\"https://twitter.com/a/status/1790000000000000031\">May 1, 2024</a></blockquote>";

  private final ReferenceExtractor extractor = new ReferenceExtractor();

  private Reference.Scope scopeOf(String html) {
    return extractor.extract(html, "text/html", "https://example.org/a").get(0).scope();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<article><header><figure>%s</figure></header><p>text</p></article>",
        "<article><p>text</p><aside class=\"embed\">%s</aside></article>",
        "<main><footer><p>Update:</p>%s</footer></main>",
        "<div class=\"entry-content\"><div class=\"related-tweet\">%s</div></div>",
        "<div class=\"sharing-enabled article-body\"><p>text</p>%s</div>"
      })
  void anEmbedInTheArticleHasArticleScope(String wrapper) {
    assertThat(scopeOf(wrapper.formatted(EMBED))).isEqualTo(Reference.Scope.ARTICLE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<main><aside class=\"sidebar\">%s</aside></main>",
        "<main><aside class=\"related\">%s</aside></main>",
        "<article><p>x</p></article><aside>%s</aside>",
        "<header>%s</header><article><p>x</p></article>",
        "<article><nav>%s</nav></article>",
        "<div class=\"related-posts\">%s</div>",
        "<div class=\"sidebar post-sidebar\">%s</div>",
        "<div class=\"widget post-list\">%s</div>",
        "<div class=\"sidebar content\">%s</div>"
      })
  void anEmbedInPageFurnitureHasPageScope(String wrapper) {
    assertThat(scopeOf(wrapper.formatted(EMBED))).isEqualTo(Reference.Scope.PAGE);
  }
}
