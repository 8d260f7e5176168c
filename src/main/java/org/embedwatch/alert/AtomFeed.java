package org.embedwatch.alert;

import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.embedwatch.report.VisibleText;
import org.embedwatch.store.StoredAlert;

/**
 * An Atom 1.0 feed (RFC 4287) of alerts, newest first. Text from outside (summaries, handles, URLs) is escaped by the
 * XML writer; characters XML 1.0 cannot hold at all (C0 controls, lone surrogates) and those that reorder or hide text
 * are written as visible escapes ({@code \u001b}), so the feed always parses.
 */
final class AtomFeed {
  private static final String ATOM = "http://www.w3.org/2005/Atom";

  private AtomFeed() {}

  /** Writes the feed {@code feedId} of {@code alerts} (newest first) to {@code out}, as UTF-8. */
  static void write(OutputStream out, String feedId, List<StoredAlert> alerts, Instant now) throws XMLStreamException {
    XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
    x.writeStartDocument("UTF-8", "1.0");
    x.writeCharacters("\n");
    x.setDefaultNamespace(ATOM);
    x.writeStartElement(ATOM, "feed");
    x.writeDefaultNamespace(ATOM);
    element(x, "id", feedId);
    element(x, "title", "Embedwatch alerts");
    element(x, "subtitle", "Deletions, alterations and citation problems of social-media posts cited in articles,"
        + " as observed by Embedwatch");
    element(x, "updated", (alerts.isEmpty() ? now : alerts.get(0).firstSeen()).toString());
    x.writeStartElement("author");
    element(x, "name", "Embedwatch");
    x.writeEndElement();
    element(x, "generator", org.embedwatch.App.SOFTWARE);
    for (StoredAlert a : alerts) {
      entry(x, a);
    }
    x.writeEndElement();
    x.writeEndDocument();
    x.flush();
    x.close();
  }

  private static void entry(XMLStreamWriter x, StoredAlert a) throws XMLStreamException {
    x.writeStartElement("entry");
    element(x, "id", "urn:embedwatch:alert:" + a.id());
    element(x, "title", title(a));
    element(x, "updated", a.firstSeen().toString());
    x.writeEmptyElement("category");
    x.writeAttribute("term", a.kind().key());
    String link = a.post() != null ? a.post().url() : a.articles().isEmpty() ? null : a.articles().get(0);
    if (link != null && (link.startsWith("https://") || link.startsWith("http://"))) {
      x.writeEmptyElement("link");
      x.writeAttribute("rel", "alternate");
      x.writeAttribute("href", safe(link));
    }
    StringBuilder summary = new StringBuilder(a.summary());
    if (!a.articles().isEmpty()) {
      summary.append(" Cited in: ").append(String.join(", ", a.articles())).append('.');
    }
    x.writeStartElement("summary");
    x.writeAttribute("type", "text");
    x.writeCharacters(safe(summary.toString()));
    x.writeEndElement();
    x.writeEndElement();
  }

  /** {@code CONFIRMED_UNAVAILABLE (deleted): x 123 @handle}, or the kind and the article for an article's drift. */
  static String title(StoredAlert a) {
    String kind = a.kind().name() + (a.reason() == null ? "" : " (" + a.reason().toLowerCase(java.util.Locale.ROOT)
        + ")");
    if (a.post() == null) {
      return kind + (a.articles().isEmpty() ? "" : ": " + a.articles().get(0));
    }
    return kind + ": " + a.post().platform().key() + " " + a.post().postId()
        + (a.post().handle() == null ? "" : " @" + a.post().handle());
  }

  private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
    x.writeStartElement(name);
    x.writeCharacters(safe(text));
    x.writeEndElement();
  }

  /** {@code s} with hidden characters as visible escapes and lone surrogates as U+FFFD: always valid XML 1.0 text. */
  static String safe(String s) {
    String visible = VisibleText.of(s);
    StringBuilder out = new StringBuilder(visible.length());
    for (int i = 0; i < visible.length(); i++) {
      char c = visible.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < visible.length() && Character.isLowSurrogate(visible.charAt(i + 1))) {
        out.append(c).append(visible.charAt(++i));
      } else if (Character.isSurrogate(c) || c == 0xfffe || c == 0xffff) {
        out.append('\ufffd');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
