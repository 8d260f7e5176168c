package org.embedwatch.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Finds post references in running text: embed remnants and bare post URLs typed into the text. */
final class TextScanner {

  /**
   * The characters that end a token that may be a bare URL: whitespace and what never stands in a URL. Tokens are cut
   * by hand, not by a regex: the text can be megabytes long.
   */
  private static final String TOKEN_ENDS = " \t\n\u000B\f\r<>\"'][{}|\\^`…";

  /** Text fragments every post URL we know contains; tokens without one are not parsed at all. */
  private static final List<String> URL_HINTS =
      List.of(".com/", ".app/", ".net/", "youtu.be/", "redd.it/", "t.me/", "telegram.me/", "/@", "/statuses/");

  /** Opening punctuation stripped from the start of a token that has no scheme. */
  private static final String LEADING_PUNCTUATION = "([{¡¿«“‘";

  /**
   * Closing punctuation stripped from the end of a token, Western and CJK. Stripped by a loop: a regex anchored at the
   * end was tried at every position of a long run of dots.
   */
  private static final String TRAILING_PUNCTUATION = ".,;:!?)”’»」）。，、";

  private final RemnantParser remnants = new RemnantParser();
  private final PostLinks links = new PostLinks();

  /** Every sighting in {@code lines}, in order. */
  List<Sighting> scan(List<TextLine> lines) {
    List<Sighting> out = new ArrayList<>();
    for (TextLine line : lines) {
      out.addAll(remnants.sightings(line.text(), line.scope(), line.position()));
      urls(line.text(), Reference.Form.LINK, line.scope(), line.position(), out);
    }
    return out;
  }

  /** Adds a sighting in {@code form} for every post URL typed in {@code text}. */
  void urls(String text, Reference.Form form, Reference.Scope scope, int position, List<Sighting> out) {
    if (text.indexOf('/') < 0) {
      return; // every post URL has a slash; most lines of an article have none
    }
    int end = 0;
    while (end < text.length()) {
      int start = end;
      boolean slash = false;
      while (end < text.length() && TOKEN_ENDS.indexOf(text.charAt(end)) < 0) {
        slash |= text.charAt(end) == '/';
        end++;
      }
      if (end == start) {
        end++;
        continue;
      }
      if (!slash) {
        continue;
      }
      if (end - start > UrlParts.MAX_LENGTH) {
        continue; // no URL is this long (UrlParts would drop it): no regex or copy for it
      }
      String token = text.substring(start, end);
      if (!hasUrlHint(token) || token.endsWith("...") || truncated(text, end)) {
        continue; // "twitter.com/i/web/status/1…" is a shortened display URL, not post 1
      }
      // "See:https://x.com/…" – the URL starts at its scheme; otherwise drop opening punctuation. A handle may start
      // with "http" (twitter.com/httpbin/…), so the scheme is looked for with its "://".
      int scheme = schemeStart(token);
      String url = withoutClosingPunctuation(scheme >= 0 ? token.substring(scheme) : withoutOpeningPunctuation(token));
      links.sighting(url, form, scope, position).ifPresent(out::add);
    }
  }

  /** Where {@code http://} or {@code https://} (any case) starts in {@code token}, or -1. */
  private static int schemeStart(String token) {
    String lower = token.toLowerCase(Locale.ROOT);
    int http = lower.indexOf("http://");
    int https = lower.indexOf("https://");
    if (http < 0 || (https >= 0 && https < http)) {
      return https;
    }
    return http;
  }

  private static String withoutOpeningPunctuation(String token) {
    int start = 0;
    while (start < token.length() && LEADING_PUNCTUATION.indexOf(token.charAt(start)) >= 0) {
      start++;
    }
    return token.substring(start);
  }

  private static String withoutClosingPunctuation(String token) {
    int end = token.length();
    while (end > 0 && TRAILING_PUNCTUATION.indexOf(token.charAt(end - 1)) >= 0) {
      end--;
    }
    return token.substring(0, end);
  }

  private static boolean hasUrlHint(String token) {
    String lower = token.toLowerCase(Locale.ROOT);
    for (String hint : URL_HINTS) {
      if (lower.contains(hint)) {
        return true;
      }
    }
    return false;
  }

  private static boolean truncated(String text, int end) {
    for (String ellipsis : List.of("…", "...", " …", " ...")) {
      if (text.startsWith(ellipsis, end)) {
        return true;
      }
    }
    return false;
  }

  /** Plain text split into lines, all in the article. */
  static List<TextLine> plainLines(String text) {
    List<TextLine> lines = new ArrayList<>();
    String[] split = text.split("\\r\\n|\\r|\\n", -1);
    for (int i = 0; i < split.length; i++) {
      if (!split[i].isBlank()) {
        lines.add(new TextLine(split[i], Reference.Scope.ARTICLE, i));
      }
    }
    return lines;
  }
}
