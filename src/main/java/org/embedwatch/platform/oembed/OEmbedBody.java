package org.embedwatch.platform.oembed;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * An oEmbed JSON object and its {@code html} parsed as a fragment (empty when there is none).
 *
 * @param json the whole answer
 * @param html the embed markup, parsed; an empty document when {@code html} is absent or not a string
 */
record OEmbedBody(JsonNode json, Document html) {
  static OEmbedBody of(JsonNode json) {
    JsonNode html = json.path("html");
    return new OEmbedBody(json, Jsoup.parseBodyFragment(html.isTextual() ? html.asText() : ""));
  }

  /** The string field {@code name}, or empty when absent, null, not a string or blank. */
  Optional<String> string(String name) {
    JsonNode value = json.path(name);
    return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
  }

  /** The attribute {@code attribute} of the first element matching {@code css} in the embed, or empty. */
  Optional<String> attribute(String css, String attribute) {
    Element e = html.selectFirst(css);
    return e == null || e.attr(attribute).isBlank() ? Optional.empty() : Optional.of(e.attr(attribute).strip());
  }

  /**
   * The last path segment of a URL field ({@code author_url}), without a leading {@code @}: the handle in
   * {@code https://www.youtube.com/@name} or {@code https://www.facebook.com/name/}.
   */
  Optional<String> lastSegment(String name) {
    return string(name).flatMap(OEmbedBody::lastSegmentOf);
  }

  static Optional<String> lastSegmentOf(String url) {
    try {
      String path = URI.create(url.strip()).getPath();
      if (path == null) {
        return Optional.empty();
      }
      String[] segments = path.split("/");
      for (int i = segments.length - 1; i >= 0; i--) {
        if (!segments[i].isEmpty()) {
          String segment = segments[i].startsWith("@") ? segments[i].substring(1) : segments[i];
          return segment.isEmpty() ? Optional.empty() : Optional.of(segment);
        }
      }
      return Optional.empty();
    } catch (IllegalArgumentException notAUrl) {
      return Optional.empty();
    }
  }
}
