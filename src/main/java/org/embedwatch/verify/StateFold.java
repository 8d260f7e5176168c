package org.embedwatch.verify;

import java.util.List;
import java.util.Objects;
import org.embedwatch.Outcome;
import org.embedwatch.PostState;
import org.embedwatch.UnavailableReason;
import org.embedwatch.store.EvidenceStore.DerivedState;
import org.embedwatch.store.NewObservation;

/**
 * Derives a post's state from its ordered observations; a pure function, so any stored history can be re-folded.
 *
 * <ul>
 *   <li>No observation: {@code PENDING}. Observations but none conclusive (transport errors, timeouts, 5xx, 429,
 *       refusals, unexpected bodies): {@code UNREACHABLE}. Such observations never change a conclusive state.
 *   <li>Otherwise the last conclusive observation decides: unavailable (with the endpoint's reason; a bare "not found"
 *       is reason {@code unknown}), or available, which is {@code ALTERED} when its fingerprint differs from the
 *       first fingerprint the same endpoint served.
 *   <li>Observations of web archives ({@code wayback-*}, see {@link NewObservation#corroboration()}) are left out: a
 *       memento list corroborates the post's past and says nothing about its availability now.
 * </ul>
 */
public final class StateFold {

  /** The state the observations (oldest first) justify. */
  public DerivedState fold(List<NewObservation> all) {
    List<NewObservation> observations = all.stream().filter(o -> !o.corroboration()).toList();
    if (observations.isEmpty()) {
      return new DerivedState(PostState.PENDING, null);
    }
    NewObservation last = null;
    for (NewObservation o : observations) {
      if (o.outcome().isEvidence()) {
        last = o;
      }
    }
    if (last == null) {
      return new DerivedState(PostState.UNREACHABLE, null);
    }
    return switch (last.outcome()) {
      case UNAVAILABLE -> new DerivedState(PostState.UNAVAILABLE,
          last.reason() == null ? UnavailableReason.UNKNOWN : last.reason());
      case NOT_FOUND -> new DerivedState(PostState.UNAVAILABLE, UnavailableReason.UNKNOWN);
      case AVAILABLE -> new DerivedState(altered(observations, last) ? PostState.ALTERED : PostState.AVAILABLE,
          null);
      case RATE_LIMITED, SERVER_ERROR, TRANSPORT_ERROR, REFUSED, UNEXPECTED ->
          throw new IllegalStateException("not evidence: " + last.outcome());
    };
  }

  private static boolean altered(List<NewObservation> observations, NewObservation last) {
    for (NewObservation o : observations) {
      if (o.outcome() == Outcome.AVAILABLE && o.endpoint().equals(last.endpoint())) {
        return !Objects.equals(o.fingerprint(), last.fingerprint());
      }
    }
    return false;
  }
}
