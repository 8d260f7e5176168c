package org.embedwatch.capture;

import java.util.List;
import org.embedwatch.evidence.DerivedState;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.platform.PostFetch;

/**
 * What one check of one post gave.
 *
 * @param post the post as it was before the check
 * @param fetches one answer per endpoint asked (empty when no endpoint serves the platform yet, or the check failed)
 * @param state the post's state after the check
 * @param number the check's number among the post's checks, or 0 when none was recorded
 * @param duplicate true when another run had recorded this check already (two processes checking one post at one
 *     due time): this run recorded nothing
 * @param discovered posts this check's capture named (quoted, replied to) that got a row of their own just now
 * @param via for a post checked because another one named it: how ({@code quoted by x 123}); null otherwise
 * @param memento what the Wayback fallback did for a post gone before its first capture (usually not due)
 * @param captured true when the check stored a new capture (and so compared the post's citations with it)
 * @param failure why the check failed and recorded nothing (one line), or null when it did not fail
 */
public record CheckResult(PostRecord post, List<PostFetch> fetches, DerivedState state, int number, boolean duplicate,
    List<PostRecord> discovered, String via, MementoAttempt memento, boolean captured, String failure) {
  public CheckResult {
    fetches = List.copyOf(fetches);
    discovered = List.copyOf(discovered);
  }

  /** A check that failed: nothing of it was recorded, and the post keeps its state. */
  static CheckResult failed(PostRecord post, String via, String failure) {
    return new CheckResult(post, List.of(), new DerivedState(post.state(), post.reason()), 0, false, List.of(), via,
        MementoAttempt.notDue(), false, failure);
  }

  /** True when no endpoint for the post's platform exists yet. */
  public boolean unsupported() {
    return fetches.isEmpty() && failure == null;
  }

  /** True when the check failed (see {@link #failure}). */
  public boolean failed() {
    return failure != null;
  }
}
