package org.embedwatch.read;

import static org.embedwatch.read.UnreadableInputException.unreadable;

import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.sax.ToXMLContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;
import org.xml.sax.SAXException;

/**
 * Converts a PDF or DOCX to XHTML with Apache Tika, so that both the text (where flattened embeds leave remnants) and
 * the hyperlinks (PDF link annotations, DOCX hyperlinks) reach the extractor. The text is cut off at a number of
 * characters. Embedded documents are not opened. Thread-safe.
 */
final class XhtmlConverter {
  private final Parser pdf = new PDFParser();
  private final Parser docx = new OOXMLParser();
  private final int maxChars;

  XhtmlConverter(long maxChars) {
    this.maxChars = (int) Math.min(Integer.MAX_VALUE - 8, maxChars);
  }

  /**
   * The XHTML of {@code bytes}, of type {@link ArticleReader#PDF} or {@link ArticleReader#DOCX}.
   *
   * @throws UnreadableInputException when Tika cannot read it, it is encrypted, or its text is too long
   */
  String toXhtml(byte[] bytes, String mediaType) {
    String what = mediaType.equals(ArticleReader.PDF) ? "PDF" : "DOCX";
    Parser parser = what.equals("PDF") ? pdf : docx;
    ParseContext context = new ParseContext();
    ToXMLContentHandler xhtml = new ToXMLContentHandler();
    Metadata metadata = new Metadata();
    metadata.set(Metadata.CONTENT_TYPE, mediaType);
    try (InputStream in = TikaInputStream.get(bytes)) {
      parser.parse(in, new WriteOutContentHandler(xhtml, maxChars, true, context), metadata, context);
      return xhtml.toString();
    } catch (EncryptedDocumentException e) {
      throw new UnreadableInputException("the " + what + " is encrypted", "give an unencrypted copy", e);
    } catch (TikaException | SAXException | IOException | RuntimeException e) {
      if (WriteLimitReachedException.isWriteLimitReached(e)) {
        throw unreadable("its text is longer than read.max-bytes (" + maxChars + " characters)",
            "raise it with --set read.max-bytes=N");
      }
      throw new UnreadableInputException("not a readable " + what + ": " + oneLine(e),
          "check that it opens; save it again or give the article's web page", e);
    }
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.replaceAll("\\s+", " ").strip();
    return m.length() > 200 ? m.substring(0, 197) + "..." : m;
  }
}
