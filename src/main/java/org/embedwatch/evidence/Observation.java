package org.embedwatch.evidence;

import java.time.Instant;

/**
 * One attempt to observe a post through one endpoint, about to be appended.
 *
 * @param httpStatus the HTTP status, or null when no response arrived
 * @param reason the unavailability reason when {@code outcome} is UNAVAILABLE or NOT_FOUND, else null
 * @param detail what the endpoint said, in its words (tombstone text, error message), or null
 * @param bodySha256 SHA-256 of the response body, or null when there was none
 * @param fingerprint the content fingerprint when the post was served, else null
 * @param warc where the exchange sits in WARC, or null
 * @param check the number of the post's check this observation belongs to (1, 2, …: every endpoint asked in one
 *     check shares it), or 0 when not recorded (observations stored before checks were numbered, web archives)
 * @param pictures when the post was served: SHA-256 hex over the SHA-256 of each photo of the endpoint's current
 *     capture, in order, so that a photo replaced under an unchanged URL changes it while a re-encoded copy does not;
 *     null when nothing was served or it was not recorded
 */
public record Observation(
    Instant observedAt,
    String endpoint,
    String requestUrl,
    Integer httpStatus,
    Outcome outcome,
    UnavailableReason reason,
    String detail,
    Sha256 bodySha256,
    String fingerprint,
    WarcLocation warc,
    int check,
    String pictures) {
  /** An observation in check {@code check} without a record of its photos. */
  public Observation(Instant observedAt, String endpoint, String requestUrl, Integer httpStatus, Outcome outcome,
      UnavailableReason reason, String detail, Sha256 bodySha256, String fingerprint, WarcLocation warc, int check) {
    this(observedAt, endpoint, requestUrl, httpStatus, outcome, reason, detail, bodySha256, fingerprint, warc, check,
        null);
  }

  /** An observation outside a numbered check. */
  public Observation(Instant observedAt, String endpoint, String requestUrl, Integer httpStatus, Outcome outcome,
      UnavailableReason reason, String detail, Sha256 bodySha256, String fingerprint, WarcLocation warc) {
    this(observedAt, endpoint, requestUrl, httpStatus, outcome, reason, detail, bodySha256, fingerprint, warc, 0);
  }

  /** The same observation as part of check number {@code n}. */
  public Observation inCheck(int n) {
    return new Observation(observedAt, endpoint, requestUrl, httpStatus, outcome, reason, detail, bodySha256,
        fingerprint, warc, n, pictures);
  }

  /** The same observation with the digest of the photos it saw, and {@code detail} (kept when null). */
  public Observation withPictures(String digest, String note) {
    return new Observation(observedAt, endpoint, requestUrl, httpStatus, outcome, reason,
        note == null ? detail : note, bodySha256, fingerprint, warc, check, digest);
  }

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
