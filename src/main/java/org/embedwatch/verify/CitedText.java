package org.embedwatch.verify;

import java.text.Normalizer;
import java.util.regex.Pattern;
import org.jsoup.parser.Parser;

/**
 * Post text as compared between an article's quote and a capture: HTML entities decoded, Unicode NFC, links removed
 * (t.co, pic.twitter.com, any http(s) URL, display URLs such as {@code buff.ly/450N0Px}), emoji variation selectors and skin-tone modifiers dropped, the trailing
 * {@code — Name (@handle) date} trailer of a flattened embed cut off, whitespace collapsed. Case is kept.
 */
public final class CitedText {
  private CitedText() {}

  private static final Pattern TRAILER = Pattern.compile(
      "\\s*(?:—|–|--)\\s*[^—–()\\n]{0,100}?\\s*\\(@[A-Za-z0-9_]{1,20}\\)[^()\\n]{0,80}$");
  /** A link: with a scheme or www., or a display URL as embeds print it ({@code github.com/reactwg/react-…}). */
  private static final Pattern LINK = Pattern.compile(
      "(?:https?://|www\\.)\\S+|(?<![\\w.@])(?:[a-z0-9-]+\\.)+[a-z]{2,}/\\S*", Pattern.CASE_INSENSITIVE);
  /** Variation selectors, skin-tone modifiers, and the invisible marks that ride along with copied text. */
  private static final Pattern INVISIBLE = Pattern.compile(
      "[\\uFE0E\\uFE0F\\u200B\\u200E\\u200F\\u2060\\uFEFF]|\\x{1F3FB}|\\x{1F3FC}|\\x{1F3FD}|\\x{1F3FE}|\\x{1F3FF}");
  private static final Pattern SPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");

  /** {@code text} normalised for comparison; the empty string for null. */
  public static String normalise(String text) {
    if (text == null) {
      return "";
    }
    String s = Parser.unescapeEntities(text, false);
    s = Normalizer.normalize(s, Normalizer.Form.NFC);
    s = SPACE.matcher(s).replaceAll(" ").strip();
    s = TRAILER.matcher(s).replaceAll("");
    s = LINK.matcher(s).replaceAll(" ");
    s = INVISIBLE.matcher(s).replaceAll("");
    return SPACE.matcher(s).replaceAll(" ").strip();
  }

  /**
   * True when {@code cited} says what {@code post} says, both given raw: equal once normalised, or {@code cited} is
   * the post cut short with an ellipsis ("…" or "...") as truncated embeds show it.
   */
  public static boolean matches(String cited, String post) {
    String c = normalise(cited);
    String p = normalise(post);
    if (c.equals(p)) {
      return true;
    }
    String cut = c.endsWith("…") ? c.substring(0, c.length() - 1) : c.endsWith("...") ? c.substring(0, c.length() - 3)
        : null;
    if (cut == null) {
      return false;
    }
    cut = cut.strip();
    return !cut.isEmpty() && p.startsWith(cut);
  }
}
