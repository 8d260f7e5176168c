package org.embedwatch.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds oEmbed objects in the text of a {@code <script>}: pages that render embeds from script keep the platform's
 * oEmbed answer, {@code {"url":"https:\/\/twitter.com\/a\/status\/1","html":"<blockquote class=\"twitter-tweet\">…"}}.
 * Only a script with both an {@code "url"} and an {@code "html"} key counts: scripts also carry whole other articles
 * (a "related" feed with its own embeds), and those are not what this article cites.
 *
 * <p>Plain string scanning in one pass per key, no regex over the script: scripts can be megabytes.
 */
final class ScriptEmbeds {

  /** Longest URL value read; anything longer is no post URL. */
  private static final int MAX_URL = 2_000;

  /** Longest markup value read. */
  private static final int MAX_HTML = 200_000;

  /**
   * The oEmbed values of one script.
   *
   * @param urls the {@code "url"} values, JSON-unescaped
   * @param markups the {@code "html"} values that hold a blockquote or iframe, JSON-unescaped
   */
  record OEmbeds(List<String> urls, List<String> markups) {

    boolean isEmpty() {
      return urls.isEmpty();
    }
  }

  /** The oEmbed values in {@code script}; empty when it has no {@code "url"} or no {@code "html"} key. */
  OEmbeds find(String script) {
    if (script == null || script.indexOf("\"url\"") < 0 || script.indexOf("\"html\"") < 0) {
      return new OEmbeds(List.of(), List.of());
    }
    List<String> markups = new ArrayList<>();
    for (String html : values(script, "\"html\"", MAX_HTML)) {
      if (html.contains("<blockquote") || html.contains("<iframe")) {
        markups.add(html);
      }
    }
    return new OEmbeds(values(script, "\"url\"", MAX_URL), markups);
  }

  /** The string values of every {@code key} in {@code json} (a key followed by {@code :} and a string). */
  private static List<String> values(String json, String key, int maxLength) {
    List<String> values = new ArrayList<>();
    for (int at = json.indexOf(key); at >= 0; at = json.indexOf(key, at + key.length())) {
      int i = skipSpace(json, at + key.length());
      if (i >= json.length() || json.charAt(i) != ':') {
        continue;
      }
      i = skipSpace(json, i + 1);
      if (i >= json.length() || json.charAt(i) != '"') {
        continue;
      }
      String value = stringAt(json, i + 1, maxLength);
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The JSON string starting after its opening quote at {@code start}, unescaped; null when unterminated or too long. */
  static String stringAt(String json, int start, int maxLength) {
    StringBuilder out = new StringBuilder();
    int end = Math.min(json.length(), start + maxLength);
    for (int i = start; i < end; i++) {
      char c = json.charAt(i);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\' || i + 1 >= end) {
        out.append(c);
        continue;
      }
      char e = json.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b', 'f' -> out.append(' ');
        case 'u' -> {
          int code = i + 4 < end ? hex(json, i + 1) : -1;
          if (code < 0) {
            out.append('u');
          } else {
            out.append((char) code);
            i += 4;
          }
        }
        default -> out.append(e); // \" \\ \/ and anything a sloppy encoder escaped
      }
    }
    return null;
  }

  private static int hex(String s, int from) {
    int value = 0;
    for (int i = from; i < from + 4; i++) {
      int digit = Character.digit(s.charAt(i), 16);
      if (digit < 0) {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }
}
