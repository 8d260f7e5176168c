package org.embedwatch.evidence;

import java.util.Locale;

/** Why an endpoint said a post is unavailable, as far as the endpoint said. */
public enum UnavailableReason {
  DELETED,
  SUSPENDED,
  PROTECTED,
  AGE_RESTRICTED,
  /** Withheld in the country the endpoint was asked from (a legal demand or a copyright report). */
  WITHHELD,
  /** The post was served without its author: the account no longer exists or is suspended. */
  ACCOUNT_GONE,
  /** Unavailable, but the endpoint gave no reason (a generic tombstone, a 404, an empty answer). */
  UNKNOWN;

  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static UnavailableReason parse(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
