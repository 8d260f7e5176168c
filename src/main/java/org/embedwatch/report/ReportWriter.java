package org.embedwatch.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes an {@link AuditReport} as Markdown, CSV (one row per reference) or JSON. */
public final class ReportWriter {
  private final ObjectMapper json;

  public ReportWriter(ObjectMapper json) {
    this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
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
        csv.printRecord(a.input(), a.sha256(), a.capturedAt(), c.platform(), c.postId(), c.handle(), c.url(),
            c.forms(), c.scope(), c.citedText(), c.citedDate(), c.displayName(), c.postState(), c.postReason(),
            p == null ? "remnant without a post id: not checked" : p.explanation(), firstSha);
      }
    }
    csv.flush();
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
