package org.embedwatch.report;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes an {@link AuditReport} as Markdown, CSV (one row per reference) or JSON. None of them lets outside text act:
 * Markdown as {@link MarkdownReport} says, CSV cells as {@link #cell}, and JSON with every character
 * {@link VisibleText#isHidden} names written as a {@code \}{@code uXXXX} escape (the same value once parsed).
 */
public final class ReportWriter {
  private final ObjectMapper json;

  public ReportWriter(ObjectMapper json) {
    this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    this.json.getFactory().setCharacterEscapes(new HiddenCharacterEscapes());
  }

  public void write(AuditReport report, ReportFormat format, Writer out) throws IOException {
    switch (format) {
      case JSON -> {
        json.writeValue(new NonClosingWriter(out), report);
        out.write("\n");
      }
      case CSV -> csv(report, out);
      case MD -> new MarkdownReport(report).write(out);
    }
    out.flush();
  }

  private static void csv(AuditReport report, Writer out) throws IOException {
    CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("article", "article_sha256",
        "article_captured_at", "platform", "post_id", "handle", "url", "forms", "scope", "cited_text", "cited_date",
        "display_name", "post_state", "post_reason", "explanation", "first_capture_sha256").get());
    java.util.Map<String, AuditReport.PostEntry> posts = new java.util.HashMap<>();
    report.posts().forEach(p -> posts.put(p.platform() + "/" + p.postId(), p));
    for (AuditReport.ArticleEntry a : report.articles()) {
      for (AuditReport.CitationEntry c : a.citations()) {
        AuditReport.PostEntry p = c.postId() == null ? null : posts.get(c.platform() + "/" + c.postId());
        String firstSha = p == null || p.captures().isEmpty() ? null : p.captures().get(0).bodySha256();
        csv.printRecord(java.util.stream.Stream.of(a.input(), a.sha256(), a.capturedAt(), c.platform(), c.postId(),
            c.handle(), c.url(), c.forms(), c.scope(), c.citedText(), c.citedDate(), c.displayName(), c.postState(),
            c.postReason(), p == null ? "remnant without a post id: not checked" : p.explanation(), firstSha)
            .map(ReportWriter::cell));
      }
    }
    csv.flush();
  }

  /**
   * A CSV cell no spreadsheet evaluates and no terminal acts on: hidden characters escaped ({@link VisibleText#of}),
   * and a cell that would start a formula ({@code =}, {@code +}, {@code -}, {@code @}, or a tab or carriage return)
   * prefixed with a single quote, as OWASP advises against CSV injection. The printer quotes what needs quoting.
   */
  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    String visible = VisibleText.of(value);
    return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + visible : visible;
  }

  /** JSON's own escapes, plus DEL, the C1 controls, U+2028/U+2029 and the bidi controls, which Jackson writes raw. */
  private static final class HiddenCharacterEscapes extends CharacterEscapes {
    private final int[] ascii = standardAsciiEscapesForJSON();

    HiddenCharacterEscapes() {
      ascii[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return VisibleText.isHidden(ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
    }
  }

  /** Keeps Jackson from closing the caller's writer (stdout). */
  private static final class NonClosingWriter extends java.io.FilterWriter {
    NonClosingWriter(Writer out) {
      super(out);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
