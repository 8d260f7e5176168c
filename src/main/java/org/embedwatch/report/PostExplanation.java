package org.embedwatch.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.embedwatch.evidence.Observation;
import org.embedwatch.evidence.PostRecord;

/**
 * States a post's situation as observations, never as certainty: the state fold's explanation kept on the post
 * ("unavailable (deleted) at 3 checks between T1 and T2, via x-syndication (HTTP 200: tombstone: …) and x-oembed
 * (HTTP 404: …); confirmed: …"), then how many observations could not reach an endpoint and why, which are not
 * evidence.
 */
final class PostExplanation {
  private PostExplanation() {}

  static String explain(PostRecord post, List<Observation> observations) {
    if (observations.isEmpty()) {
      return "not checked yet";
    }
    List<String> parts = new ArrayList<>();
    if (post.stateEvidence() != null && !post.stateEvidence().isBlank()) {
      parts.add(post.stateEvidence());
    }
    int inconclusive = 0;
    Map<String, Integer> kinds = new LinkedHashMap<>();
    for (Observation o : observations) {
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
    return parts.isEmpty() ? "observed" : String.join("; ", parts);
  }
}
