package org.embedwatch.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.embedwatch.Outcome;
import org.embedwatch.PostState;
import org.embedwatch.store.NewObservation;
import org.embedwatch.store.PostRecord;

/**
 * States a post's situation as observations, never as certainty: "unavailable (deleted) at 2 observations between T1
 * and T2, via x-syndication (HTTP 200) and x-oembed (HTTP 404) (tombstone: …)". Each endpoint asked at a check is one
 * observation. Counts inconclusive observations separately. The detail quoted is the one of the observation that gave
 * the reason, so a later bare "not found" does not hide a tombstone's words.
 */
final class PostExplanation {
  private PostExplanation() {}

  static String explain(PostRecord post, List<NewObservation> observations) {
    if (observations.isEmpty()) {
      return "not checked yet";
    }
    List<String> parts = new ArrayList<>();
    PostState state = post.state();
    List<NewObservation> current = currentRun(observations);
    if (!current.isEmpty()) {
      NewObservation last = current.get(current.size() - 1);
      for (NewObservation o : current) {
        if (o.reason() != null && o.reason() == post.reason() && o.detail() != null) {
          last = o;
        }
      }
      String what = switch (state) {
        case UNAVAILABLE -> "unavailable (" + (post.reason() == null ? "unknown" : post.reason().key()) + ")";
        case ALTERED -> "served with content that differs from the first capture";
        case AVAILABLE -> "available with the content of the first capture";
        case PENDING, UNREACHABLE -> "observed";
      };
      parts.add(what + " at " + span(current) + ", via " + endpoints(current)
          + (last.detail() == null ? "" : " (" + last.detail() + ")"));
    }
    int inconclusive = 0;
    Map<String, Integer> kinds = new LinkedHashMap<>();
    for (NewObservation o : observations) {
      if (!o.outcome().isEvidence()) {
        inconclusive++;
        String k = o.outcome().key() + (o.httpStatus() == null ? "" : " " + o.httpStatus());
        kinds.merge(k, 1, Integer::sum);
      }
    }
    if (inconclusive > 0) {
      List<String> k = new ArrayList<>();
      kinds.forEach((kind, n) -> k.add(n + "× " + kind));
      parts.add(inconclusive + (inconclusive == 1 ? " observation" : " observations") + " could not reach the endpoint ("
          + String.join(", ", k) + "), not counted as evidence");
    }
    int conclusive = observations.size() - inconclusive;
    if (conclusive == 0) {
      parts.add(0, "never reached");
    }
    return String.join("; ", parts);
  }

  /** The trailing run of conclusive observations that agree with the last conclusive one. */
  private static List<NewObservation> currentRun(List<NewObservation> observations) {
    List<NewObservation> run = new ArrayList<>();
    NewObservation anchor = null;
    for (int i = observations.size() - 1; i >= 0; i--) {
      NewObservation o = observations.get(i);
      if (!o.outcome().isEvidence()) {
        continue;
      }
      if (anchor == null) {
        anchor = o;
      } else if (!sameFinding(anchor, o)) {
        break;
      }
      run.add(0, o);
    }
    return run;
  }

  private static boolean sameFinding(NewObservation a, NewObservation b) {
    boolean aGone = a.outcome() != Outcome.AVAILABLE;
    boolean bGone = b.outcome() != Outcome.AVAILABLE;
    if (aGone || bGone) {
      return aGone == bGone;
    }
    return a.endpoint().equals(b.endpoint()) ? java.util.Objects.equals(a.fingerprint(), b.fingerprint()) : true;
  }

  private static String span(List<NewObservation> run) {
    String first = run.get(0).observedAt().toString();
    String last = run.get(run.size() - 1).observedAt().toString();
    if (run.size() == 1) {
      return "1 observation on " + first;
    }
    return run.size() + " observations " + (first.equals(last) ? "on " + first : "between " + first + " and " + last);
  }

  private static String endpoints(List<NewObservation> run) {
    Set<String> names = new LinkedHashSet<>();
    run.forEach(o -> names.add(o.endpoint() + (o.httpStatus() == null ? "" : " (HTTP " + o.httpStatus() + ")")));
    return String.join(" and ", names);
  }
}
