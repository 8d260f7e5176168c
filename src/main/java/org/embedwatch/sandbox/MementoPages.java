package org.embedwatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * The bytes the simulated Wayback Machine holds for a capture of a post, as it stood at the capture's time: the
 * twitter.com status page as X rendered it on the server before 2020 (the text in {@code p.tweet-text} and in
 * {@code og:description}), the x.com page as X serves it to crawlers (an empty app shell whose only text is the
 * {@code og:description}), or the syndication JSON. A post that was not visible at that time gives the "page doesn't
 * exist" page, a shell without description, or the syndication tombstone or {@code {}}. Thread-safe.
 */
final class MementoPages {
  private final Timeline timeline;
  private final Samples samples;
  private final ObjectMapper json;

  MementoPages(Timeline timeline, Samples samples, ObjectMapper json) {
    this.timeline = timeline;
    this.samples = samples;
    this.json = json;
  }

  /** The twitter.com status page, server-rendered. */
  byte[] statusPage(PostState post) {
    String url = "https://twitter.com/" + post.handle() + "/status/" + post.id();
    if (!visible(post)) {
      return page("<title>Twitter</title>", "<div class=\"body-content\"><h1>Sorry, that page doesn’t exist!</h1>"
          + "</div>");
    }
    String text = escape(post.text());
    String name = escape(post.name());
    return page("<title>" + name + " on Twitter: &quot;" + text + "&quot;</title>\n"
            + meta("og:type", "article") + meta("og:url", url) + meta("og:title", name + " on Twitter")
            + meta("og:description", "“" + text + "”"),
        "<div class=\"permalink-tweet-container\"><div class=\"tweet permalink-tweet js-original-tweet\""
            + " data-tweet-id=\"" + post.id() + "\" data-screen-name=\"" + escape(post.handle())
            + "\" data-name=\"" + name + "\">\n<div class=\"js-tweet-text-container\"><p class=\"TweetTextSize"
            + " TweetTextSize--jumbo js-tweet-text tweet-text\" lang=\"en\" data-aria-label-part=\"0\">" + text
            + "</p></div>\n</div></div>");
  }

  /** The x.com page: an app shell; the post's text only in {@code og:description}. */
  byte[] xPage(PostState post) {
    String head = "<title>X</title>\n";
    if (visible(post)) {
      head = "<title>" + escape(post.name()) + " on X: &quot;" + escape(post.text())
          + "&quot; / X</title>\n" + meta("og:site_name", "X (formerly Twitter)")
          + meta("og:title", escape(post.name()) + " on X")
          + meta("og:description", "“" + escape(post.text()) + "”");
    }
    return page(head, "<noscript>JavaScript is not available.</noscript><div id=\"react-root\"></div>");
  }

  /** The syndication JSON: the tweet, the deletion tombstone, or {@code {}}. */
  byte[] syndication(PostState post) {
    try {
      if (post.availability() == PostState.Availability.DELETED) {
        return json.writeValueAsBytes(samples.deletedTombstone());
      }
      if (!visible(post)) {
        return "{}".getBytes(StandardCharsets.UTF_8);
      }
      return json.writeValueAsBytes(TweetJson.syndication(timeline.template(post.id()), post, 0));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise an archived syndication body", e);
    }
  }

  private static boolean visible(PostState post) {
    return post.availability() == PostState.Availability.AVAILABLE;
  }

  /** The text escaped for HTML content and double-quoted attributes. */
  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String meta(String property, String escapedContent) {
    return "<meta property=\"" + property + "\" content=\"" + escapedContent + "\">\n";
  }

  private static byte[] page(String head, String body) {
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n" + head + "</head>\n<body>" + body
        + "</body></html>\n").getBytes(StandardCharsets.UTF_8);
  }
}
