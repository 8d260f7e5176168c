package org.embedwatch.report;

import java.util.Locale;

/** The formats {@code report --format} writes. */
public enum ReportFormat {
  MD,
  CSV,
  JSON;

  /** Parses {@code md}, {@code csv} or {@code json}; throws naming the value otherwise. */
  public static ReportFormat parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown report format '" + s + "' (use md, csv or json)", e);
    }
  }
}
