package org.embedwatch.evidence;

import java.util.Locale;

/** How a captured post names another post. */
public enum LinkKind {
  QUOTED,
  REPLIED_TO;

  /** The stored form: {@code quoted}, {@code replied_to}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind whose {@link #key()} is {@code key}. */
  public static LinkKind parse(String key) {
    for (LinkKind k : values()) {
      if (k.key().equals(key)) {
        return k;
      }
    }
    throw new IllegalArgumentException("not a link kind: '" + key + "'");
  }

  /** As printed: {@code quoted}, {@code replied to}. */
  public String words() {
    return key().replace('_', ' ');
  }
}
