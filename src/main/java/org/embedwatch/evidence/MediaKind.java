package org.embedwatch.evidence;

import java.util.Locale;

/** What a media item of a post is. */
public enum MediaKind {
  PHOTO,
  VIDEO,
  PLAYLIST,
  THUMBNAIL,
  AVATAR;

  /** The stored form: {@code photo}, {@code video}, … */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind whose {@link #key()} is {@code key}. */
  public static MediaKind parse(String key) {
    for (MediaKind k : values()) {
      if (k.key().equals(key)) {
        return k;
      }
    }
    throw new IllegalArgumentException("not a media kind: '" + key + "'");
  }
}
