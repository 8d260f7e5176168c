package org.embedwatch.extract;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Platform;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Recognizes X embeds in an HTML element: {@code blockquote.twitter-tweet} (and class-less blockquotes that end in a
 * status link), {@code Tweet.html?id=} and rendered iframes, {@code amp-twitter}, and tweet-id attributes. The other
 * platforms' embeds are {@link PlatformEmbeds}.
 */
final class XEmbeds {

  /** {@code — Display Name (@handle)} and whatever follows it (the date) at the end of an embed. */
  private static final Pattern TRAILER =
      Pattern.compile(
          "(?:—|–|--)[\\s\\u00a0]*+(?<name>[^—–()]{0,100}?)[\\s\\u00a0]*+\\(@(?<handle>[A-Za-z0-9_]{1,20})\\)"
              + "(?<after>[^—–]{0,60})$");

  /** Attribute names that carry a tweet id: data-tweet-id, data-tweetid, rel:bf_tweet_id… */
  private static final Pattern ID_ATTRIBUTE = Pattern.compile("(?:.*[-_:])?tweet[-_]?id");

  /** Generic id attribute names that hold a tweet id only on an element that says it holds a tweet. */
  private static final Set<String> GENERIC_ID_ATTRIBUTES =
      Set.of("data-embed-id", "data-id", "data-status-id", "data-item-id");

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");

  /**
   * The sighting of {@code blockquote} when it is an X embed (classed {@code twitter-tweet}/{@code twitter-video}, or
   * class-less but ending in a status link), else empty. One embed is one sighting, whatever links it holds.
   */
  Optional<Sighting> blockquote(Element blockquote, EmbedLinks content, Reference.Scope scope, int position) {
    boolean classed = blockquote.hasClass("twitter-tweet") || blockquote.hasClass("twitter-video");
    Element lastLink = null;
    Element statusLink = null;
    Optional<StatusUrls.XStatus> status = Optional.empty();
    for (Element a : content.links()) {
      lastLink = a;
      Optional<StatusUrls.XStatus> linked = StatusUrls.parse(href(a));
      if (linked.isPresent()) {
        statusLink = a;
        status = linked;
      }
    }
    // A plain blockquote counts only when its last link is the status link, as in a flattened embed, and when it
    // does not wrap another blockquote (a real embed, or a quote).
    if (!classed && (lastLink == null || lastLink != statusLink || content.wrapsBlockquote())) {
      return Optional.empty();
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
   * The X embed {@code element} is by its tag and attributes: a {@code Tweet.html?id=} or rendered widget iframe, {@code
   * amp-twitter}, or a tweet-id attribute ({@code data-tweet-id}, and {@code data-embed-id}-like names on an element
   * that says it holds a tweet).
   */
  Optional<Sighting> element(Element element, Reference.Scope scope, int position) {
    if (element.attributesSize() == 0) {
      return Optional.empty();
    }
    String tag = element.normalName();
    if (tag.equals("iframe")) {
      Optional<String> id =
          StatusUrls.embedId(element.attr("src"))
              .or(() -> StatusUrls.embedId(element.attr("data-src")))
              .or(() -> idAttribute(element))
              .or(() -> frameId(element.id()));
      return id.map(i -> Sighting.ofX(new StatusUrls.XStatus(null, i), Reference.Form.IFRAME, scope, position));
    }
    Reference.Form form = tag.equals("amp-twitter") ? Reference.Form.AMP : Reference.Form.ATTRIBUTE;
    return idAttribute(element).map(i -> Sighting.ofX(new StatusUrls.XStatus(null, i), form, scope, position));
  }

  /** X's snowflake ids count milliseconds from this instant (2010-11-04) in their bits above the 22nd. */
  private static final long TWEPOCH_MILLIS = 1288834974657L;

  private static final Pattern FRAME_ID = Pattern.compile("(?i)[a-z_-]*tweet[a-z_-]*([0-9]{28,48})");

  /**
   * The status id in a tweet widget's frame id that glues the id to other numbers and ends in the Unix time the widget
   * was made ({@code id="tweetframe<status id><user id><unix time>"}, The Telegraph's own widget). The id is the 18- or
   * 19-digit prefix whose snowflake time lies within the week before that Unix time: without that agreement, nothing.
   */
  static Optional<String> frameId(String frameIdAttribute) {
    Matcher m = FRAME_ID.matcher(frameIdAttribute);
    if (!m.matches()) {
      return Optional.empty();
    }
    String digits = m.group(1);
    long madeMillis = Long.parseLong(digits.substring(digits.length() - 10)) * 1000;
    for (int length : new int[] {19, 18}) {
      if (digits.length() - 10 <= length) {
        continue;
      }
      String candidate = digits.substring(0, length);
      if (length == 19 && candidate.compareTo(String.valueOf(Long.MAX_VALUE)) > 0) {
        continue;
      }
      long snowflakeMillis = (Long.parseLong(candidate) >> 22) + TWEPOCH_MILLIS;
      long lag = madeMillis - snowflakeMillis;
      if (lag >= 0 && lag <= 7L * 24 * 3600 * 1000) {
        return Optional.of(candidate);
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
    // The link text of an embed is its date, in the page's language ("March 29, 2023", "29 Mart 2023"); in a plain
    // class-less quote it may be a sentence ("his tweet"): there it counts only when it reads as a date.
    boolean embedMarkup = blockquote.hasClass("twitter-tweet") || blockquote.hasClass("twitter-video");
    String date = urlText || !(embedMarkup || RemnantParser.hasDate(linkText)) ? null : linkText;
    Matcher trailer = TRAILER.matcher(quoted == null ? "" : quoted);
    boolean hasTrailer = trailer.find();
    if (!hasTrailer && date == null && !urlText && statusLink != null) {
      cited = withoutLinkParagraph(blockquote, statusLink, quoted);
    } else if (hasTrailer) {
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

  /**
   * The quote of a plain blockquote without the paragraph that only points at the post ("See his tweet"), when other
   * paragraphs hold the quote; else {@code quoted} unchanged.
   */
  private static String withoutLinkParagraph(Element blockquote, Element statusLink, String quoted) {
    Element paragraph = statusLink.closest("p");
    if (paragraph == null || paragraph == blockquote || !blockquote.getElementsByTag("p").contains(paragraph)) {
      return quoted;
    }
    StringBuilder kept = new StringBuilder();
    for (Element p : blockquote.getElementsByTag("p")) {
      if (p != paragraph) {
        kept.append(p.text()).append(' ');
      }
    }
    String text = RemnantParser.collapse(kept.toString());
    return text == null || text.isEmpty() ? quoted : text;
  }

  /** The text of the paragraphs (or of the whole blockquote when it has none), whitespace collapsed. */
  static String quotedText(Element blockquote) {
    Elements paragraphs = blockquote.getElementsByTag("p");
    String full = RemnantParser.collapse(blockquote.text());
    if (paragraphs.isEmpty()) {
      return full;
    }
    // The trailer sits after the paragraphs; keep it in view so the trailer pattern can find name and date.
    String joined = RemnantParser.collapse(String.join(" ", paragraphs.eachText()));
    if (full != null && joined != null && full.startsWith(joined) && full.length() > joined.length()) {
      return full;
    }
    return joined == null ? full : joined;
  }

  static String lang(Element blockquote) {
    String lang = blockquote.attr("lang");
    for (Element p : blockquote.getElementsByTag("p")) {
      if (p.hasAttr("lang")) {
        lang = p.attr("lang");
        break;
      }
    }
    return lang.isBlank() ? null : lang.strip();
  }


  /**
   * The link target of a link inside an embed, as written: embed codes link absolutely. (Resolving would cost a walk up
   * the page per link; the page walk resolves the article's own relative links, see {@link LinkTargets}.)
   */
  static String href(Element a) {
    return a.attr("href").strip();
  }

  private static Optional<String> idAttribute(Element element) {
    for (Attribute attribute : element.attributes()) {
      // jsoup lower-cases attribute names of HTML.
      String key = attribute.getKey();
      boolean tweetKey = key.contains("tweet") && ID_ATTRIBUTE.matcher(key).matches();
      if (!tweetKey && !(key.startsWith("data-") && GENERIC_ID_ATTRIBUTES.contains(key))) {
        continue;
      }
      String value = attribute.getValue().strip();
      if (DIGITS.matcher(value).matches() && (tweetKey || (value.length() >= 6 && holdsATweet(element)))) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the element's attributes say it holds a tweet: a name or value with "tweet", or "twitter" together with
   * "embed" ({@code class="embed-twitter"}, {@code data-provider="twitter" data-embed-id=…}). A share button's
   * "twitter" alone is not enough.
   */
  private static boolean holdsATweet(Element element) {
    boolean twitter = false;
    boolean embed = false;
    for (Attribute attribute : element.attributes()) {
      String text = (attribute.getKey() + " " + attribute.getValue()).toLowerCase(Locale.ROOT);
      if (text.contains("tweet")) {
        return true;
      }
      twitter |= text.contains("twitter");
      embed |= text.contains("embed");
    }
    return twitter && embed;
  }
}
