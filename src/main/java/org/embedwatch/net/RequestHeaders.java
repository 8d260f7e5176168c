package org.embedwatch.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Request headers as the archive keeps them: without any credential of any client. */
final class RequestHeaders {
  private static final String REDACTED = "[redacted]";

  private RequestHeaders() {}

  /**
   * The request headers as they are written to WARC: the values of {@code Authorization} and
   * {@code Proxy-Authorization} keep only their scheme ({@code Bearer [redacted]}), and {@code Cookie} values are
   * replaced whole, so no credential of any client reaches the archive.
   */
  static List<Map.Entry<String, String>> redacted(List<Map.Entry<String, String>> headers) {
    List<Map.Entry<String, String>> out = new ArrayList<>(headers.size());
    for (Map.Entry<String, String> h : headers) {
      String name = h.getKey();
      if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization")) {
        String value = h.getValue().strip();
        int space = value.indexOf(' ');
        out.add(Map.entry(name, space > 0 ? value.substring(0, space) + " " + REDACTED : REDACTED));
      } else if (name.equalsIgnoreCase("Cookie")) {
        out.add(Map.entry(name, REDACTED));
      } else {
        out.add(h);
      }
    }
    return out;
  }
}
