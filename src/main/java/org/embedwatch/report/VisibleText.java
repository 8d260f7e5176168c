package org.embedwatch.report;

/**
 * Text from outside (post text, author names, page titles, URLs, bodies quoted in failure details) made safe to show
 * a person: every character that a terminal or a viewer would act on instead of showing is written as a visible
 * escape. Hidden are the C0 controls (NUL, ESC, CR, LF, TAB, …), DEL, the C1 controls (U+0080–U+009F, which some
 * terminals also take as escape sequences), the line and paragraph separators U+2028 and U+2029, and the bidi
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that reorder the rest of a line. The escapes are
 * {@code \n}, {@code \r}, {@code \t} and {@code \}{@code uXXXX} (ESC is {@code \}{@code u001b}), all valid inside a JSON
 * string, so a JSON document stays JSON with the same values once escaped. A backslash is kept as it is.
 */
public final class VisibleText {
  private VisibleText() {}

  /** {@code s} with every hidden character escaped, newlines too, so that it shows on one line; null stays null. */
  public static String of(String s) {
    if (s == null || s.chars().noneMatch(VisibleText::isHidden)) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isHidden(c)) {
        appendEscape(sb, c);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * {@code s} with every hidden character escaped except its line breaks ({@code \n}, {@code \r\n} or {@code \r}),
   * which are written as {@code \n}: for text shown as lines, such as a diff. Null stays null.
   */
  public static String lines(String s) {
    return s == null ? null : String.join("\n", s.lines().map(VisibleText::of).toList());
  }

  /** True for a character that must not reach a person's screen as it is. */
  public static boolean isHidden(int c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
  }

  /** Appends the visible escape of the hidden character {@code c}: {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}. */
  public static void appendEscape(StringBuilder sb, char c) {
    switch (c) {
      case '\n' -> sb.append("\\n");
      case '\r' -> sb.append("\\r");
      case '\t' -> sb.append("\\t");
      default -> sb.append(String.format("\\u%04x", (int) c));
    }
  }
}
