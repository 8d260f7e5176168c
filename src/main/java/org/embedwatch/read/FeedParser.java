package org.embedwatch.read;

import static org.embedwatch.read.UnreadableInputException.unreadable;
import static org.embedwatch.read.UnreadableInputException.unsupported;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the addresses an RSS (0.9x, 1.0, 2.0) or Atom feed, an XML sitemap or a sitemap index lists, with the JDK's
 * streaming parser and DTDs and external entities switched off: an entity declared in a DOCTYPE is never expanded,
 * so XXE and "billion laughs" documents end as not well-formed. Streaming keeps deep nesting cheap. Thread-safe.
 */
final class FeedParser {
  private static final String ATOM_NS = "http://www.w3.org/2005/Atom";
  private static final String RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  private static final String REMEDY = "fix the feed or sitemap, or give its articles directly";

  /**
   * What a feed or sitemap lists.
   *
   * @param links the addresses, as written (maybe relative), in document order
   * @param withoutLink items or entries that gave no address
   */
  record Links(InputItem.Container container, List<String> links, int withoutLink) {
    Links {
      links = List.copyOf(links);
    }
  }

  /** True for the XML types a feed or sitemap is detected as (XHTML is an article, not a feed). */
  static boolean isXml(String mediaType) {
    return mediaType.equals("application/xml") || mediaType.equals("text/xml")
        || mediaType.endsWith("+xml") && !mediaType.equals("application/xhtml+xml");
  }

  /**
   * True when {@code bytes} are XML whose root is a feed's or a sitemap's, for text that Tika calls plain: a feed
   * without an XML declaration, given without a name or served as {@code text/plain}. Reads only up to the root.
   */
  boolean hasFeedRoot(byte[] bytes) {
    int i = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf
        ? 3 : 0;
    while (i < bytes.length && Character.isWhitespace(bytes[i])) {
      i++;
    }
    if (i >= bytes.length || bytes[i] != '<') {
      return false;
    }
    XMLStreamReader r = null;
    try {
      r = factory().createXMLStreamReader(new ByteArrayInputStream(bytes));
      while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
        // prolog
      }
      return r.isStartElement() && Format.of(r.getLocalName(), ns(r)) != null;
    } catch (XMLStreamException e) {
      return false;
    } finally {
      close(r);
    }
  }

  /**
   * The links of {@code bytes}.
   *
   * @param mediaType the detected type, for the message when this XML is neither a feed nor a sitemap
   * @throws UnreadableInputException when the XML is not well-formed (unreadable) or has another root (unsupported)
   */
  Links parse(byte[] bytes, String mediaType) {
    XMLStreamReader r = null;
    try {
      r = factory().createXMLStreamReader(new ByteArrayInputStream(bytes));
      while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
        // prolog: declaration, comments, an (unprocessed) DOCTYPE
      }
      if (!r.isStartElement()) {
        throw unreadable("XML without a root element", REMEDY);
      }
      Format format = Format.of(r.getLocalName(), ns(r));
      if (format == null) {
        throw unsupported(mediaType + " with root element <" + r.getLocalName() + ">, not an RSS or Atom feed"
            + " or a sitemap", "give an HTML, text, PDF or DOCX article, a feed or a sitemap");
      }
      return links(r, format);
    } catch (XMLStreamException e) {
      String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ").strip();
      throw new UnreadableInputException("not well-formed XML: " + message, REMEDY, e);
    } finally {
      close(r);
    }
  }

  private static Links links(XMLStreamReader r, Format format) throws XMLStreamException {
    List<String> links = new ArrayList<>();
    int withoutLink = 0;
    int depth = 1;
    int itemDepth = -1;
    String itemNs = null;
    String link = null;
    String fallback = null;
    while (r.hasNext()) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        String name = r.getLocalName();
        if (itemDepth < 0 && name.equals(format.item) && format.isItemNamespace(ns(r))) {
          itemDepth = depth;
          itemNs = ns(r);
          link = null;
          fallback = format == Format.RDF ? r.getAttributeValue(RDF_NS, "about") : null;
        } else if (itemDepth > 0 && depth == itemDepth + 1 && ns(r).equals(itemNs)) {
          if (format == Format.ATOM && name.equals("link")) {
            String rel = r.getAttributeValue(null, "rel");
            if (link == null && (rel == null || rel.equals("alternate"))) {
              link = r.getAttributeValue(null, "href");
            }
          } else if (format != Format.ATOM && name.equals(format.link)) {
            String text = r.getElementText().strip();
            depth--;
            link = link == null ? text : link;
          } else if (format == Format.RSS && name.equals("guid")) {
            boolean permalink = !"false".equals(r.getAttributeValue(null, "isPermaLink"));
            String text = r.getElementText().strip();
            depth--;
            fallback = permalink ? text : fallback;
          }
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        if (depth == itemDepth) {
          String found = link != null && !link.isBlank() ? link : fallback;
          if (found == null || found.isBlank()) {
            withoutLink++;
          } else {
            links.add(found.strip());
          }
          itemDepth = -1;
        }
        depth--;
      }
    }
    return new Links(format.container, links, withoutLink);
  }

  private static String ns(XMLStreamReader r) {
    String ns = r.getNamespaceURI();
    return ns == null ? "" : ns;
  }

  private static XMLInputFactory factory() {
    // The JDK's own implementation, whatever else is on the class path, so these settings are known to hold.
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }

  private static void close(XMLStreamReader r) {
    if (r == null) {
      return;
    }
    try {
      r.close();
    } catch (XMLStreamException ignored) {
      // Closing a reader over a byte array releases nothing that could fail.
    }
  }

  /** The document formats, by root element: which element is an item and which child holds its address. */
  private enum Format {
    RSS(InputItem.Container.RSS_FEED, "item", "link"),
    RDF(InputItem.Container.RSS_FEED, "item", "link"),
    ATOM(InputItem.Container.ATOM_FEED, "entry", "link"),
    SITEMAP(InputItem.Container.SITEMAP, "url", "loc"),
    SITEMAP_INDEX(InputItem.Container.SITEMAP_INDEX, "sitemap", "loc");

    final InputItem.Container container;
    final String item;
    final String link;

    Format(InputItem.Container container, String item, String link) {
      this.container = container;
      this.item = item;
      this.link = link;
    }

    static Format of(String root, String ns) {
      return switch (root) {
        case "rss" -> RSS;
        case "RDF" -> ns.equals(RDF_NS) ? RDF : null;
        case "feed" -> ns.equals(ATOM_NS) ? ATOM : null;
        case "urlset" -> SITEMAP;
        case "sitemapindex" -> SITEMAP_INDEX;
        default -> null;
      };
    }

    boolean isItemNamespace(String ns) {
      return switch (this) {
        case RSS -> ns.isEmpty();
        case RDF -> !ns.equals(RDF_NS);
        case ATOM -> ns.equals(ATOM_NS);
        case SITEMAP, SITEMAP_INDEX -> true;
      };
    }
  }
}
