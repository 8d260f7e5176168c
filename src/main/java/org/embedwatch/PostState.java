package org.embedwatch;

import java.util.Locale;

/** A post's availability state, derived from its observations (see {@code verify.StateFold}). */
public enum PostState {
  /** Referenced but not yet observed. */
  PENDING,
  /** The last conclusive observation served the post, with the content of the first capture. */
  AVAILABLE,
  /** The last conclusive observation served the post with content that differs from the first capture. */
  ALTERED,
  /** The last conclusive observation said the post is unavailable (with the endpoint's reason). */
  UNAVAILABLE,
  /** Every observation so far failed (transport error, timeout, 5xx, 429): we could not ask. */
  UNREACHABLE;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
