package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real article pages, each with an expectation file written by reading the page (not from extractor output): one line
 * per cited post, {@code platform, id, handle, scope, forms}, tab-separated, in order of first appearance.
 */
class CorpusPagesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "buzzfeed-bf-tweet.html",
        "deadline-trump-airlines.html",
        "techcrunch-2023-meta-hack.html"
      })
  void extractsExactlyTheReferencesARead(String page) {
    String html = Resources.read("corpus/" + page);
    List<String> expected =
        Resources.read("corpus/" + page + ".expected.tsv")
            .lines()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .collect(Collectors.toList());

    List<Reference> references = new ReferenceExtractor().extract(html, "text/html", "https://example.org/article");

    assertThat(references).extracting(CorpusPagesTest::row).containsExactlyElementsOf(expected);
  }

  private static String row(Reference r) {
    String forms = r.forms().stream().map(Reference.Form::key).collect(Collectors.joining(","));
    return String.join("\t", r.platform().key(), r.postId(), r.handle(), r.scope().key(), forms);
  }
}
