package org.embedwatch.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * One pass over a parsed HTML page, in document order: records embed, attribute, script and link sightings, and
 * collects the page text line by line (without the embeds already recognized) for the text scan.
 *
 * <p>Markup found inside the page (an embed kept in an attribute, an oEmbed object in a script, {@code <noscript>}
 * content that the parser kept as text) is parsed as a fragment and walked once more, one level deep only. The walk is
 * iterative ({@link NodeTraversor}), so no nesting depth can overflow the stack.
 */
final class HtmlArticleScanner {

  private static final Set<String> BLOCK_TAGS =
      Set.of(
          "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
          "tr", "td", "th", "table", "section", "article", "header", "footer", "aside", "nav", "main", "figure",
          "figcaption", "pre", "hr", "form", "body", "iframe", "noscript", "address", "details", "summary");

  private final XEmbeds embeds = new XEmbeds();
  private final PlatformEmbeds platformEmbeds = new PlatformEmbeds();
  private final PostLinks links = new PostLinks();
  private final TextScanner text = new TextScanner();
  private final EncodedEmbeds encoded = new EncodedEmbeds();
  private final ScriptEmbeds scripts = new ScriptEmbeds();
  private final TweetCards cards = new TweetCards();

  /**
   * What one scan found.
   *
   * @param sightings each one cites a post
   * @param mentions URLs of sighted posts seen again in scripts that are not oEmbed objects (page state, JSON-LD, analytics): they only
   *     add the {@code script} form to a post cited elsewhere, because scripts also carry other articles' posts
   */
  record Found(List<Sighting> sightings, List<Sighting> mentions) {}

  /** All sightings in {@code document}. */
  Found scan(Document document) {
    ScopeClassifier scopes = new ScopeClassifier();
    Walk walk = new Walk(scopes, Reference.Scope.ARTICLE, -1, new LinkTargets(document.baseUri()));
    Element head = document.head();
    // Of <head>, only <noscript> (kept as text by the parser) and oEmbed objects in scripts can cite a post.
    for (Element noscript : head.getElementsByTag("noscript")) {
      walk.sightings.addAll(rawNoscript(noscript, scopes, scopes.classify(noscript), 0));
    }
    for (Element script : head.getElementsByTag("script")) {
      walk.script(Walk.scriptText(script), Reference.Scope.ARTICLE);
    }
    NodeTraversor.filter(walk, document.body() == null ? document : document.body());
    walk.flush();
    List<Sighting> all = new ArrayList<>(walk.sightings);
    all.addAll(text.scan(walk.lines));
    return new Found(all, corroborations(all, walk.plainScripts));
  }

  /** A script that is not an oEmbed object, and where it sits in the page. */
  private record Script(String text, int position) {}

  /**
   * Mentions of the posts already sighted in the page's other scripts (page state, JSON-LD): each post id is looked
   * for with {@link String#indexOf}, and only the text around a hit is read as a URL, JSON/JavaScript escapes undone.
   * Costs nothing on pages that cite nothing, however large their scripts.
   */
  private List<Sighting> corroborations(List<Sighting> sightings, List<Script> scripts) {
    Set<String> ids = new LinkedHashSet<>();
    for (Sighting s : sightings) {
      if (s.postId() != null && s.postId().length() >= 5) {
        ids.add(s.postId());
      }
    }
    List<Sighting> mentions = new ArrayList<>();
    for (Script script : scripts) {
      for (String id : ids) {
        String bare = id.contains("/") ? id.substring(id.indexOf('/') + 1) : id; // Telegram's channel/n
        for (int at = script.text().indexOf(bare); at >= 0; at = script.text().indexOf(bare, at + 1)) {
          String around = script.text().substring(Math.max(0, at - 400), Math.min(script.text().length(), at + 200))
              .replace("\\/", "/").replace("\\u002F", "/").replace("\\u002f", "/");
          List<Sighting> found = new ArrayList<>();
          text.urls(around, Reference.Form.SCRIPT, Reference.Scope.PAGE, script.position(), found);
          found.removeIf(s -> !id.equals(s.postId()));
          if (!found.isEmpty()) {
            mentions.add(found.get(0));
            break;
          }
        }
      }
    }
    return mentions;
  }

  /** The sightings in embed markup found inside the page, all placed where the markup was found. */
  private List<Sighting> fragment(String markup, ScopeClassifier scopes, Reference.Scope scope, int position) {
    Document fragment = Jsoup.parseBodyFragment(markup);
    Walk walk = new Walk(scopes, scope, position, LinkTargets.none());
    NodeTraversor.filter(walk, fragment.body());
    return walk.sightings;
  }

  private List<Sighting> rawNoscript(Element noscript, ScopeClassifier scopes, Reference.Scope scope, int position) {
    if (noscript.childrenSize() > 0) {
      return List.of();
    }
    String raw = noscript.wholeText();
    return raw.indexOf('<') < 0 ? List.of() : fragment(raw, scopes, scope, position);
  }

  /** The traversal state of one scan; not shared between scans. */
  private final class Walk implements NodeFilter {
    final List<Sighting> sightings = new ArrayList<>();
    final List<Script> plainScripts = new ArrayList<>();
    final List<TextLine> lines = new ArrayList<>();
    private final ScopeClassifier scopes;
    private final LinkTargets targets;
    private final Reference.Scope rootScope;
    /** Whether this walks markup found inside the page: then everything sits at {@link #position}, and no deeper. */
    private final boolean nested;
    private final StringBuilder line = new StringBuilder();
    private Reference.Scope lineScope = Reference.Scope.ARTICLE;
    private int linePosition = -1;
    private int position;
    /** The scope of the element at each depth of the current path; a parent is always visited before its children. */
    private Reference.Scope[] scopeAt = new Reference.Scope[64];
    /** Whether the element at each depth of the current path ends a line of text (looked up once, at its head). */
    private boolean[] blockAt = new boolean[64];
    /** The depth of the tweet card ({@code .tweet}) the walk is inside, or -1: a {@code .tweet} in it is no card. */
    private int cardAt = -1;
    /** The depth of the outermost {@code article} or {@code main} element the walk is inside, or -1. */
    private int articleAt = -1;

    Walk(ScopeClassifier scopes, Reference.Scope rootScope, int fixedPosition, LinkTargets targets) {
      this.scopes = scopes;
      this.rootScope = rootScope;
      this.targets = targets;
      this.nested = fixedPosition >= 0;
      this.position = Math.max(fixedPosition, 0);
    }

    @Override
    public FilterResult head(Node node, int depth) {
      if (!nested) {
        position++;
      }
      if (node instanceof TextNode textNode) {
        appendText(textNode, depth);
        return FilterResult.CONTINUE;
      }
      if (!(node instanceof Element element)) {
        return FilterResult.CONTINUE;
      }
      boolean block = BLOCK_TAGS.contains(element.normalName());
      if (block) {
        flush();
      }
      FilterResult result = visit(element, depth);
      blockAt[depth] = block;
      return result;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (node instanceof Element && blockAt[depth]) {
        flush();
      }
      return FilterResult.CONTINUE;
    }

    private FilterResult visit(Element element, int depth) {
      String tag = element.normalName();
      if (articleAt >= depth) {
        articleAt = -1; // the walk has left the article
      }
      Reference.Scope scope =
          scopes.classify(element, depth == 0 ? rootScope : scopeAt[depth - 1], articleAt >= 0);
      if (articleAt < 0 && ScopeClassifier.holdsArticle(element)) {
        articleAt = depth;
      }
      if (depth >= scopeAt.length) {
        scopeAt = Arrays.copyOf(scopeAt, Math.max(depth + 1, scopeAt.length * 2));
        blockAt = Arrays.copyOf(blockAt, scopeAt.length);
      }
      scopeAt[depth] = scope;
      switch (tag) {
        case "script" -> {
          platformEmbeds.element(element, scope, position).ifPresent(sightings::add);
          if (!nested) {
            script(scriptText(element), scope);
          }
          return FilterResult.SKIP_ENTIRELY;
        }
        case "style", "template" -> {
          return FilterResult.SKIP_ENTIRELY;
        }
        case "noscript" -> {
          if (!nested && element.childrenSize() == 0) {
            sightings.addAll(rawNoscript(element, scopes, scope, position));
            return FilterResult.SKIP_ENTIRELY;
          }
        }
        case "blockquote" -> {
          Optional<EmbedLinks> content = EmbedLinks.of(element);
          Optional<Sighting> embed =
              content.flatMap(c -> embeds.blockquote(element, c, scope, position)
                  .or(() -> platformEmbeds.blockquote(element, c, scope, position)));
          if (embed.isPresent()) {
            sightings.add(embed.get());
            // The embed's own links and trailer belong to this one sighting: neither a LINK nor a REMNANT.
            return FilterResult.SKIP_ENTIRELY;
          }
        }
        case "a" -> {
          String target = element.hasAttr("href") ? targets.resolve(element.attr("href")) : null;
          if (target != null) {
            links.sighting(target, Reference.Form.LINK, scope, position).ifPresent(sightings::add);
          }
        }
        default -> {
          // Every other element is looked at below.
        }
      }
      if (element.attributesSize() == 0) {
        return FilterResult.CONTINUE;
      }
      if (cardAt >= depth) {
        cardAt = -1; // the walk has left the card
      }
      if (cardAt < 0 && TweetCards.isCardClass(element)) {
        cardAt = depth;
        cards.card(element, scope, position).ifPresent(sightings::add);
      }
      if (onlyLayoutAttributes(element) && !tag.equals("iframe")) {
        return FilterResult.CONTINUE; // most elements: nothing below reads class, id or style alone
      }
      Optional<Sighting> embed = embeds.element(element, scope, position);
      if (embed.isEmpty() && !tag.equals("blockquote")) { // a blockquote was looked at above
        embed = platformEmbeds.element(element, scope, position);
      }
      embed.ifPresent(sightings::add);
      List<String> markups = nested ? List.of() : encoded.markups(element);
      if (!markups.isEmpty()) {
        // One parse for all of an element's markups (CMSs keep one embed in two encodings); each in its own <div>, whose
        // end tag closes whatever a markup left open.
        String joined = "<div>" + String.join("</div><div>", markups) + "</div>";
        for (Sighting s : fragment(joined, scopes, scope, position)) {
          sightings.add(s.as(Reference.Form.ATTRIBUTE, scope, position));
        }
      }
      return FilterResult.CONTINUE;
    }

    /** The oEmbed objects of a script; a script without any is kept for {@link #corroborations}. */
    private void script(String script, Reference.Scope scope) {
      if (!oEmbeds(script, scope)) {
        plainScripts.add(new Script(script, position));
      }
    }

    /**
     * The posts of the oEmbed objects in a script: the {@code "url"} values, and the embeds of the {@code "html"} values
     * that show one of those posts (with their quoted text).
     */
    private boolean oEmbeds(String script, Reference.Scope scope) {
      ScriptEmbeds.OEmbeds found = scripts.find(script);
      if (found.isEmpty()) {
        return false;
      }
      Set<String> named = new HashSet<>();
      for (String url : found.urls()) {
        Optional<Sighting> post = links.sighting(url, Reference.Form.SCRIPT, scope, position);
        post.ifPresent(sightings::add);
        post.ifPresent(p -> named.add(p.platform() + " " + p.postId()));
      }
      for (String markup : found.markups()) {
        for (Sighting s : fragment(markup, scopes, scope, position)) {
          if (named.contains(s.platform() + " " + s.postId())) {
            sightings.add(s.as(Reference.Form.SCRIPT, scope, position));
          }
        }
      }
      return true;
    }

    /**
     * Whether the element's attributes are only {@code class}, {@code id} and {@code style}: counted with key lookups,
     * because iterating jsoup attributes builds an object per attribute, for every element of the page.
     */
    private static boolean onlyLayoutAttributes(Element element) {
      org.jsoup.nodes.Attributes attributes = element.attributes();
      int layout = (attributes.hasKey("class") ? 1 : 0) + (attributes.hasKey("id") ? 1 : 0)
          + (attributes.hasKey("style") ? 1 : 0);
      return attributes.size() == layout;
    }

    /** The script's text; the parser keeps it as one data node, read without a copy. */
    private static String scriptText(Element script) {
      if (script.childNodeSize() == 1 && script.childNode(0) instanceof DataNode data) {
        return data.getWholeData();
      }
      return script.data();
    }

    private void appendText(TextNode node, int depth) {
      if (nested) {
        return;
      }
      String s = node.getWholeText();
      if (s.isBlank()) {
        line.append(' ');
        return;
      }
      if (linePosition < 0) {
        linePosition = position;
        lineScope = depth == 0 ? rootScope : scopeAt[depth - 1];
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
