package org.embedwatch.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Embed markup that a CMS keeps inside an attribute value until a script renders it (Bustle's {@code
 * data-content="&lt;blockquote class=&quot;twitter-tweet&quot;…"}, its percent-encoded twin, and markup whose entities
 * were escaped twice). The scanner reads the decoded markup as a fragment; what it finds there has form {@link
 * Reference.Form#ATTRIBUTE}.
 */
final class EncodedEmbeds {

  /** Shorter values cannot hold an embed; most attribute values are skipped by this check alone. */
  private static final int SHORTEST_EMBED = 30;

  /** The decoded embed markup in the attribute values of {@code element}, one entry per attribute that holds some. */
  List<String> markups(Element element) {
    List<String> out = List.of();
    for (Attribute attribute : element.attributes()) {
      String markup = markup(attribute.getValue());
      if (markup != null) {
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
    if (value.length() < SHORTEST_EMBED
        || (value.indexOf('<') < 0 && value.indexOf('%') < 0 && value.indexOf('&') < 0)) {
      return null;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.contains("<blockquote") || lower.contains("<iframe")) {
      return value;
    }
    if (lower.contains("&lt;blockquote") || lower.contains("&lt;iframe")) {
      return Parser.unescapeEntities(value, true);
    }
    if (lower.contains("%3cblockquote") || lower.contains("%3ciframe")) {
      String decoded = UrlParts.decode(value);
      return decoded.equals(value) ? null : decoded;
    }
    return null;
  }
}
