package org.embedwatch.extract;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Embed markup that a CMS keeps inside an attribute value until a script renders it (Bustle's {@code
 * data-content="&lt;blockquote class=&quot;twitter-tweet&quot;…"} and its percent-encoded twin). Such a post is found
 * with form {@link Reference.Form#ATTRIBUTE}, keeping the quoted text, name and date the markup carries.
 */
final class EncodedEmbeds {

  private final XEmbeds embeds = new XEmbeds();
  private final PostLinks links = new PostLinks();

  /** The posts embedded in the attribute values of {@code element}. */
  List<Sighting> sightings(Element element, Reference.Scope scope, int position) {
    List<Sighting> out = new ArrayList<>();
    for (Attribute attribute : element.attributes()) {
      String markup = markup(attribute.getValue());
      if (markup != null) {
        out.addAll(scanFragment(markup, scope, position));
      }
    }
    return out;
  }

  /** The attribute value as markup when it holds an embed, else null. */
  private static String markup(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.contains("<blockquote")) {
      return value;
    }
    if (lower.contains("%3cblockquote")) {
      try {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException ignored) {
        // A malformed escape means this is not the percent-encoded markup we look for.
        return null;
      }
    }
    return null;
  }

  private List<Sighting> scanFragment(String markup, Reference.Scope scope, int position) {
    List<Sighting> out = new ArrayList<>();
    Document fragment = Jsoup.parseBodyFragment(markup);
    for (Element blockquote : fragment.select("blockquote")) {
      embeds.blockquote(blockquote, scope, position).map(EncodedEmbeds::asAttribute).ifPresent(out::add);
    }
    if (out.isEmpty()) {
      for (Element a : fragment.select("a[href]")) {
        Optional<Sighting> link = links.sighting(XEmbeds.href(a), Reference.Form.ATTRIBUTE, scope, position);
        link.ifPresent(out::add);
      }
    }
    return out;
  }

  private static Sighting asAttribute(Sighting s) {
    return new Sighting(
        s.platform(),
        s.postId(),
        s.handle(),
        s.url(),
        Reference.Form.ATTRIBUTE,
        s.scope(),
        s.citedText(),
        s.citedDate(),
        s.displayName(),
        s.lang(),
        s.position());
  }
}
