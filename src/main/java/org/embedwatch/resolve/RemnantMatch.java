package org.embedwatch.resolve;

import org.embedwatch.evidence.MatchKind;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.parser.Parser;

/**
 * Whether a post's text is the text an article quotes, after normalisation: HTML entities decoded, NFKC, URLs
 * ({@code http(s)://…}, {@code pic.twitter.com/…}, {@code t.co/…}) dropped, lower-cased, split into words of letters
 * and digits (punctuation, emoji and the {@code ?} a scraper leaves for a lost character are not words). The rule:
 *
 * <ul>
 *   <li>{@link Kind#EQUAL}: the same words in the same order;
 *   <li>{@link Kind#PREFIX}: the cited words (at least {@value #MIN_PREFIX_WORDS}) begin the post's (a quote cut short);
 *   <li>{@link Kind#SIMILAR}: word-set (Jaccard) similarity at least {@value #SIMILAR}.
 * </ul>
 *
 * A remnant is resolved only when exactly one candidate is EQUAL or PREFIX, or, with none such, exactly one is
 * SIMILAR and scores at least {@value #MARGIN} above every other candidate. Otherwise several matching candidates make
 * it ambiguous, and none unmatched. Pure.
 */
public final class RemnantMatch {
  static final int MIN_PREFIX_WORDS = 3;
  static final double SIMILAR = 0.9;
  static final double MARGIN = 0.05;
  private static final Pattern URL =
      Pattern.compile("(?:https?://|(?<![\\p{L}\\p{N}])(?:pic\\.twitter\\.com|t\\.co)/)\\S*");
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private RemnantMatch() {}

  /** A candidate's match: its kind and word-set similarity (0 when there is no text). */
  public record Score(MatchKind kind, double similarity) {}

  /** The decision over all candidates, by their index in the list given to {@link #decide}. */
  public sealed interface Decision {
    /** Exactly one candidate matches. */
    record Resolved(int index) implements Decision {}

    /** Several candidates match; none is preferred. */
    record Ambiguous(List<Integer> indexes) implements Decision {
      public Ambiguous {
        indexes = List.copyOf(indexes);
      }
    }

    /** No candidate matches. */
    record Unmatched() implements Decision {}
  }

  /** The normalised words of {@code text}. */
  static List<String> words(String text) {
    String s = Normalizer.normalize(Parser.unescapeEntities(text, false), Normalizer.Form.NFKC);
    s = URL.matcher(s).replaceAll(" ").toLowerCase(Locale.ROOT);
    return Arrays.stream(NON_WORD.split(s)).filter(w -> !w.isEmpty()).toList();
  }

  /** How {@code postText} (null when none was read) matches {@code cited}. */
  public static Score score(String cited, String postText) {
    if (postText == null) {
      return new Score(MatchKind.NO_TEXT, 0);
    }
    List<String> c = words(cited);
    List<String> p = words(postText);
    if (c.isEmpty() || p.isEmpty()) {
      return new Score(MatchKind.NONE, 0);
    }
    double similarity = jaccard(c, p);
    if (c.equals(p)) {
      return new Score(MatchKind.EQUAL, similarity);
    }
    if (c.size() >= MIN_PREFIX_WORDS && c.size() < p.size() && p.subList(0, c.size()).equals(c)) {
      return new Score(MatchKind.PREFIX, similarity);
    }
    return new Score(similarity >= SIMILAR ? MatchKind.SIMILAR : MatchKind.NONE, similarity);
  }

  private static double jaccard(List<String> a, List<String> b) {
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    Set<String> both = new HashSet<>(a);
    both.retainAll(new HashSet<>(b));
    return union.isEmpty() ? 0 : (double) both.size() / union.size();
  }

  /** Applies the rule above to the candidates' scores. */
  public static Decision decide(List<Score> scores) {
    List<Integer> strong = new ArrayList<>();
    List<Integer> similar = new ArrayList<>();
    for (int i = 0; i < scores.size(); i++) {
      MatchKind k = scores.get(i).kind();
      if (k.strong()) {
        strong.add(i);
      } else if (k == MatchKind.SIMILAR) {
        similar.add(i);
      }
    }
    if (strong.size() == 1) {
      return new Decision.Resolved(strong.get(0));
    }
    if (strong.size() > 1) {
      return new Decision.Ambiguous(strong);
    }
    if (similar.isEmpty()) {
      return new Decision.Unmatched();
    }
    int best = similar.stream().max(Comparator.comparingDouble(i -> scores.get(i).similarity())).orElseThrow();
    double next = 0;
    for (int i = 0; i < scores.size(); i++) {
      if (i != best) {
        next = Math.max(next, scores.get(i).similarity());
      }
    }
    if (scores.get(best).similarity() - next >= MARGIN) {
      return new Decision.Resolved(best);
    }
    double floor = scores.get(best).similarity() - MARGIN;
    List<Integer> close = new ArrayList<>();
    for (int i = 0; i < scores.size(); i++) {
      if (scores.get(i).similarity() > floor) {
        close.add(i);
      }
    }
    return new Decision.Ambiguous(close);
  }
}
