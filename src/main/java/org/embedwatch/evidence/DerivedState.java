package org.embedwatch.evidence;

import java.util.List;

/**
 * A post's state as derived from its observations.
 *
 * @param reason the unavailability reason, or null
 * @param explanation the state in observations, one paragraph ("unavailable (deleted) at 3 checks between …"), or
 *     null when not derived here
 * @param evidence the positions, in the observation list the state was derived from, of the observations behind it
 */
public record DerivedState(PostState state, UnavailableReason reason, String explanation, List<Integer> evidence) {
  public DerivedState {
    evidence = List.copyOf(evidence);
  }

  /** A state without an explanation (the post's stored state before a check). */
  public DerivedState(PostState state, UnavailableReason reason) {
    this(state, reason, null, List.of());
  }
}
