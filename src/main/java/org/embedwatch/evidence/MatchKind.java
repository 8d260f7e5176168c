package org.embedwatch.evidence;

/** How a candidate post's text matches a remnant's quote. */
public enum MatchKind {
  EQUAL("text equal"),
  PREFIX("cited text begins the post"),
  SIMILAR("similar text"),
  NONE("text differs"),
  NO_TEXT("no text read");

  private final String label;

  MatchKind(String label) {
    this.label = label;
  }

  /** As printed: {@code text equal}, {@code similar text}, … */
  public String label() {
    return label;
  }

  /** True for a match that can resolve a remnant on its own (equal, or the quote begins the post). */
  public boolean strong() {
    return this == EQUAL || this == PREFIX;
  }
}
