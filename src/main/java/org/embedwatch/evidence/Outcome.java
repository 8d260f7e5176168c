package org.embedwatch.evidence;

import java.util.Locale;

/**
 * The typed outcome of one attempt to observe a post through one endpoint. Only {@link #AVAILABLE},
 * {@link #UNAVAILABLE} and {@link #NOT_FOUND} are evidence about the post; the others say we could not ask, and never
 * count toward unavailability.
 */
public enum Outcome {
  /** The endpoint served the post. */
  AVAILABLE,
  /** The endpoint said the post is unavailable and gave a reason (tombstone, error code). */
  UNAVAILABLE,
  /** The endpoint said it has no such post ({@code {}} body, 404), without a reason. */
  NOT_FOUND,
  /** 429: rate limited. */
  RATE_LIMITED,
  /** 5xx. */
  SERVER_ERROR,
  /** Timeout, refused connection, broken transfer. */
  TRANSPORT_ERROR,
  /** 401/403 or another refusal that is about us, not the post. */
  REFUSED,
  /** A body we do not understand; stored and reported, never guessed. */
  UNEXPECTED;

  /** True when this outcome says something about the post itself. */
  public boolean isEvidence() {
    return this == AVAILABLE || this == UNAVAILABLE || this == NOT_FOUND;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
