package org.embedwatch.read;

import java.net.URI;
import java.time.Instant;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.evidence.WarcLocation;

/**
 * An article as read: its bytes, their digest, the detected type and charset, and the text to extract references
 * from.
 *
 * @param input the URL, the file's absolute path, or {@code stdin:sha256:<hex of the bytes>} for standard input
 * @param url the article URL as asked for, or null for a local file or stdin
 * @param finalUrl the address that answered after redirects (the base of the article's relative links), or null for
 *     a local file or stdin
 * @param raw the document's bytes as received (after undoing a gzip or deflate Content-Encoding or a gzip file)
 * @param mediaType the media type Tika detected, without parameters
 * @param charset the charset used to decode {@code raw}, or null for a PDF or DOCX (Tika reads those)
 * @param text the decoded content: the page itself, or for a PDF or DOCX the XHTML Tika makes of it (text and links)
 * @param textType the media type of {@code text}: {@code text/html}, {@code application/xhtml+xml} or
 *     {@code text/plain}
 * @param warc where the fetch sits in WARC, or null for a local file or stdin
 */
public record ArticleCapture(
    String input,
    URI url,
    URI finalUrl,
    byte[] raw,
    Sha256 sha256,
    String mediaType,
    String charset,
    String text,
    String textType,
    WarcLocation warc,
    Instant readAt) {
  /** What the article's relative links resolve against: the address after redirects, or null for a file or stdin. */
  public String baseUrl() {
    URI base = finalUrl != null ? finalUrl : url;
    return base == null ? null : base.toString();
  }
}
