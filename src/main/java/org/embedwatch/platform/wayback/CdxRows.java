package org.embedwatch.platform.wayback;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a CDX {@code output=json} answer (platform-protocols §5.1): an array of arrays of strings, the first the
 * header (the {@code fl} field names), then one row per capture, and with {@code showResumeKey} an empty row followed
 * by {@code [resumeKey]}. {@code []} and a header alone both mean no captures.
 *
 * @param resumeKey the key to ask for the next page with, or null
 */
record CdxRows(List<Memento> mementos, String resumeKey) {
  CdxRows {
    mementos = List.copyOf(mementos);
  }

  /**
   * Reads an answer.
   *
   * @throws IllegalArgumentException when the body does not have that shape; the message says where
   */
  static CdxRows parse(JsonNode root) {
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException("not a JSON array");
    }
    if (root.isEmpty()) {
      return new CdxRows(List.of(), null);
    }
    List<String> header = strings(root.get(0), "header row");
    int original = header.indexOf("original");
    int timestamp = header.indexOf("timestamp");
    if (original < 0 || timestamp < 0) {
      throw new IllegalArgumentException("header row " + header + " lacks 'original' or 'timestamp'");
    }
    int status = header.indexOf("statuscode");
    int digest = header.indexOf("digest");
    int mimetype = header.indexOf("mimetype");
    int length = header.indexOf("length");
    List<Memento> out = new ArrayList<>();
    String resumeKey = null;
    for (int i = 1; i < root.size(); i++) {
      JsonNode row = root.get(i);
      if (row.isArray() && row.isEmpty()) {
        if (i != root.size() - 2) {
          throw new IllegalArgumentException("row " + i + ": an empty row must be followed by the resume key only");
        }
        List<String> key = strings(root.get(i + 1), "resume key row");
        if (key.size() != 1) {
          throw new IllegalArgumentException("resume key row has " + key.size() + " values");
        }
        resumeKey = key.get(0);
        break;
      }
      List<String> values = strings(row, "row " + i);
      if (values.size() != header.size()) {
        throw new IllegalArgumentException("row " + i + " has " + values.size() + " values for " + header.size()
            + " fields");
      }
      String ts = values.get(timestamp);
      try {
        out.add(new Memento(values.get(original), ts, Memento.instant(ts), field(values, status),
            field(values, digest), field(values, mimetype), number(field(values, length))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("row " + i + ": " + e.getMessage(), e);
      }
    }
    return new CdxRows(out, resumeKey);
  }

  private static List<String> strings(JsonNode row, String what) {
    if (row == null || !row.isArray()) {
      throw new IllegalArgumentException(what + " is not an array");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode v : row) {
      if (!v.isTextual()) {
        throw new IllegalArgumentException(what + " holds a non-string value " + v);
      }
      out.add(v.asText());
    }
    return out;
  }

  /** The field's value, or null when absent from {@code fl}, empty or {@code -} (revisits, JSON captures). */
  private static String field(List<String> values, int index) {
    if (index < 0) {
      return null;
    }
    String v = values.get(index);
    return v.isEmpty() || v.equals("-") ? null : v;
  }

  private static Long number(String v) {
    if (v == null) {
      return null;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("length '" + v + "' is not a number", e);
    }
  }
}
