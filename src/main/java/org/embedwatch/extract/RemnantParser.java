package org.embedwatch.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Platform;

/**
 * Finds the trailers that scrapers leave when they flatten an X embed to text: {@code — Display Name (@handle) Month D,
 * YYYY}, with an em dash, en dash, {@code &mdash;} or {@code --}, and with or without a space before the date. The quoted
 * text is whatever precedes the dash on the same line (a {@code pic.twitter.com/…} link in it is part of the post); a
 * {@code pic.twitter.com/…} link right after the date belongs to the trailer.
 *
 * <p>Dates as X prints them in en, de, fr, es, pt, it, nl, pl, cs (month names in nominative and genitive: "12 marca
 * 2024", "12. března 2024"), ar ("١٢ مارس ٢٠٢٤", Arabic-Indic or Latin digits, Egyptian, Levantine and Maghrebi month
 * names) and ja/zh/ko ("2024年3月12日"). The date is kept as printed.
 */
final class RemnantParser {

  private static final String EN_MONTHS =
      "jan(?:uary|\\.)?|feb(?:ruary|\\.)?|mar(?:ch|\\.)?|apr(?:il|\\.)?|may|june?|july?|aug(?:ust|\\.)?"
          + "|sep(?:t|tember|\\.)?|oct(?:ober|\\.)?|nov(?:ember|\\.)?|dec(?:ember|\\.)?";

  /**
   * Month names of de, fr, es, pt, it, nl, pl, cs, printed after the day ("22. September 2016", "22 de septiembre de
   * 2016", "12 marca 2024"), and the English ones in that order.
   */
  private static final String OTHER_MONTHS =
      "januar|jänner|februar|märz|mai|juni|juli|oktober|dezember"
          + "|janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
          + "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
          + "|janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|novembro|dezembro"
          + "|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
          + "|januari|februari|maart|mei|augustus"
          // Polish, nominative and genitive ("12 marca 2024"), and the short forms
          + "|styczeń|stycznia|luty|lutego|marzec|marca|kwiecień|kwietnia|maj|maja|czerwiec|czerwca|lipiec|lipca"
          + "|sierpień|sierpnia|wrzesień|września|październik|października|listopad|listopada|grudzień|grudnia"
          + "|sty|lut|mar|kwi|cze|lip|sie|wrz|paź|lis|gru"
          // Czech, nominative and genitive ("12. března 2024")
          + "|leden|ledna|únor|února|březen|března|duben|dubna|květen|května|červen|června|červenec|července"
          + "|srpen|srpna|září|říjen|října|listopadu|prosinec|prosince"
          + "|"
          + "january|february|march|april|june|july|august|september|october|november|december";

  /** Month names of Arabic: Egyptian/Gulf, Levantine (two words for some) and Maghrebi. */
  private static final String AR_MONTHS =
      "يناير|فبراير|مارس|أبريل|إبريل|ابريل|مايو|يونيو|يونيه|يوليو|يوليه|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر"
          + "|ديسمبر|كانون\\s+الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين\\s+الأول|تشرين\\s+الثاني"
          + "|كانون\\s+الأول|ماي|يوليوز|غشت|شتنبر|نونبر|دجنبر|جانفي|فيفري|أفريل|جوان|جويلية|أوت";

  /** Latin, Arabic-Indic, Eastern Arabic-Indic and full-width digits. */
  private static final String DIGIT = "[0-9\\u0660-\\u0669\\u06f0-\\u06f9\\uff10-\\uff19]";

  /** Space as dates print it, with the direction marks that right-to-left text carries. */
  private static final String SPACE = "[\\s\\u00a0\\u200e\\u200f\\u061c]";

  private static final String DATE =
      "(?<date>(?:" + EN_MONTHS + ")\\s+\\d{1,2},?\\s*\\d{4}"
          + "|\\d{1,2}\\.?\\s+(?:de\\s+)?(?:" + OTHER_MONTHS + ")\\.?(?:\\s+de)?\\s+\\d{4}"
          + "|" + DIGIT + "{1,2}" + SPACE + "+(?:" + AR_MONTHS + ")" + SPACE + "+" + DIGIT + "{4}"
          + "|" + DIGIT + "{4}\\s*[年년]\\s*" + DIGIT + "{1,2}\\s*[月월]\\s*" + DIGIT + "{1,2}\\s*[日일])";

  /**
   * The spaces around the name and before the date are possessive ({@code *+}): the name cannot start with a space, and
   * what follows each space run is no space, so giving spaces back never helps a match; with greedy runs a dash, a long
   * run of spaces and an "(@handle)" without a date backtracked super-quadratically.
   */
  private static final Pattern TRAILER =
      Pattern.compile(
          "(?:—|–|--|&mdash;|&#8212;|&#x2014;)" + SPACE + "*+(?<name>[^—–()\\n]{0,100}?)" + SPACE + "*+"
              + "\\(@(?<handle>[A-Za-z0-9_]{1,20})\\)" + SPACE + "*+"
              + DATE
              + "(?![\\p{L}\\d])"
              + "(?:[\\s\\u00a0]*(?:https?://)?pic\\.twitter\\.com/[A-Za-z0-9]{1,20})?",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private static final Pattern DIRECTION_MARKS = Pattern.compile("[\\u200e\\u200f\\u061c]");

  private static final Pattern ANY_DATE = Pattern.compile(DATE, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** Whether a short text (an embed's link text, at most 80 characters) holds a date as embeds print them. */
  static boolean hasDate(String text) {
    return text != null && text.length() <= 80 && ANY_DATE.matcher(text).find();
  }

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
      String cited = collapse(withoutDirectionMarks(line.substring(previousEnd, m.start())));
      String name = collapse(withoutDirectionMarks(m.group("name")));
      found.add(
          new Trailer(
              m.start(),
              m.end(),
              cited,
              name,
              m.group("handle"),
              m.group("date").replaceAll("[\\s\\u00a0\\u200e\\u200f\\u061c]+", " ").strip()));
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

  /** Right-to-left text carries invisible direction marks around names and dates; they are no part of either. */
  private static String withoutDirectionMarks(String text) {
    return DIRECTION_MARKS.matcher(text).replaceAll("");
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
