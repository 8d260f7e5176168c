package org.embedwatch.evidence;

import java.time.Instant;

/**
 * An article capture about to be stored: the raw bytes are already in the blob store at {@code bodyPath}.
 *
 * @param input the input as the user gave it (URL or absolute file path)
 * @param url the article URL (the input URL, or null for a local file)
 * @param warc where the HTTP exchange sits in WARC, or null for a local file
 * @param finalUrl the address that answered after redirects, or null when there were none (or for a local file)
 */
public record CapturedArticle(
    String input,
    String url,
    Instant capturedAt,
    String mediaType,
    String charset,
    Sha256 sha256,
    long byteLength,
    String bodyPath,
    WarcLocation warc,
    String finalUrl) {}
