package org.embedwatch.verify;

import org.embedwatch.evidence.FindingKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.embedwatch.extract.Reference;
import org.embedwatch.evidence.CitationRecord;

/**
 * What changed in an article's references between two of its captures: a reference of the earlier capture that the
 * later one no longer has is removed, or replaced when the later capture has a post not cited before at the same
 * place (same first form, same position among the references of that form). References added elsewhere are not
 * drift. Pure.
 */
public final class ArticleDrift {

  private ArticleDrift() {}

  /**
   * One reference gone from the later capture.
   *
   * @param before the citation of the earlier capture
   * @param replacement the citation of the later capture now in its place, or null when it was removed
   */
  public record Drift(CitationRecord before, CitationRecord replacement) {
    /** "reference to x 123 removed from the article between T1 and T2" (or "replaced by x 456 …"). */
    public String summary(Instant earlier, Instant later) {
      return "reference to " + describe(before.reference())
          + (replacement == null ? " removed from the article"
              : " replaced by " + describe(replacement.reference()) + " (" + place(replacement.reference()) + ")")
          + " between " + earlier + " and " + later;
    }

    /** What makes this drift distinct, for the finding key. */
    public String key() {
      return identity(before.reference()) + (replacement == null ? " removed" : " replaced by "
          + identity(replacement.reference()));
    }
  }

  /** The references of {@code earlier} that {@code later} removed or replaced, in the order of {@code earlier}. */
  public static List<Drift> compare(List<CitationRecord> earlier, List<CitationRecord> later) {
    Set<String> before = earlier.stream().map(c -> identity(c.reference())).collect(Collectors.toSet());
    Set<String> after = later.stream().map(c -> identity(c.reference())).collect(Collectors.toSet());
    Map<String, CitationRecord> newAtPlace = new HashMap<>();
    places(later).forEach((place, c) -> {
      if (!before.contains(identity(c.reference()))) {
        newAtPlace.put(place, c);
      }
    });
    List<Drift> out = new ArrayList<>();
    places(earlier).forEach((place, c) -> {
      if (!after.contains(identity(c.reference()))) {
        out.add(new Drift(c, newAtPlace.get(place)));
      }
    });
    return out;
  }

  /** Each citation by its place: first form and position among the citations with that first form. */
  private static Map<String, CitationRecord> places(List<CitationRecord> citations) {
    Map<String, CitationRecord> out = new LinkedHashMap<>();
    Map<Reference.Form, Integer> seen = new HashMap<>();
    for (CitationRecord c : citations) {
      Reference.Form form = c.reference().forms().get(0);
      int n = seen.merge(form, 1, Integer::sum);
      out.put(form.key() + " " + n, c);
    }
    return out;
  }

  private static String identity(Reference r) {
    return r.postId() != null ? r.platform().key() + " " + r.postId()
        : r.platform().key() + " remnant @" + r.handle() + " " + r.citedDate() + " "
            + CitedText.normalise(r.citedText());
  }

  private static String describe(Reference r) {
    return r.postId() != null ? r.platform().key() + " " + r.postId()
        : r.platform().key() + " post by @" + r.handle() + (r.citedDate() == null ? "" : " of " + r.citedDate())
            + " (no id)";
  }

  private static String place(Reference r) {
    return "same place, " + r.forms().get(0).key();
  }
}
