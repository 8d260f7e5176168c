package org.embedwatch.read;

import java.net.URI;
import java.time.Instant;
import org.embedwatch.Sha256;
import org.embedwatch.archive.WarcLocation;

/**
 * An article as read: the raw bytes exactly as received, their digest, the detected type and charset, and the decoded
 * text.
 *
 * @param input the input as given (URL, or the file's absolute path)
 * @param url the article URL, or null for a local file
 * @param raw the bytes as received
 * @param mediaType the media type Tika detected, without parameters
 * @param charset the charset used to decode {@code raw}
 * @param text the decoded content
 * @param warc where the fetch sits in WARC, or null for a local file
 */
public record ArticleCapture(
    String input,
    URI url,
    byte[] raw,
    Sha256 sha256,
    String mediaType,
    String charset,
    String text,
    WarcLocation warc,
    Instant readAt) {}
