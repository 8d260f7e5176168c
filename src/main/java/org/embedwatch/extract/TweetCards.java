package org.embedwatch.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.embedwatch.evidence.Platform;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Static tweet cards: a newsletter or CMS renders a tweet as plain markup ({@code div.tweet} with
 * {@code .tweet-author-name}, {@code .tweet-author-handle}, {@code .tweet-text} and {@code .tweet-date}, as Substack
 * e-mails do) whose links often go through opaque redirects. Like a flattened embed, the card keeps who said what and
 * when, so it is a {@link Reference.Form#REMNANT}; its id is known only when a status URL sits somewhere in the card.
 *
 * <p>The handle must be an X handle as {@link StatusUrls} accepts it. A card is read by one walk of at most {@link
 * EmbedLinks#MAX_NODES} nodes (a bigger one is no card); the page walk does not ask about a {@code .tweet} inside
 * another, which is a quoted tweet of that card (see {@link #isCardClass}).
 */
final class TweetCards {

  /** Whether {@code element} has class {@code tweet}: a card, or a tweet quoted inside one. */
  static boolean isCardClass(Element element) {
    return element.attributes().get("class").indexOf("tweet") >= 0 && element.hasClass("tweet");
  }

  /** The card sighting of {@code element} when it is a static tweet card, else empty. */
  Optional<Sighting> card(Element element, Reference.Scope scope, int position) {
    if (!isCardClass(element)) {
      return Optional.empty();
    }
    Optional<Parts> read = Parts.of(element);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Parts parts = read.get();
    String handle = parts.text("tweet-author-handle");
    if (handle == null) {
      return Optional.empty();
    }
    if (handle.startsWith("@")) {
      handle = handle.substring(1);
    }
    if (!StatusUrls.isHandle(handle)) {
      return Optional.empty();
    }
    String id = null;
    for (StatusUrls.XStatus status : parts.statuses()) {
      if (status.handle() == null || status.handle().equalsIgnoreCase(handle)) {
        id = status.id();
        break;
      }
    }
    String url = id == null ? null : new StatusUrls.XStatus(handle, id).canonicalUrl();
    return Optional.of(new Sighting(Platform.X, id, handle, url, Reference.Form.REMNANT, scope,
        parts.text("tweet-text"), parts.text("tweet-date"), parts.text("tweet-author-name"), null, position));
  }

  /**
   * What one walk of a card finds.
   *
   * @param fields the first element of each card class, outside quoted tweets of the card
   * @param statuses the status URLs linked anywhere in the card, in document order
   */
  private record Parts(Map<String, Element> fields, List<StatusUrls.XStatus> statuses) {

    private static final List<String> FIELDS =
        List.of("tweet-author-handle", "tweet-text", "tweet-date", "tweet-author-name");

    /** The parts of {@code card}; empty when it holds more than {@link EmbedLinks#MAX_NODES} nodes. */
    static Optional<Parts> of(Element card) {
      Map<String, Element> fields = new HashMap<>();
      List<StatusUrls.XStatus> statuses = new ArrayList<>();
      int[] nodes = {0};
      int[] quotedAt = {-1};
      NodeTraversor.filter(
          new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
              if (++nodes[0] > EmbedLinks.MAX_NODES) {
                return FilterResult.STOP;
              }
              if (quotedAt[0] >= 0 && depth <= quotedAt[0]) {
                quotedAt[0] = -1; // left the quoted tweet
              }
              if (!(node instanceof Element e) || e == card) {
                return FilterResult.CONTINUE;
              }
              if (quotedAt[0] < 0 && (e.hasClass("quote-tweet") || e.hasClass("tweet"))) {
                quotedAt[0] = depth;
              }
              String href = e.attr("href");
              if (href.contains("/status")) {
                StatusUrls.parse(href).ifPresent(statuses::add);
              }
              if (quotedAt[0] < 0 && e.attributes().hasKey("class")) {
                for (String field : FIELDS) {
                  if (!fields.containsKey(field) && e.hasClass(field)) {
                    fields.put(field, e);
                  }
                }
              }
              return FilterResult.CONTINUE;
            }
          },
          card);
      return nodes[0] > EmbedLinks.MAX_NODES ? Optional.empty() : Optional.of(new Parts(fields, statuses));
    }

    /** The text of the field, stripped; null when absent or empty. */
    String text(String field) {
      Element e = fields.get(field);
      if (e == null) {
        return null;
      }
      String text = e.text().strip();
      return text.isEmpty() ? null : text;
    }
  }
}
