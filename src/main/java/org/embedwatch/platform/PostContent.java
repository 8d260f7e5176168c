package org.embedwatch.platform;

import java.util.List;

/**
 * The content of a post as one endpoint served it, reduced to what a verification team compares.
 *
 * @param postId the platform's id of the post
 * @param text the post text
 * @param authorHandle the author's current handle, or null when the endpoint served the post without an author
 * @param authorName the author's display name, or null
 * @param createdAt creation time as the endpoint gives it, or null
 * @param media media to capture, in the order the post shows them
 * @param fingerprint SHA-256 hex over the content-bearing fields only (never engagement counts)
 */
public record PostContent(
    String postId,
    String text,
    String authorHandle,
    String authorName,
    String createdAt,
    List<MediaRef> media,
    String fingerprint) {
  public PostContent {
    media = List.copyOf(media);
  }

  /**
   * A media item to fetch.
   *
   * @param kind photo, video, playlist, thumbnail or avatar
   */
  public record MediaRef(String kind, String url) {}
}
