package org.embedwatch.extract;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Finds the social-media posts an article cites: embeds (blockquotes, iframes, AMP tags, widget scripts, oEmbed objects in
 * scripts, markup kept in attributes or {@code <noscript>}), post-id attributes, links and bare URLs of X, Bluesky,
 * Mastodon, Instagram, TikTok, YouTube, Facebook, Threads, Telegram and Reddit, and the text remnants of flattened X
 * embeds. Stateless and thread-safe; a pure function of its input that never touches the network.
 */
public final class ReferenceExtractor {

  /** Used only when the media type says neither HTML nor plain text. */
  private static final Pattern LOOKS_LIKE_HTML =
      Pattern.compile("<(?:!doctype|html|head|body|p|div|a|blockquote|iframe|span|br)[\\s>/]", Pattern.CASE_INSENSITIVE);

  private final HtmlArticleScanner html = new HtmlArticleScanner();
  private final TextScanner text = new TextScanner();
  private final ReferenceMerger merger = new ReferenceMerger();

  public ReferenceExtractor() {}

  /**
   * One reference per distinct post, in order of first appearance.
   *
   * @param content the decoded article (HTML or plain text); null yields no references
   * @param mediaType e.g. {@code text/html}, {@code application/xhtml+xml}, {@code text/plain}; null means "sniff"
   * @param baseUri the article URL, used to resolve relative links, or null
   * @return the references (same platform and id merged); never null. Never throws on any input.
   */
  public List<Reference> extract(String content, String mediaType, String baseUri) {
    if (content == null || content.isEmpty()) {
      return List.of();
    }
    if (isHtml(content, mediaType)) {
      Document document = Jsoup.parse(content, baseUri == null ? "" : baseUri);
      HtmlArticleScanner.Found found = html.scan(document);
      return merger.merge(found.sightings(), found.mentions());
    }
    return merger.merge(text.scan(TextScanner.plainLines(content)), List.of());
  }

  private static boolean isHtml(String content, String mediaType) {
    String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
    if (type.contains("html") || type.contains("xml")) {
      return true;
    }
    if (type.startsWith("text/plain")) {
      return false;
    }
    return LOOKS_LIKE_HTML.matcher(content).find();
  }
}
