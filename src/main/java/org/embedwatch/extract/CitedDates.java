package org.embedwatch.extract;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates an article prints next to a quoted post (as the extractor keeps them: "September 22, 2016", "1:34 AM
 * ∙ Mar 31, 2023", "22. September 2016", "22 de septiembre de 2016", "12 marca 2024", "١٢ مارس ٢٠٢٤", "2024年3月12日")
 * and the creation times endpoints give (ISO 8601, the v1.1 form "Wed Mar 29 14:34:41 +0000 2023", or an embed's
 * printed date). A date it cannot read is empty, never guessed.
 */
public final class CitedDates {
  private CitedDates() {}

  private static final Map<String, Integer> MONTHS = new HashMap<>();

  static {
    String[][] names = {
        {"january", "jan", "januar", "jänner", "janvier", "enero", "janeiro", "gennaio", "januari", "styczeń",
            "stycznia", "sty", "leden", "ledna", "يناير", "كانون الثاني", "جانفي"},
        {"february", "feb", "februar", "février", "fevrier", "febrero", "fevereiro", "febbraio", "februari", "luty",
            "lutego", "lut", "únor", "února", "فبراير", "شباط", "فيفري"},
        {"march", "mar", "märz", "mars", "marzo", "março", "marco", "maart", "marzec", "marca", "březen", "března",
            "مارس", "آذار"},
        {"april", "apr", "avril", "abril", "aprile", "kwiecień", "kwietnia", "kwi", "duben", "dubna", "أبريل",
            "إبريل", "ابريل", "نيسان", "أفريل"},
        {"may", "mai", "mayo", "maio", "maggio", "mei", "maj", "maja", "květen", "května", "مايو", "أيار", "ماي"},
        {"june", "jun", "juni", "juin", "junio", "junho", "giugno", "czerwiec", "czerwca", "cze", "červen", "června",
            "يونيو", "يونيه", "حزيران", "جوان"},
        {"july", "jul", "juli", "juillet", "julio", "julho", "luglio", "lipiec", "lipca", "lip", "červenec",
            "července", "يوليو", "يوليه", "تموز", "يوليوز", "جويلية"},
        {"august", "aug", "août", "aout", "agosto", "augustus", "sierpień", "sierpnia", "sie", "srpen", "srpna",
            "أغسطس", "اغسطس", "آب", "غشت", "أوت"},
        {"september", "sep", "sept", "septembre", "septiembre", "setiembre", "setembro", "settembre", "wrzesień",
            "września", "wrz", "září", "سبتمبر", "أيلول", "شتنبر"},
        {"october", "oct", "oktober", "octobre", "octubre", "outubro", "ottobre", "październik", "października",
            "paź", "říjen", "října", "أكتوبر", "اكتوبر", "تشرين الأول"},
        {"november", "nov", "novembre", "noviembre", "novembro", "listopad", "listopada", "lis", "listopadu",
            "نوفمبر", "تشرين الثاني", "نونبر"},
        {"december", "dec", "dezember", "décembre", "decembre", "diciembre", "dezembro", "dicembre", "grudzień",
            "grudnia", "gru", "prosinec", "prosince", "ديسمبر", "كانون الأول", "دجنبر"}};
    for (int m = 0; m < names.length; m++) {
      for (String n : names[m]) {
        MONTHS.put(n, m + 1);
      }
    }
  }

  private static final String WORD = "(\\p{L}+(?:\\s\\p{L}+)?)";
  private static final Pattern MONTH_FIRST = Pattern.compile("(\\p{L}+)\\.?\\s+(\\d{1,2}),?\\s*(\\d{4})");
  private static final Pattern DAY_FIRST = Pattern.compile(
      "(\\d{1,2})\\.?\\s+(?:de\\s+)?" + WORD + "\\.?(?:\\s+de)?\\s+(\\d{4})");
  private static final Pattern CJK = Pattern.compile("(\\d{4})\\s*[年년]\\s*(\\d{1,2})\\s*[月월]\\s*(\\d{1,2})\\s*[日일]");
  private static final DateTimeFormatter V1 = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);

  /** The calendar date {@code printed} names, if it can be read. */
  public static Optional<LocalDate> parse(String printed) {
    if (printed == null) {
      return Optional.empty();
    }
    String s = latinDigits(printed).replaceAll("[\\u200e\\u200f\\u061c]", "").replaceAll("[\\s\\u00a0]+", " ")
        .toLowerCase(Locale.ROOT);
    Matcher m = CJK.matcher(s);
    if (m.find()) {
      return date(m.group(1), m.group(2), m.group(3));
    }
    m = MONTH_FIRST.matcher(s);
    while (m.find()) {
      Integer month = MONTHS.get(m.group(1));
      if (month != null) {
        return date(m.group(3), String.valueOf(month), m.group(2));
      }
    }
    m = DAY_FIRST.matcher(s);
    while (m.find()) {
      Integer month = MONTHS.getOrDefault(m.group(2), MONTHS.get(m.group(2).split(" ")[0]));
      if (month != null) {
        return date(m.group(3), String.valueOf(month), m.group(1));
      }
    }
    return Optional.empty();
  }

  /** The UTC calendar date of a creation time as an endpoint gives it, if it can be read. */
  public static Optional<LocalDate> created(String createdAt) {
    if (createdAt == null || createdAt.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(createdAt).atOffset(ZoneOffset.UTC).toLocalDate());
    } catch (DateTimeParseException notIso) {
      // not an ISO instant: try the other forms below
    }
    try {
      return Optional.of(OffsetDateTime.parse(createdAt).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());
    } catch (DateTimeParseException notOffset) {
      // not an ISO offset date-time either
    }
    try {
      return Optional.of(OffsetDateTime.parse(createdAt, V1).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());
    } catch (DateTimeParseException notV1) {
      return parse(createdAt);
    }
  }

  private static Optional<LocalDate> date(String year, String month, String day) {
    try {
      return Optional.of(LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
    } catch (DateTimeException | NumberFormatException ignored) {
      // "February 31" and the like: not a date
      return Optional.empty();
    }
  }

  private static String latinDigits(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      if (c >= 0x0660 && c <= 0x0669) {
        out.append((char) ('0' + c - 0x0660));
      } else if (c >= 0x06F0 && c <= 0x06F9) {
        out.append((char) ('0' + c - 0x06F0));
      } else if (c >= 0xFF10 && c <= 0xFF19) {
        out.append((char) ('0' + c - 0xFF10));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
