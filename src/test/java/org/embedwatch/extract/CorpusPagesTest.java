package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real article pages, each with an expectation file written by reading the page (not from extractor output): one line
 * per cited post, {@code platform, id, handle, scope, forms}, tab-separated, in order of first appearance ({@code -} for
 * a null id).
 */
class CorpusPagesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "buzzfeed-bf-tweet.html",
        "deadline-trump-airlines.html",
        "techcrunch-2023-meta-hack.html",
        "globalvoices-nicaragua-hashbang.html",
        "nurmeinstandpunkt-sidebar.html",
        "bustle-encoded-attrs.html",
        "mashable-2014-stansted.txt"
      })
  void extractsExactlyTheReferencesARead(String page) {
    String content = Resources.read("corpus/" + page);
    List<String> expected =
        Resources.read("corpus/" + page + ".expected.tsv")
            .lines()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .collect(Collectors.toList());

    String mediaType = page.endsWith(".txt") ? "text/plain" : "text/html";
    List<Reference> references = new ReferenceExtractor().extract(content, mediaType, "https://example.org/article");

    assertThat(references).extracting(CorpusPagesTest::row).containsExactlyElementsOf(expected);
  }

  private static String row(Reference r) {
    String forms = r.forms().stream().map(Reference.Form::key).collect(Collectors.joining(","));
    return String.join("\t", r.platform().key(), r.postId() == null ? "-" : r.postId(), r.handle(), r.scope().key(), forms);
  }
}
