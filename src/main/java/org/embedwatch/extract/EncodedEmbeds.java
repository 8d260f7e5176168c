package org.embedwatch.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Embed markup that a CMS keeps inside an attribute value until a script renders it (Bustle's {@code
 * data-content="&lt;blockquote class=&quot;twitter-tweet&quot;…"}, its percent-encoded twin, and markup whose entities
 * were escaped twice), and links to posts kept as markup in a tooltip ({@code title="…&lt;a href=…status/…"}). The scanner reads the decoded markup as a fragment; what it finds there has form {@link
 * Reference.Form#ATTRIBUTE}.
 */
final class EncodedEmbeds {

  /** Shorter values cannot hold an embed; most attribute values are skipped by this check alone. */
  private static final int SHORTEST_EMBED = 30;

  /** Attributes whose values are never embed markup, skipped without a look (they are most attribute values). */
  private static final Set<String> NEVER_MARKUP = Set.of("class", "id", "style", "href", "src", "rel", "target");

  /** The decoded embed markup in the attribute values of {@code element}, one entry per attribute that holds some. */
  List<String> markups(Element element) {
    List<String> out = List.of();
    for (Attribute attribute : element.attributes()) {
      if (attribute.getValue().length() < SHORTEST_EMBED || NEVER_MARKUP.contains(attribute.getKey())) {
        continue;
      }
      String markup = markup(attribute.getValue());
      // CMSs keep one embed in several encodings side by side; the same markup is read once.
      if (markup != null && !out.contains(markup)) {
        if (out.isEmpty()) {
          out = new ArrayList<>();
        }
        out.add(markup);
      }
    }
    return out;
  }

  /** The attribute value as markup when it holds an embed (a blockquote or an iframe), else null. */
  static String markup(String value) {
    if (value.length() < SHORTEST_EMBED) {
      return null;
    }
    if (opensEmbed(value, "<")) {
      return value;
    }
    if (opensEmbed(value, "&lt;")) {
      return Parser.unescapeEntities(value, true);
    }
    if (opensEmbed(value, "%3C") || opensEmbed(value, "%3c")) {
      String decoded = UrlParts.decode(value);
      return decoded.equals(value) ? null : decoded;
    }
    return null;
  }

  /**
   * Whether {@code value} has {@code open} followed by {@code blockquote} or {@code iframe}, in any case, or by an
   * {@code a} tag in a value that names a post ("status/"): a footnote or tooltip kept as markup in a {@code title}.
   */
  private static boolean opensEmbed(String value, String open) {
    Boolean namesPost = null; // looked up once per value, at the first "a" tag: not once per tag
    for (int at = value.indexOf(open); at >= 0; at = value.indexOf(open, at + 1)) {
      int tag = at + open.length();
      if (value.regionMatches(true, tag, "blockquote", 0, 10) || value.regionMatches(true, tag, "iframe", 0, 6)) {
        return true;
      }
      if (tag + 1 < value.length() && (value.charAt(tag) == 'a' || value.charAt(tag) == 'A')
          && (value.charAt(tag + 1) == ' ' || value.startsWith("%20", tag + 1))) {
        if (namesPost == null) {
          namesPost = value.contains("status");
        }
        if (namesPost) {
          return true;
        }
      }
    }
    return false;
  }
}
