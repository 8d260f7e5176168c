package org.embedwatch.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds post references in running text: embed remnants and bare post URLs typed into the text. */
final class TextScanner {

  /** A bare URL on an X host or another platform's post host; checked by the URL rules afterwards. */
  private static final Pattern BARE_URL =
      Pattern.compile(
          "(?<![\\w.@/-])(?:https?://)?(?:[a-z0-9-]+\\.)*(?:twitter\\.com|x\\.com|bsky\\.app|instagram\\.com"
              + "|youtube\\.com|youtu\\.be|tiktok\\.com|[a-z0-9-]+\\.[a-z]{2,}/@)[^\\s<>\"'\\]\\[{}|\\\\^`…]*",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,;:!?)]+$");

  private final RemnantParser remnants = new RemnantParser();
  private final PostLinks links = new PostLinks();

  /** Every sighting in {@code lines}, in order. */
  List<Sighting> scan(List<TextLine> lines) {
    List<Sighting> out = new ArrayList<>();
    for (TextLine line : lines) {
      out.addAll(remnants.sightings(line.text(), line.scope(), line.position()));
      Matcher m = BARE_URL.matcher(line.text());
      while (m.find()) {
        if (m.group().endsWith("...") || truncated(line.text(), m.end())) {
          continue; // "twitter.com/i/web/status/1…" is a shortened display URL, not post 1
        }
        String url = TRAILING_PUNCTUATION.matcher(m.group()).replaceAll("");
        links.sighting(url, Reference.Form.LINK, line.scope(), line.position()).ifPresent(out::add);
      }
    }
    return out;
  }

  private static boolean truncated(String text, int end) {
    String rest = text.substring(end);
    return rest.startsWith("…") || rest.startsWith("...") || rest.startsWith(" …") || rest.startsWith(" ...");
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
