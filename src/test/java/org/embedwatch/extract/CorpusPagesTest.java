package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.embedwatch.read.ContentSniffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real article page under {@code corpus/} (copied from the shared corpus, plus the seed article), each with an
 * expectation file written by reading the page (not from extractor output): one line per cited post,
 * {@code platform, id, handle, scope, forms}, tab-separated, in order of first appearance ({@code -} for a null id, an
 * empty field for a null handle). Pages go through the same type and charset detection as {@code extract}, with all
 * scopes, and must match exactly: a missed post, an extra one, a wrong form or scope all fail.
 */
class CorpusPagesTest {

  private static final String EXPECTED = ".expected.tsv";

  static Stream<String> pages() throws IOException {
    try (Stream<Path> files = Files.list(corpusDir())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(EXPECTED)).sorted().toList().stream();
    }
  }

  @Test
  void theCorpusHasEveryPageWithItsExpectations() throws IOException {
    List<String> pages = pages().toList();
    assertThat(pages).hasSizeGreaterThanOrEqualTo(25);
    assertThat(pages).allSatisfy(page -> assertThat(corpusDir().resolve(page + EXPECTED)).exists());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pages")
  void extractsExactlyTheReferencesARead(String page) throws IOException {
    byte[] bytes = Files.readAllBytes(corpusDir().resolve(page));
    ContentSniffer sniffer = new ContentSniffer();
    String mediaType = sniffer.mediaType(bytes, page, null);
    Charset charset = sniffer.charset(bytes, mediaType, null);
    List<String> expected =
        Files.readString(corpusDir().resolve(page + EXPECTED)).lines()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .collect(Collectors.toList());

    List<Reference> references =
        new ReferenceExtractor().extract(new String(bytes, charset), mediaType, "https://example.org/article");

    assertThat(references).extracting(CorpusPagesTest::row).containsExactlyElementsOf(expected);
  }

  private static String row(Reference r) {
    String forms = r.forms().stream().map(Reference.Form::key).collect(Collectors.joining(","));
    return String.join("\t", r.platform().key(), r.postId() == null ? "-" : r.postId(),
        r.handle() == null ? "" : r.handle(), r.scope().key(), forms);
  }

  private static Path corpusDir() {
    try {
      return Path.of(CorpusPagesTest.class.getResource("corpus").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
