package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.embedwatch.evidence.Platform;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Post URLs typed into running text, with the punctuation that surrounds them. */
class TextUrlsTest {

  private final ReferenceExtractor extractor = new ReferenceExtractor();

  @ParameterizedTest
  @ValueSource(strings = {"”", "’", "»", "」", "）", "。", "，", "、", ".”", ")。"})
  void closingPunctuationAfterAUrlIsNoPartOfIt(String closing) {
    String text = "Er schrieb https://x.com/foo/status/1790000000000000021" + closing + " danach";

    assertThat(extractor.extract(text, "text/plain", null))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.postId()).isEqualTo("1790000000000000021");
          assertThat(r.handle()).isEqualTo("foo");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"twitter.com/httpbin/status/1790000000000000022", "https://twitter.com/httpbin/status/1790000000000000022"})
  void aHandleThatStartsWithHttpIsAHandle(String url) {
    assertThat(extractor.extract("see " + url + " now", "text/plain", null))
        .singleElement()
        .satisfies(r -> assertThat(r.handle()).isEqualTo("httpbin"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"“https://x.com/foo/status/1790000000000000025”", "See:https://x.com/foo/status/1790000000000000025"})
  void aUrlInCurlyQuotesOrAfterAColonIsFound(String token) {
    assertThat(extractor.extract("He wrote " + token + " yesterday", "text/plain", null))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.platform()).isEqualTo(Platform.X);
          assertThat(r.postId()).isEqualTo("1790000000000000025");
        });
  }
}
