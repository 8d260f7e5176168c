package org.embedwatch.extract;

import java.util.Optional;
import org.embedwatch.Platform;
import org.jsoup.nodes.Element;

/**
 * Static tweet cards: a newsletter or CMS renders a tweet as plain markup ({@code div.tweet} with
 * {@code .tweet-author-name}, {@code .tweet-author-handle}, {@code .tweet-text} and {@code .tweet-date}, as Substack
 * e-mails do) whose links often go through opaque redirects. Like a flattened embed, the card keeps who said what and
 * when, so it is a {@link Reference.Form#REMNANT}; its id is known only when a status URL sits somewhere in the card.
 */
final class TweetCards {

  /** The card sighting of {@code element} when it is a static tweet card, else empty. */
  Optional<Sighting> card(Element element, Reference.Scope scope, int position) {
    if (element.attributes().get("class").indexOf("tweet") < 0 || !element.hasClass("tweet")) {
      return Optional.empty();
    }
    Element handleElement = first(element, "tweet-author-handle");
    if (handleElement == null) {
      return Optional.empty();
    }
    String handle = handleElement.text().strip();
    if (handle.startsWith("@")) {
      handle = handle.substring(1);
    }
    if (!handle.matches("[A-Za-z0-9_]{1,50}")) {
      return Optional.empty();
    }
    String id = null;
    for (Element withHref : element.select("[href*=/status]")) {
      Optional<StatusUrls.XStatus> status = StatusUrls.parse(withHref.attr("href"));
      if (status.isPresent() && (status.get().handle() == null || status.get().handle().equalsIgnoreCase(handle))) {
        id = status.get().id();
        break;
      }
    }
    String url = id == null ? null : new StatusUrls.XStatus(handle, id).canonicalUrl();
    return Optional.of(new Sighting(Platform.X, id, handle, url, Reference.Form.REMNANT, scope,
        text(first(element, "tweet-text")), text(first(element, "tweet-date")),
        text(first(element, "tweet-author-name")), null, position));
  }

  /** The first descendant with {@code className} that is not inside a quoted tweet of the card. */
  private static Element first(Element card, String className) {
    for (Element e : card.getElementsByClass(className)) {
      boolean quoted = false;
      for (Element p = e.parent(); p != null && p != card; p = p.parent()) {
        if (p.hasClass("quote-tweet") || p.hasClass("tweet")) {
          quoted = true;
          break;
        }
      }
      if (!quoted) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element e) {
    if (e == null) {
      return null;
    }
    String text = e.text().strip();
    return text.isEmpty() ? null : text;
  }
}
