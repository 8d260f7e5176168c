package org.embedwatch.store;

import java.time.Instant;
import org.embedwatch.Outcome;
import org.embedwatch.Sha256;
import org.embedwatch.UnavailableReason;
import org.embedwatch.archive.WarcLocation;

/**
 * One attempt to observe a post through one endpoint, about to be appended.
 *
 * @param httpStatus the HTTP status, or null when no response arrived
 * @param reason the unavailability reason when {@code outcome} is UNAVAILABLE or NOT_FOUND, else null
 * @param detail what the endpoint said, in its words (tombstone text, error message), or null
 * @param bodySha256 SHA-256 of the response body, or null when there was none
 * @param fingerprint the content fingerprint when the post was served, else null
 * @param warc where the exchange sits in WARC, or null
 */
public record NewObservation(
    Instant observedAt,
    String endpoint,
    String requestUrl,
    Integer httpStatus,
    Outcome outcome,
    UnavailableReason reason,
    String detail,
    Sha256 bodySha256,
    String fingerprint,
    WarcLocation warc) {
  /** The prefix of the endpoints of web archives ({@code wayback-cdx}, {@code wayback-available}). */
  public static final String ARCHIVE_PREFIX = "wayback-";

  /**
   * True for an observation of a web archive: it corroborates the post's past (what was captured, when) and is never
   * evidence of the post's current availability.
   */
  public boolean corroboration() {
    return endpoint.startsWith(ARCHIVE_PREFIX);
  }
}
