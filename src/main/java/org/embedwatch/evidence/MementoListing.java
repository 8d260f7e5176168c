package org.embedwatch.evidence;

import java.time.Instant;

/**
 * A capture of a post that a web archive lists, about to be stored.
 *
 * @param source where it was listed: {@code cdx} or {@code availability}
 * @param timestamp the archive's 14-digit timestamp, as written
 * @param at the same instant
 * @param uri the memento URI, {@code https://web.archive.org/web/<timestamp>/<original>}
 * @param statusCode the captured status as listed, or null
 * @param digest the payload digest as listed, or null
 * @param mimetype the captured type, or null
 * @param length the archived record length, or null
 */
public record MementoListing(String source, String originalUrl, String timestamp, Instant at, String uri,
    String statusCode, String digest, String mimetype, Long length) {
  /** The longest memento URI stored (the unique index must fit PostgreSQL's limit). */
  public static final int MAX_URI = 2048;
}
