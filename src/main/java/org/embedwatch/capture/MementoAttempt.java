package org.embedwatch.capture;

import java.util.Objects;

/**
 * What the Wayback fallback did at one check of a post (see {@link MementoFallback}): nothing (not due), stored a
 * memento's raw bytes as a capture, found that the archive holds no usable memento, or could not fetch one yet.
 *
 * @param detail one line for the operator (empty when not due)
 */
public record MementoAttempt(Kind kind, String detail) {

  /** The kinds of attempt. */
  public enum Kind {
    /** The post was served by a live endpoint, was not found gone, or its memento was already fetched. */
    NOT_DUE,
    /** A memento's bytes were stored as a capture from {@code wayback-memento}. */
    STORED,
    /** The archive lists no capture of the post with status 200. */
    NONE_FOUND,
    /** The archive did not answer, or did not serve the memento; asked again at the next check if still due. */
    NOT_FETCHED
  }

  public MementoAttempt {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  static MementoAttempt notDue() {
    return new MementoAttempt(Kind.NOT_DUE, "");
  }

  /** Whether anything was attempted (and is worth a line). */
  public boolean attempted() {
    return kind != Kind.NOT_DUE;
  }
}
