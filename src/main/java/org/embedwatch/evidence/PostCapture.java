package org.embedwatch.evidence;

import java.util.List;

/**
 * The post as an endpoint served it, about to be stored with its media.
 *
 * @param body the raw response bytes (JSON) exactly as received, or the post's part of a batch response
 * @param bodySha256 SHA-256 of {@code body}
 * @param bodyScope which bytes {@code body} is: {@code payload} (the whole WARC response payload), or
 *     {@code json-pointer /data/3} (that part of the payload, re-serialized compactly)
 * @param fingerprint the content fingerprint (volatile fields excluded)
 * @param createdAt the post's creation time as the endpoint gives it, or null
 * @param facets links, edit ids and community notes as the endpoint serves them, or null when not recorded (captures
 *     stored before they were)
 */
public record PostCapture(
    String endpoint,
    byte[] body,
    Sha256 bodySha256,
    String bodyScope,
    String fingerprint,
    String text,
    String authorHandle,
    String authorName,
    String createdAt,
    List<Media> media,
    ContentFacets facets) {
  public PostCapture {
    media = List.copyOf(media);
  }

  /** A capture without a record of its facets. */
  public PostCapture(String endpoint, byte[] body, Sha256 bodySha256, String bodyScope, String fingerprint,
      String text, String authorHandle, String authorName, String createdAt, List<Media> media) {
    this(endpoint, body, bodySha256, bodyScope, fingerprint, text, authorHandle, authorName, createdAt, media, null);
  }
}
