package org.embedwatch.sandbox;

import java.util.Locale;
import java.util.Objects;

/** Something that happens to a post: it is deleted, edited, its author suspended, its host flaky, and so on. */
public sealed interface Change permits Change.Simple, Change.Edited, Change.Flaky {

  /** Which change this is; the name in scenario files is {@link Kind#key()}. */
  Kind kind();

  /** The kinds of change, switchable exhaustively. */
  enum Kind {
    DELETED,
    SUSPENDED,
    PROTECTED,
    AGE_RESTRICTED,
    ACCOUNT_GONE,
    EDITED,
    MEDIA_SWAPPED,
    MEDIA_REENCODED,
    RESTORED,
    FLAKY,
    NOT_FOUND_EMPTY,
    NOT_FOUND_404;

    /** The scenario-file name: {@code deleted}, {@code age_restricted}, {@code not_found_404}, … */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A change without parameters (everything except {@link Kind#EDITED} and {@link Kind#FLAKY}). */
  record Simple(Kind kind) implements Change {
    public Simple {
      Objects.requireNonNull(kind, "kind");
      if (kind == Kind.EDITED || kind == Kind.FLAKY) {
        throw new IllegalArgumentException("change '" + kind.key() + "' needs parameters; use Change."
            + (kind == Kind.EDITED ? "edited(text)" : "flaky(fault)"));
      }
    }
  }

  /** The author edited the post: new text, and a new id appended to {@code edit_control.edit_tweet_ids}. */
  record Edited(String text) implements Change {
    public Edited {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public Kind kind() {
      return Kind.EDITED;
    }
  }

  /**
   * Requests about this post fail with {@code fault} (until a later {@code flaky(Fault.none())}): a status or a
   * timeout. Truncated, slow and random faults are set per host or globally ({@link Sandbox#setFault}).
   */
  record Flaky(Fault fault) implements Change {
    public Flaky {
      Objects.requireNonNull(fault, "fault");
      if (fault.kind() != Fault.Kind.NONE && fault.kind() != Fault.Kind.STATUS && fault.kind() != Fault.Kind.TIMEOUT) {
        throw new IllegalArgumentException("a post's fault is a status or a timeout (truncated, slow and random"
            + " faults are set per host or for every host), got " + fault);
      }
    }

    @Override
    public Kind kind() {
      return Kind.FLAKY;
    }
  }

  static Change deleted() {
    return new Simple(Kind.DELETED);
  }

  static Change suspended() {
    return new Simple(Kind.SUSPENDED);
  }

  static Change protectedAccount() {
    return new Simple(Kind.PROTECTED);
  }

  static Change ageRestricted() {
    return new Simple(Kind.AGE_RESTRICTED);
  }

  static Change accountGone() {
    return new Simple(Kind.ACCOUNT_GONE);
  }

  static Change edited(String text) {
    return new Edited(text);
  }

  static Change mediaSwapped() {
    return new Simple(Kind.MEDIA_SWAPPED);
  }

  /** The platform serves the post's pictures re-encoded (other bytes, another JPEG quality; the same picture). */
  static Change mediaReencoded() {
    return new Simple(Kind.MEDIA_REENCODED);
  }

  static Change restored() {
    return new Simple(Kind.RESTORED);
  }

  static Change flaky(Fault fault) {
    return new Flaky(fault);
  }

  static Change notFoundEmpty() {
    return new Simple(Kind.NOT_FOUND_EMPTY);
  }

  static Change notFound404() {
    return new Simple(Kind.NOT_FOUND_404);
  }
}
