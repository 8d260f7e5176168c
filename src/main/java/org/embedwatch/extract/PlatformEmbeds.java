package org.embedwatch.extract;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Platform;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/**
 * Recognizes the embeds of the platforms other than X in an HTML element: their blockquotes ({@code bluesky-embed},
 * {@code mastodon-embed}, {@code instagram-media}, {@code tiktok-embed}, {@code text-post-media}, {@code reddit-embed-bq}, {@code reddit-card},
 * Facebook's {@code cite}), player iframes, AMP tags, the Telegram widget script, and post URLs in embed attributes
 * ({@code data-bluesky-uri}, {@code div.fb-post[data-href]}, {@code data-telegram-post}, a {@code data-url}).
 */
final class PlatformEmbeds {

  /** Blockquote classes of embed codes, each with the platform whose inner post link identifies the embed. */
  private static final List<EmbedClass> EMBED_CLASSES =
      List.of(
          new EmbedClass("bluesky-embed", Platform.BLUESKY),
          new EmbedClass("mastodon-embed", Platform.MASTODON),
          new EmbedClass("instagram-media", Platform.INSTAGRAM),
          new EmbedClass("tiktok-embed", Platform.TIKTOK),
          new EmbedClass("text-post-media", Platform.THREADS),
          new EmbedClass("reddit-embed-bq", Platform.REDDIT),
          new EmbedClass("reddit-card", Platform.REDDIT));

  /** Blockquote attributes that name the embedded post by URL. */
  private static final List<String> PERMALINK_ATTRIBUTES =
      List.of("data-instgrm-permalink", "data-text-post-permalink", "data-embed-url", "cite");

  /** Attributes of non-link elements that may hold a post URL. */
  private static final List<String> URL_ATTRIBUTES = List.of("data-href", "data-url", "href");

  /** {@code — Display Name (@handle.bsky.social) date} at the end of a Bluesky embed. */
  private static final Pattern BLUESKY_TRAILER =
      Pattern.compile(
          "(?:—|–)[\\s\\u00a0]*+(?<name>[^—–()]{0,100}?)[\\s\\u00a0]*+\\(@(?<handle>[A-Za-z0-9.:-]{1,253})\\)"
              + "[\\s\\u00a0]*(?<after>[^—–]{0,80})$");

  /** "A post shared by NASA (@nasa)": the author line of an Instagram embed. */
  private static final Pattern INSTAGRAM_AUTHOR =
      Pattern.compile("shared by[\\s\\u00a0]+(?<name>[^()]{0,100}?)[\\s\\u00a0]*\\(@(?<handle>[A-Za-z0-9_.]{1,30})\\)");

  /** An author link inside an embed: {@code reddit.com/user/<name>}, {@code reddit.com/u/<name>}, {@code tiktok.com/@<name>}. */
  private static final Pattern AUTHOR_LINK =
      Pattern.compile("(?:reddit\\.com/(?:user|u)/(?<redditor>[A-Za-z0-9_-]{3,20})|tiktok\\.com/@(?<tiktoker>[A-Za-z0-9_.]{1,40}))/?(?:[?#].*)?");

  private final PostLinks links = new PostLinks();

  private record EmbedClass(String className, Platform platform) {}

  /** The other-platform embed {@code element} is, or empty; blockquotes are {@link #blockquote}. */
  Optional<Sighting> element(Element element, Reference.Scope scope, int position) {
    if (element.attributesSize() == 0) {
      return Optional.empty();
    }
    String tag = element.normalName();
    switch (tag) {
      case "iframe":
        return iframe(element, scope, position);
      case "amp-instagram":
        return InstagramUrls.shortcode(element.attr("data-shortcode")).map(p -> Sighting.of(p, Reference.Form.AMP, scope, position));
      case "amp-youtube":
        return YouTubeUrls.videoId(element.attr("data-videoid")).map(p -> Sighting.of(p, Reference.Form.AMP, scope, position));
      case "amp-facebook":
      case "amp-reddit":
      case "amp-tiktok":
      case "amp-bluesky":
        return links.sighting(first(element, "data-href", "data-src", "data-url"), Reference.Form.AMP, scope, position)
            .or(() -> TikTokUrls.videoId(element.attr("data-src")).map(p -> Sighting.of(p, Reference.Form.AMP, scope, position)));
      case "script":
        return TelegramUrls.widget(element.attr("data-telegram-post"))
            .map(p -> Sighting.of(p, Reference.Form.SCRIPT, scope, position));
      default:
        return attributes(element, tag.equals("a"), scope, position);
    }
  }

  /** The other-platform embed {@code blockquote} is, or empty. */
  Optional<Sighting> blockquote(Element blockquote, EmbedLinks content, Reference.Scope scope, int position) {
    String atUri = blockquote.attr("data-bluesky-uri");
    Optional<OtherPlatformUrls.Post> post = BlueskyUrls.atUri(atUri);
    for (String name : PERMALINK_ATTRIBUTES) {
      if (post.isEmpty()) {
        post = links.otherPost(blockquote.attr(name));
      }
    }
    EmbedClass embedClass = embedClass(blockquote);
    if (post.isEmpty() && embedClass != null && embedClass.platform() == Platform.TIKTOK) {
      post = TikTokUrls.videoId(blockquote.attr("data-video-id"));
    }
    if (post.isEmpty() && embedClass != null) {
      post = innerPost(content, embedClass.platform());
    }
    if (post.isEmpty()) {
      return Optional.empty();
    }
    OtherPlatformUrls.Post found = post.get();
    if (found.handle() == null) {
      found = new OtherPlatformUrls.Post(
          found.platform(), authorInside(content, found.platform()), found.id(), found.url());
    }
    if (found.platform() == Platform.BLUESKY) {
      return Optional.of(bluesky(blockquote, found, scope, position));
    }
    if (found.platform() == Platform.INSTAGRAM) {
      return Optional.of(instagram(blockquote, found, scope, position));
    }
    return Optional.of(Sighting.of(found, Reference.Form.BLOCKQUOTE, scope, position));
  }

  /** A Bluesky embed quotes its text and ends like an X embed: {@code — Name (@handle) date}. */
  private static Sighting bluesky(
      Element blockquote, OtherPlatformUrls.Post post, Reference.Scope scope, int position) {
    String quoted = XEmbeds.quotedText(blockquote);
    String cited = quoted;
    String name = null;
    String date = null;
    String handle = post.handle();
    Matcher trailer = BLUESKY_TRAILER.matcher(quoted == null ? "" : quoted);
    if (trailer.find()) {
      cited = RemnantParser.collapse(quoted.substring(0, trailer.start()));
      name = RemnantParser.collapse(trailer.group("name"));
      handle = trailer.group("handle");
      date = RemnantParser.collapse(trailer.group("after"));
    }
    return new Sighting(
        Platform.BLUESKY, post.id(), handle, post.url(), Reference.Form.BLOCKQUOTE, scope, cited, date, name,
        XEmbeds.lang(blockquote), position);
  }

  /** An Instagram embed names its author in its last line, "A post shared by Name (@handle)". */
  private static Sighting instagram(
      Element blockquote, OtherPlatformUrls.Post post, Reference.Scope scope, int position) {
    Matcher author = INSTAGRAM_AUTHOR.matcher(blockquote.text());
    if (!author.find()) {
      return Sighting.of(post, Reference.Form.BLOCKQUOTE, scope, position);
    }
    String handle = post.handle() == null ? author.group("handle") : post.handle();
    return new Sighting(
        Platform.INSTAGRAM, post.id(), handle, post.url(), Reference.Form.BLOCKQUOTE, scope, null, null,
        RemnantParser.collapse(author.group("name")), null, position);
  }

  private Optional<Sighting> iframe(Element iframe, Reference.Scope scope, int position) {
    for (String name : List.of("src", "data-src")) {
      String value = iframe.attr(name);
      if (!value.isEmpty()) {
        // Players are embedded by absolute (or protocol-relative) URL.
        Optional<Sighting> post = links.sighting(value, Reference.Form.IFRAME, scope, position);
        if (post.isPresent()) {
          return post;
        }
      }
    }
    return Optional.empty();
  }

  /** Post URLs in attributes of an element that is not a link, in one pass over its attributes. */
  private Optional<Sighting> attributes(Element element, boolean link, Reference.Scope scope, int position) {
    for (Attribute attribute : element.attributes()) {
      String key = attribute.getKey();
      Optional<Sighting> post = Optional.empty();
      if (key.equals("data-bluesky-uri")) {
        post = BlueskyUrls.atUri(attribute.getValue()).map(p -> Sighting.of(p, Reference.Form.ATTRIBUTE, scope, position));
      } else if (key.equals("data-telegram-post")) {
        post = TelegramUrls.widget(attribute.getValue())
            .map(p -> Sighting.of(p, Reference.Form.ATTRIBUTE, scope, position));
      } else if (!link && URL_ATTRIBUTES.contains(key)) {
        post = links.sighting(attribute.getValue(), Reference.Form.ATTRIBUTE, scope, position);
      }
      if (post.isPresent()) {
        return post;
      }
    }
    return Optional.empty();
  }

  private static EmbedClass embedClass(Element blockquote) {
    if (!blockquote.hasAttr("class")) {
      return null;
    }
    for (EmbedClass embedClass : EMBED_CLASSES) {
      if (blockquote.hasClass(embedClass.className())) {
        return embedClass;
      }
    }
    return null;
  }

  /** The first link inside the embed that names a post of {@code platform}. */
  private Optional<OtherPlatformUrls.Post> innerPost(EmbedLinks content, Platform platform) {
    for (Element a : content.links()) {
      Optional<OtherPlatformUrls.Post> post =
          links.otherPost(XEmbeds.href(a)).filter(p -> p.platform() == platform);
      if (post.isPresent()) {
        return post;
      }
    }
    return Optional.empty();
  }

  /** The author an embed links to when its post URL names none (Reddit's "by u/name", TikTok's "@name"). */
  private static String authorInside(EmbedLinks content, Platform platform) {
    String profile =
        switch (platform) {
          case REDDIT -> "reddit.com/";
          case TIKTOK -> "tiktok.com/@";
          default -> null;
        };
    if (profile == null) {
      return null;
    }
    for (Element a : content.links()) {
      String href = a.attr("href");
      int at = href.indexOf(profile);
      if (at >= 0) {
        Matcher m = AUTHOR_LINK.matcher(href.substring(at));
        if (m.matches()) {
          return m.group("redditor") != null ? m.group("redditor") : m.group("tiktoker");
        }
      }
    }
    return null;
  }

  private static String first(Element element, String... names) {
    for (String name : names) {
      String value = element.attr(name);
      if (!value.isBlank()) {
        return value;
      }
    }
    return "";
  }
}
