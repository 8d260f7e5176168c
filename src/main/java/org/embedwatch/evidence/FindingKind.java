package org.embedwatch.evidence;

/** What a finding is about, besides the availability state. */
public enum FindingKind {
  /** The post's content changed since an earlier capture. */
  ALTERED,
  /** An article's quote, handle, display name or date differs from the post as captured nearest to the citation. */
  CITATION_MISMATCH,
  /** A reference was removed or replaced in a re-captured article. */
  ARTICLE_DRIFT
}
