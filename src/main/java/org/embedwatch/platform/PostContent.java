package org.embedwatch.platform;

import org.embedwatch.evidence.MediaKind;
import org.embedwatch.evidence.LinkKind;
import java.util.List;
import org.embedwatch.evidence.ContentFacets;

/**
 * The content of a post as one endpoint served it, reduced to what a verification team compares. Every value a
 * platform served is bounded here, where it enters: NUL characters are dropped, a text, handle or display name longer
 * than the store keeps is cut with a visible marker, and a creation time that cannot be one (too long, or control
 * characters, or no digit) is left out. So one odd or hostile post never fails the check that stores it.
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
  /** The most characters of a post's text kept: the store's column. */
  public static final int MAX_TEXT = 20_000;
  /** The most characters of an author's handle kept. */
  public static final int MAX_HANDLE = 200;
  /** The most characters of an author's display name kept. */
  public static final int MAX_NAME = 500;
  /** The longest creation time kept; a longer one is no time any platform gives. */
  public static final int MAX_CREATED_AT = 64;

  public PostContent {
    text = bounded(text, MAX_TEXT);
    authorHandle = bounded(authorHandle, MAX_HANDLE);
    authorName = bounded(authorName, MAX_NAME);
    createdAt = plausibleTime(createdAt);
    media = List.copyOf(media);
    related = List.copyOf(related);
    java.util.Objects.requireNonNull(facets, "facets");
  }

  /**
   * {@code value} without NUL characters, cut to at most {@code max} characters with a marker that says how long it
   * was ({@code … [cut by Embedwatch: 30000 characters served]}); null stays null.
   */
  public static String bounded(String value, int max) {
    if (value == null) {
      return null;
    }
    String v = value.indexOf('\0') < 0 ? value : value.replace("\0", "");
    if (v.length() <= max) {
      return v;
    }
    String marker = "… [cut by Embedwatch: " + v.length() + " characters served]";
    int end = max - marker.length(); // every max here is far longer than the marker
    if (Character.isHighSurrogate(v.charAt(end - 1))) {
      end--;
    }
    return v.substring(0, end) + marker;
  }

  /** {@code createdAt} when it can be a time as a platform writes one (short, printable, with a digit), else null. */
  static String plausibleTime(String createdAt) {
    if (createdAt == null || createdAt.length() > MAX_CREATED_AT || createdAt.chars().noneMatch(Character::isDigit)
        || createdAt.chars().anyMatch(Character::isISOControl)) {
      return null;
    }
    return createdAt;
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
  public record Related(LinkKind kind, String postId, String handle) {
    public Related {
      handle = bounded(handle, MAX_HANDLE);
    }
  }

  /**
   * A media item to fetch.
   *
     */
  public record MediaRef(MediaKind kind, String url) {}
}
