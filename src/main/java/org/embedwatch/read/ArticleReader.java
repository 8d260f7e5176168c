package org.embedwatch.read;

import java.nio.charset.Charset;
import java.time.Clock;
import java.util.Set;
import org.embedwatch.evidence.Sha256;

/**
 * Turns loaded bytes of an article type into an {@link ArticleCapture}: HTML and text are decoded with the charset
 * Tika detects, PDF and DOCX are converted to XHTML (text and hyperlinks) by Tika. Thread-safe.
 */
final class ArticleReader {
  static final String PDF = "application/pdf";
  static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  private static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");
  private static final Set<String> TEXT_TYPES = Set.of("text/plain", "text/markdown", "text/x-web-markdown");

  private final ContentSniffer sniffer;
  private final XhtmlConverter converter;
  private final Clock clock;

  ArticleReader(ContentSniffer sniffer, XhtmlConverter converter, Clock clock) {
    this.sniffer = sniffer;
    this.converter = converter;
    this.clock = clock;
  }

  /** True when {@code mediaType} is a type read as an article. */
  static boolean isArticle(String mediaType) {
    return HTML_TYPES.contains(mediaType) || TEXT_TYPES.contains(mediaType) || mediaType.equals(PDF)
        || mediaType.equals(DOCX);
  }

  /**
   * Reads {@code loaded} as an article of type {@code mediaType} (one {@link #isArticle} accepts).
   *
   * @throws UnreadableInputException when Tika cannot read the PDF or DOCX
   */
  ArticleCapture read(Loaded loaded, String mediaType) {
    byte[] bytes = loaded.bytes();
    String charset = null;
    String text;
    String textType;
    if (mediaType.equals(PDF) || mediaType.equals(DOCX)) {
      text = converter.toXhtml(bytes, mediaType);
      textType = "application/xhtml+xml";
    } else {
      Charset c = sniffer.charset(bytes, mediaType, loaded.declaredType());
      charset = c.name();
      // A stray NUL (a page ContentSniffer still calls HTML) becomes U+FFFD, as HTML parsers make it; the stored
      // bytes and their digest stay as served.
      text = new String(bytes, c).replace('\0', '\uFFFD');
      textType = HTML_TYPES.contains(mediaType) ? mediaType : "text/plain";
    }
    return new ArticleCapture(loaded.input(), loaded.url(), loaded.finalUrl(), bytes, Sha256.of(bytes), mediaType, charset, text,
        textType, loaded.warc(), clock.instant());
  }
}
