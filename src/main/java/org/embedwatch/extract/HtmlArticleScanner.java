package org.embedwatch.extract;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * One pass over a parsed HTML page, in document order: records embed, attribute and link sightings, and collects the
 * page text line by line (without the embeds already recognized) for the text scan.
 */
final class HtmlArticleScanner {

  private static final Set<String> BLOCK_TAGS =
      Set.of(
          "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
          "tr", "td", "th", "table", "section", "article", "header", "footer", "aside", "nav", "main", "figure",
          "figcaption", "pre", "hr", "form", "body", "iframe", "noscript", "address", "details", "summary");

  private final XEmbeds embeds = new XEmbeds();
  private final PostLinks links = new PostLinks();
  private final ScopeClassifier scopes = new ScopeClassifier();
  private final TextScanner text = new TextScanner();
  private final EncodedEmbeds encoded = new EncodedEmbeds();

  /** All sightings in {@code document}. */
  List<Sighting> scan(Document document) {
    Walk walk = new Walk();
    NodeTraversor.filter(walk, document.body() == null ? document : document.body());
    walk.flush();
    List<Sighting> all = new ArrayList<>(walk.sightings);
    all.addAll(text.scan(walk.lines));
    return all;
  }

  /** The traversal state of one scan; not shared between scans. */
  private final class Walk implements NodeFilter {
    final List<Sighting> sightings = new ArrayList<>();
    final List<TextLine> lines = new ArrayList<>();
    private final StringBuilder line = new StringBuilder();
    private Reference.Scope lineScope = Reference.Scope.ARTICLE;
    private int linePosition = -1;
    private int position;
    /** Scopes of the elements seen so far; a parent is always visited before its children. */
    private final Map<Element, Reference.Scope> scopeOf = new IdentityHashMap<>();

    @Override
    public FilterResult head(Node node, int depth) {
      position++;
      if (node instanceof TextNode textNode) {
        appendText(textNode);
        return FilterResult.CONTINUE;
      }
      if (!(node instanceof Element element)) {
        return FilterResult.CONTINUE;
      }
      if (BLOCK_TAGS.contains(element.normalName())) {
        flush();
      }
      return visit(element);
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (node instanceof Element element && BLOCK_TAGS.contains(element.normalName())) {
        flush();
      }
      return FilterResult.CONTINUE;
    }

    private FilterResult visit(Element element) {
      String tag = element.normalName();
      if (tag.equals("script") || tag.equals("style") || tag.equals("template")) {
        return FilterResult.SKIP_ENTIRELY;
      }
      Element parent = element.parent();
      Reference.Scope parentScope = parent == null ? null : scopeOf.get(parent);
      Reference.Scope scope =
          parentScope == null ? scopes.classify(element) : scopes.classify(element, parentScope);
      scopeOf.put(element, scope);
      if (tag.equals("blockquote")) {
        Optional<Sighting> embed =
            embeds.blockquote(element, scope, position).or(() -> embeds.element(element, scope, position));
        if (embed.isPresent() && embed.get().form() == Reference.Form.BLOCKQUOTE) {
          sightings.add(embed.get());
          // The embed's own links and trailer belong to this one sighting: neither a LINK nor a REMNANT.
          return FilterResult.SKIP_ENTIRELY;
        }
      }
      if (tag.equals("a") && element.hasAttr("href")) {
        links.sighting(XEmbeds.href(element), Reference.Form.LINK, scope, position).ifPresent(sightings::add);
      }
      embeds.element(element, scope, position).ifPresent(sightings::add);
      sightings.addAll(encoded.sightings(element, scope, position));
      return FilterResult.CONTINUE;
    }

    private void appendText(TextNode node) {
      String s = node.getWholeText();
      if (s.isBlank()) {
        line.append(' ');
        return;
      }
      if (linePosition < 0) {
        linePosition = position;
        Element parent = node.parent();
        lineScope = parent == null ? Reference.Scope.ARTICLE : scopeOf.getOrDefault(parent, Reference.Scope.ARTICLE);
      }
      line.append(s);
    }

    void flush() {
      if (linePosition >= 0) {
        lines.add(new TextLine(line.toString(), lineScope, linePosition));
      }
      line.setLength(0);
      linePosition = -1;
    }
  }
}
