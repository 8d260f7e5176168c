package org.embedwatch.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.Platform;

/**
 * Finds the trailers that scrapers leave when they flatten an X embed to text: {@code — Display Name (@handle) Month D,
 * YYYY}, with an em dash, en dash, {@code &mdash;} or {@code --}, and with or without a space before the date. The quoted
 * text is whatever precedes the dash on the same line.
 */
final class RemnantParser {

  private static final String EN_MONTHS =
      "jan(?:uary|\\.)?|feb(?:ruary|\\.)?|mar(?:ch|\\.)?|apr(?:il|\\.)?|may|june?|july?|aug(?:ust|\\.)?"
          + "|sep(?:t|tember|\\.)?|oct(?:ober|\\.)?|nov(?:ember|\\.)?|dec(?:ember|\\.)?";

  /** Month names of de, fr, es, pt, it, nl (tweet embeds print "22. September 2016", "22 de septiembre de 2016"…). */
  private static final String OTHER_MONTHS =
      "januar|jänner|februar|märz|mai|juni|juli|oktober|dezember"
          + "|janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
          + "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
          + "|janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|novembro|dezembro"
          + "|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
          + "|januari|februari|maart|mei|augustus"
          + "|"
          + "january|february|march|april|june|july|august|september|october|november|december";

  private static final String DATE =
      "(?<date>(?:" + EN_MONTHS + ")\\s+\\d{1,2},?\\s*\\d{4}"
          + "|\\d{1,2}\\.?\\s+(?:de\\s+)?(?:" + OTHER_MONTHS + ")\\.?(?:\\s+de)?\\s+\\d{4})";

  private static final Pattern TRAILER =
      Pattern.compile(
          "(?:—|–|--|&mdash;|&#8212;|&#x2014;)[\\s\\u00a0]*(?<name>[^—–()\\n]{0,100}?)[\\s\\u00a0]*"
              + "\\(@(?<handle>[A-Za-z0-9_]{1,20})\\)[\\s\\u00a0]*"
              + DATE
              + "(?![\\p{L}\\d])",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** A trailer found in a line of text. */
  record Trailer(int start, int end, String citedText, String displayName, String handle, String date) {}

  /** The trailers in one line, in order; each quotes the text between the previous trailer (or line start) and its dash. */
  List<Trailer> find(String line) {
    List<Trailer> found = new ArrayList<>();
    if (line == null || line.indexOf("(@") < 0) {
      return found; // every trailer has "(@handle)"; looking for it first spares the regex on most lines
    }
    Matcher m = TRAILER.matcher(line);
    int previousEnd = 0;
    while (m.find()) {
      String cited = collapse(line.substring(previousEnd, m.start()));
      String name = collapse(m.group("name"));
      found.add(
          new Trailer(
              m.start(),
              m.end(),
              cited,
              name,
              m.group("handle"),
              m.group("date").replaceAll("[\\s\\u00a0]+", " ")));
      previousEnd = m.end();
    }
    return found;
  }

  /** The sightings of the trailers in one line of an article. */
  List<Sighting> sightings(String line, Reference.Scope scope, int position) {
    List<Sighting> out = new ArrayList<>();
    for (Trailer t : find(line)) {
      out.add(
          new Sighting(
              Platform.X,
              null,
              t.handle(),
              null,
              Reference.Form.REMNANT,
              scope,
              t.citedText(),
              t.date(),
              t.displayName(),
              null,
              position));
    }
    return out;
  }

  /** Whitespace collapsed and trimmed; null when nothing is left. */
  static String collapse(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00a0') {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.length() == 0 ? null : out.toString();
  }
}
