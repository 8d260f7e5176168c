package org.embedwatch.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * The links inside a blockquote that may be an embed, found by one walk of its content that does not enter nested
 * blockquotes: no embed code nests one, and the page walk looks at every blockquote itself, so each node is looked at
 * here once however deep blockquotes nest (searching every level below each level again was quadratic).
 *
 * @param links the {@code a[href]} elements outside nested blockquotes, in document order
 * @param wrapsBlockquote whether a blockquote sits inside (a class-less blockquote then is no flattened embed)
 */
record EmbedLinks(List<Element> links, boolean wrapsBlockquote) {

  /** More nodes than this and a blockquote is an article quote, not an embed (no embed code comes near). */
  static final int MAX_NODES = 5_000;

  EmbedLinks {
    links = List.copyOf(links);
  }

  /** The links inside {@code blockquote}; empty when it holds more than {@link #MAX_NODES} nodes outside nested ones. */
  static Optional<EmbedLinks> of(Element blockquote) {
    List<Element> links = new ArrayList<>();
    boolean[] wrapsBlockquote = {false};
    int[] nodes = {0};
    NodeTraversor.filter(
        new NodeFilter() {
          @Override
          public FilterResult head(Node node, int depth) {
            if (++nodes[0] > MAX_NODES) {
              return FilterResult.STOP;
            }
            if (node instanceof Element e && e != blockquote) {
              if (e.normalName().equals("a") && e.hasAttr("href")) {
                links.add(e);
              } else if (e.normalName().equals("blockquote")) {
                wrapsBlockquote[0] = true;
                return FilterResult.SKIP_ENTIRELY;
              }
            }
            return FilterResult.CONTINUE;
          }
        },
        blockquote);
    return nodes[0] > MAX_NODES ? Optional.empty() : Optional.of(new EmbedLinks(links, wrapsBlockquote[0]));
  }
}
