package org.embedwatch.evidence;

/** What one attempt to resolve a remnant citation to a post gave. */
public enum RemnantOutcome {
  /** Exactly one candidate matched: the citation now points at it. */
  RESOLVED,
  /** Several candidates matched and none is preferred. */
  AMBIGUOUS,
  /** Every source answered and no candidate matched (or the remnant cannot be searched). */
  UNMATCHED,
  /** A source could not be asked, or a candidate could not be read: asked again later. */
  INCONCLUSIVE
}
