package org.embedwatch.store;

import java.util.List;
import org.embedwatch.Sha256;

/**
 * The post as an endpoint served it, about to be stored with its media.
 *
 * @param body the raw response bytes (JSON) exactly as received
 * @param bodySha256 SHA-256 of {@code body}
 * @param fingerprint the content fingerprint (volatile fields excluded)
 * @param createdAt the post's creation time as the endpoint gives it, or null
 */
public record NewPostCapture(
    String endpoint,
    byte[] body,
    Sha256 bodySha256,
    String fingerprint,
    String text,
    String authorHandle,
    String authorName,
    String createdAt,
    List<NewMedia> media) {
  public NewPostCapture {
    media = List.copyOf(media);
  }
}
