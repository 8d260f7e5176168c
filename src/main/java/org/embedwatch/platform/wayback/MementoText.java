package org.embedwatch.platform.wayback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A post's text as an archived copy of it shows it, and where in the copy it was read (platform-protocols §5.4):
 *
 * <ul>
 *   <li>{@code tweet-text}: a server-rendered twitter.com status page (before 2020): the {@code p.tweet-text} of the
 *       permalink tweet ({@code [data-tweet-id=<id>]}, else {@code .permalink-tweet});
 *   <li>{@code og:description}: any other status page, x.com's included: the {@code og:description} meta, without the
 *       curly quotes X wraps it in (2020–2023 pages are an app shell without the text; they give none);
 *   <li>{@code json text}: a syndication or v1.1 JSON capture of the post ({@code id_str} is the post's): its
 *       {@code full_text}, else its {@code text};
 *   <li>{@code json data.text}: a v2 JSON capture ({@code data.id} is the post's).
 * </ul>
 *
 * A tombstone, {@code {}} or a "page doesn't exist" page gives none. The text is NFC-normalised.
 *
 * @param text the post's text
 * @param source where it was read: one of the four above
 */
public record MementoText(String text, String source) {

  /**
   * The text of post {@code postId} in {@code body}, read as JSON when {@code contentType} says so (or the body starts
   * with {@code {}), else as HTML.
   */
  public static Optional<MementoText> read(byte[] body, String contentType, String postId, ObjectMapper json) {
    String start = new String(body, 0, Math.min(body.length, 64), java.nio.charset.StandardCharsets.UTF_8).strip();
    if (contentType.contains("json") || start.startsWith("{")) {
      return fromJson(body, postId, json);
    }
    return fromHtml(body, postId);
  }

  private static Optional<MementoText> fromJson(byte[] body, String postId, ObjectMapper json) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (root == null || !root.isObject() || root.path("__typename").asText("").equals("TweetTombstone")) {
      return Optional.empty();
    }
    if (root.path("id_str").asText("").equals(postId)) {
      String text = root.path("full_text").asText(root.path("text").asText(""));
      return of(text, "json text");
    }
    JsonNode data = root.path("data");
    if (data.path("id").asText("").equals(postId)) {
      return of(data.path("text").asText(""), "json data.text");
    }
    return Optional.empty();
  }

  private static Optional<MementoText> fromHtml(byte[] body, String postId) {
    Document page;
    try {
      page = Jsoup.parse(new ByteArrayInputStream(body), null, "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse bytes held in memory", e);
    }
    Element text = page.selectFirst("[data-tweet-id=\"" + postId + "\"] .tweet-text");
    if (text == null) {
      text = page.selectFirst(".permalink-tweet .tweet-text");
    }
    if (text != null) {
      return of(text.wholeText(), "tweet-text");
    }
    Element description = page.selectFirst("meta[property=og:description]");
    if (description == null) {
      return Optional.empty();
    }
    String content = description.attr("content").strip();
    if (content.length() >= 2 && content.startsWith("“") && content.endsWith("”")) {
      content = content.substring(1, content.length() - 1);
    }
    return of(content, "og:description");
  }

  private static Optional<MementoText> of(String text, String source) {
    String normalised = Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
    return normalised.isEmpty() ? Optional.empty() : Optional.of(new MementoText(normalised, source));
  }
}
