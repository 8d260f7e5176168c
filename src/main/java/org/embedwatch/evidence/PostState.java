package org.embedwatch.evidence;

import java.util.Locale;

/**
 * A post's availability state, derived from its observations by {@code verify.StateFold}. Checks whose every
 * observation was inconclusive (transport error, timeout, 5xx, 429, refusal, unexpected body) never change it.
 */
public enum PostState {
  /** Referenced but not yet observed. */
  PENDING,
  /** The last conclusive check served the post, with the content of the first capture. */
  AVAILABLE,
  /** The last conclusive check served the post with content that differs from the first capture. */
  ALTERED,
  /** Every observation so far was inconclusive: we could not ask. */
  UNREACHABLE,
  /**
   * Endpoints said the post is unavailable at the checks since it was last served, but not yet at enough checks, over
   * enough time, or through enough independent endpoints to confirm it.
   */
  SUSPECTED_UNAVAILABLE,
  /** Unavailable at the configured number of checks, over the configured time, through enough endpoints. */
  CONFIRMED_UNAVAILABLE,
  /** Served again (with the content of the first capture) after its unavailability had been confirmed. */
  REAPPEARED;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when the state is one a verification team must look at: unavailable or altered. */
  public boolean flagged() {
    return unavailable() || this == ALTERED;
  }

  /** True for the two unavailable states. */
  public boolean unavailable() {
    return this == SUSPECTED_UNAVAILABLE || this == CONFIRMED_UNAVAILABLE;
  }
}
