package org.embedwatch.evidence;

import java.util.Locale;

/** A social platform whose posts articles cite. The lower-case {@link #key()} is what reports and JSON print. */
public enum Platform {
  X,
  BLUESKY,
  MASTODON,
  INSTAGRAM,
  TIKTOK,
  YOUTUBE,
  FACEBOOK,
  THREADS,
  TELEGRAM,
  REDDIT;

  /** The name used in JSON, CSV and the database: {@code x}, {@code bluesky}, … */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #key()} back; throws with the offending value when it names no platform. */
  public static Platform parse(String key) {
    for (Platform p : values()) {
      if (p.key().equals(key)) {
        return p;
      }
    }
    throw new IllegalArgumentException("not a platform: '" + key + "'");
  }
}
