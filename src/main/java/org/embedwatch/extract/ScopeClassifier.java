package org.embedwatch.extract;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Decides whether an element sits in the article body or in page furniture (navigation, footers, sidebars, "related"
 * and "trending" widgets, share bars), from the tags and the class/id words of its ancestors.
 */
final class ScopeClassifier {

  private static final Set<String> FURNITURE_TAGS = Set.of("nav", "header", "footer", "aside");

  private static final Set<String> FURNITURE_WORDS =
      Set.of(
          "related", "trending", "sidebar", "widget", "widgets", "footer", "nav", "navbar", "navigation",
          "share", "sharing", "popular", "recommended", "recommendations");

  /**
   * First class words that make the rest no statement about furniture: a layout choice of the page ("has-sidebar"), a
   * page builder's wrapper ("elementor-widget-container" wraps the article body too), or the embed itself
   * ("twitter-widget-0", "tweet-footer").
   */
  private static final Set<String> NEUTRAL_PREFIXES =
      Set.of(
          "has", "no", "with", "without", "show", "hide", "is", "elementor", "jet", "wp", "twitter", "tweet", "embed",
          "instagram", "tiktok", "bluesky", "youtube", "mastodon");

  private static final Pattern WORD_SPLIT = Pattern.compile("[^a-z0-9]+");

  /** {@link Reference.Scope#PAGE} when {@code element} or one of its ancestors is page furniture. */
  Reference.Scope classify(Element element) {
    for (Element e = element; e != null; e = e.parent()) {
      if (isFurniture(e)) {
        return Reference.Scope.PAGE;
      }
    }
    return Reference.Scope.ARTICLE;
  }

  /**
   * The scope of {@code element} given its parent's scope: lets a top-down walk classify every element in one step.
   */
  Reference.Scope classify(Element element, Reference.Scope parentScope) {
    return parentScope == Reference.Scope.PAGE || isFurniture(element)
        ? Reference.Scope.PAGE
        : Reference.Scope.ARTICLE;
  }

  /** Whether {@code element} itself (not its ancestors) is furniture; {@code body} and {@code html} never are. */
  private static boolean isFurniture(Element e) {
    String tag = e.normalName();
    if (tag.equals("body") || tag.equals("html")) {
      return false;
    }
    return FURNITURE_TAGS.contains(tag) || namesFurniture(e.className()) || namesFurniture(e.id());
  }

  private static boolean namesFurniture(String classOrId) {
    if (classOrId.isEmpty()) {
      return false;
    }
    for (String token : classOrId.split("\\s+")) {
      String[] words = WORD_SPLIT.split(toWords(token));
      if (NEUTRAL_PREFIXES.contains(firstWord(words))) {
        continue;
      }
      for (String word : words) {
        if (FURNITURE_WORDS.contains(word)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String firstWord(String[] words) {
    for (String word : words) {
      if (!word.isEmpty()) {
        return word;
      }
    }
    return "";
  }

  /** "relatedPosts" → "related-posts", "sidebar1" → "sidebar-": words as the separators and camel case show them. */
  private static String toWords(String token) {
    return token.replaceAll("([a-z])([A-Z])", "$1-$2").replaceAll("[0-9]+", "-").toLowerCase(Locale.ROOT);
  }
}
