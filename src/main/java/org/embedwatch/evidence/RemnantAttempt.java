package org.embedwatch.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.embedwatch.extract.Reference;

/**
 * One attempt to resolve a remnant citation, about to be stored.
 *
 * @param resolvedTo for {@code RESOLVED}, the reference the citation now points at (post id, handle, URL); else null
 * @param detail the outcome in one line, as printed
 */
public record RemnantAttempt(long citationId, Instant attemptedAt, RemnantOutcome outcome, Reference resolvedTo,
    String detail, List<Candidate> candidates) {
  public RemnantAttempt {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
    candidates = List.copyOf(candidates);
    if ((outcome == RemnantOutcome.RESOLVED) != (resolvedTo != null)) {
      throw new IllegalArgumentException("a resolved remnant, and only one, names its post");
    }
  }

  /**
   * A candidate post considered.
   *
   * @param source where it was listed ({@code wayback-cdx}, {@code x-v2-search})
   * @param sourceUrl what its text was read from (a memento's {@code id_} URL, the search request), or null
   * @param text the text read, or null
   * @param matchKind how its text matched the quote
   * @param score word-set similarity with the quote, 0 to 1
   * @param warc where the exchange its text came from was written, or null
   */
  public record Candidate(String postId, String source, String sourceUrl, String text, MatchKind matchKind, double score,
      WarcLocation warc) {}
}
