package org.embedwatch.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;

/**
 * PDF and DOCX articles made in the test (PDFBox and POI come with the Tika parser modules), so no binary fixture is
 * committed: lines of text (Latin-1 only for the PDF's standard font) and one hyperlink.
 */
public final class Documents {
  private Documents() {}

  /** A one-page PDF with {@code lines} and a link annotation to {@code link} over the last line. */
  public static byte[] pdf(List<String> lines, String link) {
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
        text.beginText();
        text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        text.newLineAtOffset(72, 700);
        for (String line : lines) {
          text.showText(line);
          text.newLineAtOffset(0, -16);
        }
        text.endText();
      }
      PDAnnotationLink annotation = new PDAnnotationLink();
      annotation.setRectangle(new PDRectangle(72, 700 - 16 * lines.size(), 200, 14));
      PDActionURI action = new PDActionURI();
      action.setURI(link);
      annotation.setAction(action);
      page.getAnnotations().add(annotation);
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a test PDF", e);
    }
  }

  /** A DOCX with one paragraph per line and a last paragraph whose words {@code linkText} link to {@code link}. */
  public static byte[] docx(List<String> lines, String link, String linkText) {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (String line : lines) {
        doc.createParagraph().createRun().setText(line);
      }
      XWPFParagraph p = doc.createParagraph();
      p.createRun().setText("Source: ");
      p.createHyperlinkRun(link).setText(linkText);
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a test DOCX", e);
    }
  }
}
