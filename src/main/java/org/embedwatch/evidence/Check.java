package org.embedwatch.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One check of one post: every endpoint's observation at one time, the state folded once over the post's stored
 * observations and these, the findings they show, when the post is next due, and the policy that judged it. Recorded
 * as one {@link EvidenceEvent.CheckCompleted} in one transaction: all of it is stored, or none of it.
 *
 * @param key what makes this check distinct: a second check with a stored key is not recorded (a task run twice)
 * @param priorObservations the ids of the post's stored observations the state was folded over, oldest first: the
 *     state's evidence positions below their count name them, the others this check's endpoints, in order
 * @param state the state folded over the prior observations and this check's
 */
public record Check(long postRef, String key, Instant at, CheckPolicy policy, List<Long> priorObservations,
    List<CheckedEndpoint> endpoints, DerivedState state, Instant nextDue) {
  public Check {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(policy, "policy");
    priorObservations = List.copyOf(priorObservations);
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(nextDue, "nextDue");
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("a check of post " + postRef + " asks at least one endpoint");
    }
    if (key.isBlank() || key.length() > 200) {
      throw new IllegalArgumentException("a check key is 1 to 200 characters, got '" + key + "'");
    }
  }

  /** The default key: the post and the check number it follows ({@code post 12 after check 3}). */
  public static String keyAfter(long postRef, int lastCheck) {
    return "post " + postRef + " after check " + lastCheck;
  }

  /** This check's observations, in endpoint order. */
  public List<Observation> observations() {
    return endpoints.stream().map(CheckedEndpoint::observation).toList();
  }
}
