package org.embedwatch.resolve;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The calendar day of a remnant's date as the article prints it ({@code extract.RemnantParser} keeps it as printed):
 * "September 22, 2016", "Sep. 22, 2016", "22. September 2016", "22 de septiembre de 2016", "12 marca 2024",
 * "2024年3月12日", "١٢ مارس ٢٠٢٤". Empty when it cannot be read, never a guess. Pure.
 */
public final class CitedDate {
  private static final Pattern MONTH_FIRST = Pattern.compile("^(\\p{L}+)\\.?\\s+(\\d{1,2}),?\\s*(\\d{4})$");
  private static final Pattern DAY_FIRST =
      Pattern.compile("^(\\d{1,2})\\.?\\s+(?:de\\s+)?(\\p{L}+(?:\\s+\\p{L}+)??)\\.?(?:\\s+de)?\\s+(\\d{4})$");
  private static final Pattern CJK = Pattern.compile("^(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日$");
  private static final Map<String, Integer> MONTHS = months();

  private CitedDate() {}

  /** The day {@code printed} names, or empty. */
  public static Optional<LocalDate> parse(String printed) {
    if (printed == null) {
      return Optional.empty();
    }
    String s = latinDigits(printed).replaceAll("[\\s\\u00a0\\u200e\\u200f\\u061c]+", " ").strip()
        .toLowerCase(Locale.ROOT);
    Matcher m = CJK.matcher(s);
    if (m.matches()) {
      return day(m.group(1), Integer.parseInt(m.group(2)), m.group(3));
    }
    m = MONTH_FIRST.matcher(s);
    if (m.matches() && MONTHS.containsKey(m.group(1))) {
      return day(m.group(3), MONTHS.get(m.group(1)), m.group(2));
    }
    m = DAY_FIRST.matcher(s);
    if (m.matches() && MONTHS.containsKey(m.group(2))) {
      return day(m.group(3), MONTHS.get(m.group(2)), m.group(1));
    }
    return Optional.empty();
  }

  private static Optional<LocalDate> day(String year, int month, String day) {
    try {
      return Optional.of(LocalDate.of(Integer.parseInt(year), month, Integer.parseInt(day)));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static String latinDigits(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      int d = Character.isDigit(cp) ? Character.digit(cp, 10) : -1;
      if (d >= 0) {
        out.append((char) ('0' + d));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }

  private static Map<String, Integer> months() {
    String[][] names = {
      {"january", "jan", "januar", "jänner", "janvier", "enero", "janeiro", "gennaio", "januari", "styczeń",
          "stycznia", "sty", "leden", "ledna", "يناير", "كانون الثاني", "جانفي"},
      {"february", "feb", "februar", "février", "fevrier", "febrero", "fevereiro", "febbraio", "februari", "luty",
          "lutego", "lut", "únor", "února", "فبراير", "شباط", "فيفري"},
      {"march", "mar", "märz", "mars", "marzo", "março", "marco", "maart", "marzec", "marca", "březen", "března",
          "مارس", "آذار"},
      {"april", "apr", "avril", "abril", "aprile", "kwiecień", "kwietnia", "kwi", "duben", "dubna", "أبريل", "إبريل",
          "ابريل", "نيسان", "أفريل"},
      {"may", "mai", "mayo", "maio", "maggio", "mei", "maj", "maja", "květen", "května", "مايو", "أيار", "ماي"},
      {"june", "jun", "juni", "juin", "junio", "junho", "giugno", "czerwiec", "czerwca", "cze", "červen", "června",
          "يونيو", "يونيه", "حزيران", "جوان"},
      {"july", "jul", "juli", "juillet", "julio", "julho", "luglio", "lipiec", "lipca", "lip", "červenec",
          "července", "يوليو", "يوليه", "تموز", "يوليوز", "جويلية"},
      {"august", "aug", "août", "aout", "agosto", "augustus", "sierpień", "sierpnia", "sie", "srpen", "srpna",
          "أغسطس", "اغسطس", "آب", "غشت", "أوت"},
      {"september", "sep", "sept", "septembre", "septiembre", "setiembre", "setembro", "settembre", "wrzesień",
          "września", "wrz", "září", "سبتمبر", "أيلول", "شتنبر"},
      {"october", "oct", "oktober", "octobre", "octubre", "outubro", "ottobre", "październik", "października", "paź",
          "říjen", "října", "أكتوبر", "اكتوبر", "تشرين الأول"},
      {"november", "nov", "novembre", "noviembre", "novembro", "listopad", "listopada", "lis", "listopadu",
          "نوفمبر", "تشرين الثاني", "نونبر"},
      {"december", "dec", "dezember", "décembre", "decembre", "diciembre", "dezembro", "dicembre", "grudzień",
          "grudnia", "gru", "prosinec", "prosince", "ديسمبر", "كانون الأول", "دجنبر"}
    };
    java.util.HashMap<String, Integer> out = new java.util.HashMap<>();
    for (int i = 0; i < names.length; i++) {
      for (String n : names[i]) {
        out.put(n, i + 1);
      }
    }
    return Map.copyOf(out);
  }
}
