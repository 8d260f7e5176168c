package org.embedwatch.platform;

import org.embedwatch.evidence.MediaKind;
import org.embedwatch.evidence.LinkKind;
import java.util.List;
import org.embedwatch.evidence.ContentFacets;

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
 * @param related the posts this one quotes or replies to, as the endpoint names them
 * @param facets links, edit ids and community notes, where the endpoint carries them ({@link ContentFacets#NONE}
 *     otherwise)
 */
public record PostContent(
    String postId,
    String text,
    String authorHandle,
    String authorName,
    String createdAt,
    List<MediaRef> media,
    String fingerprint,
    List<Related> related,
    ContentFacets facets) {
  public PostContent {
    media = List.copyOf(media);
    related = List.copyOf(related);
    java.util.Objects.requireNonNull(facets, "facets");
  }

  /** A post whose endpoint carries no facets. */
  public PostContent(String postId, String text, String authorHandle, String authorName, String createdAt,
      List<MediaRef> media, String fingerprint, List<Related> related) {
    this(postId, text, authorHandle, authorName, createdAt, media, fingerprint, related, ContentFacets.NONE);
  }

  /** The same content with {@code f} as its facets. */
  public PostContent withFacets(ContentFacets f) {
    return new PostContent(postId, text, authorHandle, authorName, createdAt, media, fingerprint, related, f);
  }

  /** A post that names no other post. */
  public PostContent(String postId, String text, String authorHandle, String authorName, String createdAt,
      List<MediaRef> media, String fingerprint) {
    this(postId, text, authorHandle, authorName, createdAt, media, fingerprint, List.of());
  }

  /**
   * A post named by this one's content.
   *
   * @param handle its author's handle when the endpoint gives it, or null
   */
  public record Related(LinkKind kind, String postId, String handle) {}

  /**
   * A media item to fetch.
   *
     */
  public record MediaRef(MediaKind kind, String url) {}
}
