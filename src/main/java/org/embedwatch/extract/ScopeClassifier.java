package org.embedwatch.extract;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * Decides whether an element sits in the article body or in page furniture (navigation, footers, sidebars, "related"
 * and "trending" widgets, share bars), from the tags and the class/id words of its ancestors.
 *
 * <p>{@code nav} is always furniture; {@code header}, {@code footer} and {@code aside} only outside an {@code article}
 * or {@code main} element (inside one they hold the article's lead figure, its embeds and updates; a sidebar there is
 * still furniture by its class). A class value with a token that names the body ({@code article-body}, {@code
 * entry-content}, {@code post}) and no furniture word says nothing about furniture, and neither does a token that ends
 * in an embed word ({@code related-tweet}: the embed itself).
 *
 * <p>Remembers what each class value it has seen says (pages repeat a few class values thousands of times), so use one
 * instance per page scan: it is not thread-safe.
 */
final class ScopeClassifier {

  /** What each class attribute value seen so far says: furniture or not. */
  private final Map<String, Boolean> classNamesFurniture = new HashMap<>();

  /** Furniture only outside {@code article} and {@code main}; {@code nav} is furniture everywhere. */
  private static final Set<String> OUTER_FURNITURE_TAGS = Set.of("header", "footer", "aside");

  /** Elements that hold the article. */
  private static final Set<String> ARTICLE_TAGS = Set.of("article", "main");

  /**
   * A class token names the article body when it has one word of each set ("article-body", "entry-content",
   * "post-content", "storyText"); "content" or "post" alone is any wrapper ("widget post-list" is still furniture).
   */
  private static final Set<String> BODY_SUBJECTS = Set.of("article", "entry", "post", "story");

  private static final Set<String> BODY_PARTS = Set.of("body", "content", "text");

  /** Last words of a class token that names the embed itself ("related-tweet"). */
  private static final Set<String> EMBED_WORDS =
      Set.of("tweet", "twitter", "embed", "instagram", "tiktok", "bluesky", "youtube", "mastodon");

  private static final Set<String> FURNITURE_WORDS =
      Set.of(
          "related", "trending", "sidebar", "widget", "widgets", "footer", "nav", "navbar", "navigation",
          "share", "sharing", "popular", "recommended", "recommendations", "secondary", "referer", "referrer",
          "referers", "referrers", "refererlist", "backlinks", "trackbacks");

  /**
   * First class words that make the rest no statement about furniture: a layout choice of the page ("has-sidebar"), a
   * page builder's wrapper ("elementor-widget-container" wraps the article body too), or the embed itself
   * ("twitter-widget-0", "tweet-footer").
   */
  private static final Set<String> NEUTRAL_PREFIXES =
      Set.of(
          "has", "no", "with", "without", "show", "hide", "is", "elementor", "jet", "wp", "twitter", "tweet", "embed",
          "instagram", "tiktok", "bluesky", "youtube", "mastodon");

  /** No furniture word or neutral prefix is longer ("recommendations"); longer words are not looked up. */
  private static final int LONGEST_WORD = 15;

  /** {@link Reference.Scope#PAGE} when {@code element} or one of its ancestors is page furniture. */
  Reference.Scope classify(Element element) {
    for (Element e = element; e != null; e = e.parent()) {
      if (isFurniture(e, insideArticle(e))) {
        return Reference.Scope.PAGE;
      }
    }
    return Reference.Scope.ARTICLE;
  }

  /**
   * The scope of {@code element} given its parent's scope and whether an ancestor is an {@code article} or {@code main}
   * element: lets a top-down walk classify every element in one step.
   */
  Reference.Scope classify(Element element, Reference.Scope parentScope, boolean insideArticle) {
    return parentScope == Reference.Scope.PAGE || isFurniture(element, insideArticle)
        ? Reference.Scope.PAGE
        : Reference.Scope.ARTICLE;
  }

  /** Whether {@code element} is an {@code article} or {@code main} element, which make furniture tags inside them none. */
  static boolean holdsArticle(Element element) {
    return ARTICLE_TAGS.contains(element.normalName());
  }

  private static boolean insideArticle(Element element) {
    for (Element p = element.parent(); p != null; p = p.parent()) {
      if (holdsArticle(p)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code element} itself (not its ancestors) is furniture; {@code body} and {@code html} never are. */
  private boolean isFurniture(Element e, boolean insideArticle) {
    String tag = e.normalName();
    if (tag.equals("body") || tag.equals("html")) {
      return false;
    }
    if (tag.equals("nav") || (!insideArticle && OUTER_FURNITURE_TAGS.contains(tag))) {
      return true;
    }
    if (e.attributesSize() == 0) {
      return false;
    }
    // attr(), not className()/id(): those trim or match the name case-insensitively, for every element of a page.
    String className = e.attributes().get("class");
    if (className.isEmpty()) {
      return namesFurniture(e.attributes().get("id"));
    }
    Boolean known = classNamesFurniture.get(className);
    if (known == null) {
      known = namesFurniture(className);
      classNamesFurniture.put(className, known);
    }
    return known || namesFurniture(e.attributes().get("id"));
  }

  /**
   * Whether a class or id value names furniture. Each whitespace-separated token is split into words as its separators,
   * digits and camel case show them ("relatedPosts" → related, posts; "sidebar1" → sidebar); a token whose first word is
   * a neutral prefix says nothing. Hand-written: this runs for every element of every page.
   */
  private static boolean namesFurniture(String classOrId) {
    int n = classOrId.length();
    int i = 0;
    boolean furniture = false;
    while (i < n) {
      while (i < n && Character.isWhitespace(classOrId.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(classOrId.charAt(i))) {
        i++;
      }
      if (i > start) {
        Token token = token(classOrId, start, i);
        if (token == Token.BODY) {
          return false; // "sharing-enabled article-body": the element is the article body
        }
        furniture |= token == Token.FURNITURE;
      }
    }
    return furniture;
  }

  /** What one class token says. */
  private enum Token {
    FURNITURE,
    BODY,
    NOTHING
  }

  private static Token token(String s, int from, int to) {
    boolean first = true;
    boolean furniture = false;
    boolean subject = false;
    boolean part = false;
    String last = null;
    int i = from;
    while (i < to) {
      while (i < to && !isLetter(s.charAt(i))) {
        i++;
      }
      int start = i;
      // A word is a run of ASCII letters that ends before a lower-to-upper case change.
      while (i < to && isLetter(s.charAt(i))
          && !(i > start && isUpper(s.charAt(i)) && !isUpper(s.charAt(i - 1)))) {
        i++;
      }
      if (i == start) {
        continue;
      }
      int length = i - start;
      if (length > LONGEST_WORD) {
        first = false;
        last = null;
        continue;
      }
      String word = s.substring(start, i).toLowerCase(Locale.ROOT);
      if (first && NEUTRAL_PREFIXES.contains(word)) {
        return Token.NOTHING;
      }
      first = false;
      last = word;
      furniture |= FURNITURE_WORDS.contains(word);
      subject |= BODY_SUBJECTS.contains(word);
      part |= BODY_PARTS.contains(word);
    }
    if (furniture) {
      return last != null && EMBED_WORDS.contains(last) ? Token.NOTHING : Token.FURNITURE;
    }
    return subject && part ? Token.BODY : Token.NOTHING;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }
}
