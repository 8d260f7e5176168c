package org.embedwatch.extract;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.Platform;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Recognizes X embeds in an HTML element: {@code blockquote.twitter-tweet} (and class-less blockquotes that end in a
 * status link), {@code Tweet.html?id=} and rendered iframes, {@code amp-twitter}, and tweet-id attributes.
 */
final class XEmbeds {

  /** {@code — Display Name (@handle)} and whatever follows it (the date) at the end of an embed. */
  private static final Pattern TRAILER =
      Pattern.compile(
          "(?:—|–|--)[\\s\\u00a0]*(?<name>[^—–()]{0,100}?)[\\s\\u00a0]*\\(@(?<handle>[A-Za-z0-9_]{1,20})\\)"
              + "(?<after>[^—–]{0,60})$");

  /** Attribute names that carry a tweet id: data-tweet-id, data-tweetid, rel:bf_tweet_id… */
  private static final Pattern ID_ATTRIBUTE = Pattern.compile("(?:.*[-_:])?tweet[-_]?id");

  private static final List<String> URL_ATTRIBUTES = List.of("href", "data-url", "data-href");

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");

  private final PostLinks links = new PostLinks();

  /**
   * The sighting of {@code blockquote} when it is an X embed (classed {@code twitter-tweet}/{@code twitter-video}, or
   * class-less but ending in a status link), else empty. One embed is one sighting, whatever links it holds.
   */
  Optional<Sighting> blockquote(Element blockquote, Reference.Scope scope, int position) {
    boolean classed = blockquote.hasClass("twitter-tweet") || blockquote.hasClass("twitter-video");
    Element statusLink = lastStatusLink(blockquote);
    Optional<StatusUrls.XStatus> status = statusLink == null ? Optional.empty() : StatusUrls.parse(href(statusLink));
    if (!classed) {
      // A plain blockquote counts only when its last link is the status link, as in a flattened embed.
      Elements links = blockquote.select("a[href]");
      boolean endsInStatus = !links.isEmpty() && links.last() == statusLink;
      if (!endsInStatus || !blockquote.select("blockquote.twitter-tweet").isEmpty()) {
        return Optional.empty();
      }
    }
    if (status.isEmpty()) {
      status = idAttribute(blockquote).map(id -> new StatusUrls.XStatus(null, id));
    }
    if (status.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(describe(blockquote, statusLink, status.get(), scope, position));
  }

  /**
   * The embed {@code element} is by its tag and attributes: another platform's blockquote (Instagram permalink, TikTok
   * cite), an X or player iframe, {@code amp-twitter}, a tweet-id attribute, or a status URL in a non-link attribute.
   */
  Optional<Sighting> element(Element element, Reference.Scope scope, int position) {
    String tag = element.normalName();
    if (tag.equals("blockquote")) {
      // Other platforms' embeds name their post in an attribute: Instagram's permalink, TikTok's cite.
      for (String name : List.of("data-instgrm-permalink", "cite")) {
        Optional<Sighting> post = links.sighting(element.attr(name), Reference.Form.BLOCKQUOTE, scope, position);
        if (post.isPresent()) {
          return post;
        }
      }
    }
    if (tag.equals("iframe")) {
      Optional<String> id = StatusUrls.embedId(element.attr("src"));
      if (id.isEmpty()) {
        id = StatusUrls.embedId(element.attr("data-src"));
      }
      if (id.isEmpty()) {
        id = idAttribute(element);
      }
      if (id.isPresent()) {
        return id.map(i -> Sighting.ofX(new StatusUrls.XStatus(null, i), Reference.Form.IFRAME, scope, position));
      }
      // YouTube, Instagram, TikTok… players: the iframe's source names the post.
      return links.sighting(element.attr("abs:src"), Reference.Form.IFRAME, scope, position)
          .or(() -> links.sighting(element.attr("src"), Reference.Form.IFRAME, scope, position));
    }
    if (tag.equals("amp-twitter")) {
      return idAttribute(element)
          .map(i -> Sighting.ofX(new StatusUrls.XStatus(null, i), Reference.Form.AMP, scope, position));
    }
    Optional<String> id = idAttribute(element);
    if (id.isPresent()) {
      return id.map(i -> Sighting.ofX(new StatusUrls.XStatus(null, i), Reference.Form.ATTRIBUTE, scope, position));
    }
    // A status URL in an attribute of an element that is not a link (Substack's <span href=…/likes>, data-url).
    for (String name : URL_ATTRIBUTES) {
      if (!tag.equals("a") && element.hasAttr(name)) {
        Optional<StatusUrls.XStatus> status = StatusUrls.parse(element.attr(name));
        if (status.isPresent()) {
          return Optional.of(Sighting.ofX(status.get(), Reference.Form.ATTRIBUTE, scope, position));
        }
      }
    }
    return Optional.empty();
  }

  private Sighting describe(
      Element blockquote, Element statusLink, StatusUrls.XStatus status, Reference.Scope scope, int position) {
    String quoted = quotedText(blockquote);
    String cited = quoted;
    String name = null;
    // The handle as the article shows it: the trailer's "(@handle)" names the author even when a template put another
    // account in the link (BuzzFeed links every embed as twitter.com/BuzzFeed/status/<id>).
    String handle = status.handle();
    String linkText = statusLink == null ? null : RemnantParser.collapse(statusLink.text());
    // Some sites print the bare status URL as the link text: that is neither a date nor quoted text.
    boolean urlText = linkText != null && (linkText.contains("://") || StatusUrls.parse(linkText).isPresent());
    String date = urlText ? null : linkText;
    Matcher trailer = TRAILER.matcher(quoted == null ? "" : quoted);
    if (trailer.find()) {
      cited = RemnantParser.collapse(quoted.substring(0, trailer.start()));
      name = RemnantParser.collapse(trailer.group("name"));
      handle = trailer.group("handle");
      if (date == null) {
        date = RemnantParser.collapse(trailer.group("after"));
      }
    }
    if (cited != null && urlText && cited.equals(linkText)) {
      cited = null;
    }
    return new Sighting(
        Platform.X,
        status.id(),
        handle,
        status.canonicalUrl(),
        Reference.Form.BLOCKQUOTE,
        scope,
        cited,
        date,
        name,
        lang(blockquote),
        position);
  }

  /** The text of the paragraphs (or of the whole blockquote when it has none), whitespace collapsed. */
  private static String quotedText(Element blockquote) {
    Elements paragraphs = blockquote.select("p");
    if (paragraphs.isEmpty()) {
      return RemnantParser.collapse(blockquote.text());
    }
    // The trailer sits after the paragraphs; keep it in view so the trailer pattern can find name and date.
    String full = RemnantParser.collapse(blockquote.text());
    String joined = RemnantParser.collapse(String.join(" ", paragraphs.eachText()));
    if (full != null && joined != null && full.startsWith(joined) && full.length() > joined.length()) {
      return full;
    }
    return joined == null ? full : joined;
  }

  private static String lang(Element blockquote) {
    Element p = blockquote.selectFirst("p[lang]");
    String lang = p != null ? p.attr("lang") : blockquote.attr("lang");
    return lang.isBlank() ? null : lang.strip();
  }

  private static Element lastStatusLink(Element blockquote) {
    Element last = null;
    for (Element a : blockquote.select("a[href]")) {
      if (StatusUrls.parse(href(a)).isPresent()) {
        last = a;
      }
    }
    return last;
  }

  static String href(Element a) {
    String abs = a.absUrl("href");
    return abs.isEmpty() ? a.attr("href") : abs;
  }

  private static Optional<String> idAttribute(Element element) {
    for (Attribute attribute : element.attributes()) {
      String key = attribute.getKey().toLowerCase(Locale.ROOT);
      String value = attribute.getValue().strip();
      if (ID_ATTRIBUTE.matcher(key).matches() && DIGITS.matcher(value).matches()) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
