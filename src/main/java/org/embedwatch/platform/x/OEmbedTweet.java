package org.embedwatch.platform.x;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Optional;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.platform.PostContent;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Reads an oEmbed body into {@link PostContent}. The embed's html changes with {@code maxwidth}, {@code dnt},
 * {@code theme}, {@code lang} and {@code omit_script}, so only the tweet's {@code <p>} counts: its text, its links
 * (without the {@code ref_src} tracking parameter), and the author's name and URL (platform-protocols §2.2). oEmbed
 * carries no counts and no media URLs.
 */
final class OEmbedTweet {
  private final ObjectMapper json;

  OEmbedTweet(ObjectMapper json) {
    this.json = json;
  }

  /** The content, or empty when the body is not an oEmbed tweet (no html, no twitter-tweet blockquote with a p). */
  Optional<PostContent> read(String postId, JsonNode body) {
    if (!body.path("html").isTextual()) {
      return Optional.empty();
    }
    Element quote = Jsoup.parseBodyFragment(body.path("html").asText()).selectFirst("blockquote.twitter-tweet");
    Element paragraph = quote == null ? null : quote.selectFirst("> p");
    if (paragraph == null) {
      return Optional.empty();
    }
    String text = Normalizer.normalize(text(paragraph), Normalizer.Form.NFC);
    List<String> links = paragraph.select("a[href]").stream().map(a -> withoutRefSrc(a.attr("href"))).toList();
    String authorName = body.path("author_name").asText(null);
    String authorUrl = body.path("author_url").asText("");
    Element date = quote.children().stream()
        .filter(e -> e.tagName().equals("a"))
        .reduce((a, b) -> b)
        .orElse(null);
    return Optional.of(new PostContent(postId, text, handle(authorUrl), authorName,
        date == null ? null : date.text(), List.of(), fingerprint(postId, text, authorName, authorUrl, links)));
  }

  private String fingerprint(String postId, String text, String authorName, String authorUrl, List<String> links) {
    ObjectNode f = json.createObjectNode();
    f.put("id", postId);
    f.put("text", text);
    f.put("author_name", authorName == null ? "" : authorName);
    f.put("author_url", authorUrl);
    ArrayNode urls = f.putArray("links");
    links.forEach(urls::add);
    try {
      return Sha256.of(json.writeValueAsString(f).getBytes(StandardCharsets.UTF_8)).hex();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a fingerprint", e);
    }
  }

  /** The paragraph's text as the reader sees it, with {@code <br>} as a line break. */
  private static String text(Element paragraph) {
    StringBuilder out = new StringBuilder();
    append(paragraph, out);
    return out.toString();
  }

  private static void append(Node node, StringBuilder out) {
    for (Node child : node.childNodes()) {
      if (child instanceof TextNode t) {
        out.append(t.getWholeText());
      } else if (child instanceof Element e && e.tagName().equals("br")) {
        out.append('\n');
      } else {
        append(child, out);
      }
    }
  }

  private static String withoutRefSrc(String href) {
    return href.replaceAll("([?&])ref_src=[^&#]*&?", "$1").replaceAll("[?&]$", "");
  }

  private static String handle(String authorUrl) {
    try {
      String path = URI.create(authorUrl).getPath();
      if (path == null || path.length() < 2) {
        return null;
      }
      return path.substring(path.lastIndexOf('/') + 1);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
