package org.embedwatch.verify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 *   <li>Otherwise the last conclusive observation decides: unavailable, or available, which is {@code ALTERED} when
 *       some endpoint's latest served fingerprint differs from the first fingerprint that endpoint served.
 *   <li>The reason of an unavailable state is the last reason given since the post was last served. A bare "not found"
 *       (an oEmbed 404 after a syndication tombstone said "deleted") confirms unavailability but does not erase the
 *       reason another endpoint gave; with no reason given at all it is {@code unknown}.
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
    UnavailableReason reason = null;
    for (NewObservation o : observations) {
      if (!o.outcome().isEvidence()) {
        continue;
      }
      last = o;
      if (o.outcome() == Outcome.AVAILABLE) {
        reason = null;
      } else if (o.outcome() == Outcome.UNAVAILABLE && o.reason() != null && o.reason() != UnavailableReason.UNKNOWN) {
        reason = o.reason();
      }
    }
    if (last == null) {
      return new DerivedState(PostState.UNREACHABLE, null);
    }
    return switch (last.outcome()) {
      case UNAVAILABLE, NOT_FOUND -> new DerivedState(PostState.UNAVAILABLE,
          reason == null ? UnavailableReason.UNKNOWN : reason);
      case AVAILABLE -> new DerivedState(altered(observations) ? PostState.ALTERED : PostState.AVAILABLE, null);
      case RATE_LIMITED, SERVER_ERROR, TRANSPORT_ERROR, REFUSED, UNEXPECTED ->
          throw new IllegalStateException("not evidence: " + last.outcome());
    };
  }

  /** True when some endpoint last served a fingerprint other than the first one it served. */
  private static boolean altered(List<NewObservation> observations) {
    Map<String, String> first = new HashMap<>();
    Map<String, String> latest = new HashMap<>();
    for (NewObservation o : observations) {
      if (o.outcome() == Outcome.AVAILABLE) {
        first.putIfAbsent(o.endpoint(), o.fingerprint());
        latest.put(o.endpoint(), o.fingerprint());
      }
    }
    return latest.entrySet().stream().anyMatch(e -> !Objects.equals(first.get(e.getKey()), e.getValue()));
  }
}
