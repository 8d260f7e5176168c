package org.embedwatch.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * A finding about to be stored: something a verification team must look at besides the availability state.
 *
 * @param key what makes this finding distinct within its kind (e.g. {@code post 12: fingerprint a→b}); a finding
 *     whose kind and key are stored already is not stored again
 * @param postRef the post row it is about, or null
 * @param citationId the citation row it is about, or null
 * @param articleId the article row it is about, or null
 * @param observationId the observation that showed it, or null
 * @param summary one line, stated as an observation ("text differs from the first capture, first seen at T")
 * @param detail a readable diff or the evidence in full, or null
 */
public record Finding(FindingKind kind, String key, Long postRef, Long citationId, Long articleId, Long observationId,
    Instant firstSeen, String summary, String detail) {
  public Finding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(summary, "summary");
  }

  /** The same finding, shown by observation {@code id}. */
  public Finding withObservation(long id) {
    return new Finding(kind, key, postRef, citationId, articleId, id, firstSeen, summary, detail);
  }
}
