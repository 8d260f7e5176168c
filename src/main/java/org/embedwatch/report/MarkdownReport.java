package org.embedwatch.report;

import java.io.IOException;
import java.io.Writer;
import org.embedwatch.evidence.PostState;

/** The Markdown rendering of an {@link AuditReport}: findings first, then articles, then each post's evidence. */
final class MarkdownReport {
  private final AuditReport report;

  MarkdownReport(AuditReport report) {
    this.report = report;
  }

  void write(Writer out) throws IOException {
    out.write("# Embedwatch audit report\n\nGenerated " + report.generatedAt() + ". " + report.articles().size()
        + " article capture(s), " + report.posts().size() + " post(s).\n\n");
    out.write("## Findings\n\n");
    long flagged = report.posts().stream().filter(MarkdownReport::flagged).count();
    if (flagged == 0 && report.findings().isEmpty()) {
      out.write("No post is flagged.\n\n");
    }
    for (AuditReport.FindingEntry f : report.findings()) {
      out.write("- **" + f.kind() + "** " + (f.post() == null ? "" : f.post() + " ")
          + (f.article() == null ? "" : "in " + cell(f.article()) + " ") + "(first seen " + f.firstSeen() + "): "
          + cell(f.summary()) + "\n");
      if (f.detail() != null) {
        out.write("\n  ```\n" + f.detail().indent(2).stripTrailing() + "\n  ```\n\n");
      }
    }
    for (AuditReport.PostEntry p : report.posts()) {
      if (flagged(p)) {
        out.write("- **" + p.state().toUpperCase(java.util.Locale.ROOT)
            + (p.reason() == null ? "" : " (" + p.reason() + ")") + "** " + p.url() + ": " + p.explanation()
            + "\n");
      }
    }
    out.write("\n## Articles\n\n");
    for (AuditReport.ArticleEntry a : report.articles()) {
      out.write("### " + cell(a.input()) + "\n\nCaptured " + a.capturedAt() + ", " + a.mediaType() + " ("
          + a.charset() + "), " + a.bytes() + " bytes, SHA-256 `" + a.sha256() + "`.\n\n");
      if (a.citations().isEmpty()) {
        out.write("No references found.\n\n");
        continue;
      }
      out.write("| platform | post | handle | forms | scope | state | as cited |\n|---|---|---|---|---|---|---|\n");
      for (AuditReport.CitationEntry c : a.citations()) {
        out.write("| " + c.platform() + " | " + cell(c.postId() == null ? "(no id)" : c.postId()) + " | "
            + cell(c.handle()) + " | " + c.forms() + " | " + c.scope() + " | " + c.postState()
            + (c.postReason() == null ? "" : " (" + c.postReason() + ")") + " | "
            + cell(citation(c)) + " |\n");
      }
      out.write("\n");
    }
    out.write("## Posts\n\n");
    for (AuditReport.PostEntry p : report.posts()) {
      out.write("### " + p.platform() + " " + p.postId() + (p.handle() == null ? "" : " @" + p.handle()) + "\n\n");
      out.write("- URL: " + p.url() + "\n- State: **" + p.state() + "**"
          + (p.reason() == null ? "" : " (" + p.reason() + ")")
          + (p.stateSince() == null ? "" : " since " + p.stateSince()) + "\n- Evidence: " + p.explanation()
          + "\n- Checks: " + p.checks() + "\n");
      for (AuditReport.HistoryEntry h : p.history()) {
        out.write("- " + h.since() + ": " + h.state() + (h.reason() == null ? "" : " (" + h.reason() + ")") + "\n");
      }
      for (AuditReport.LinkEntry l : p.links()) {
        out.write("- " + l.describe() + "\n");
      }
      for (AuditReport.CaptureEntry c : p.captures()) {
        out.write("- Capture " + c.capturedAt() + " via " + c.endpoint() + ": body SHA-256 `" + c.bodySha256()
            + "`, text: " + cell(c.text()) + "\n");
        for (AuditReport.MediaEntry m : c.media()) {
          out.write("  - " + m.kind() + " " + m.outcome() + (m.sha256() == null ? "" : " `" + m.sha256() + "` "
              + m.contentType() + ", " + m.bytes() + " bytes") + "\n");
        }
      }
      out.write("\n");
    }
  }

  private static boolean flagged(AuditReport.PostEntry p) {
    return PostState.valueOf(p.state().toUpperCase(java.util.Locale.ROOT)).unavailable()
        || p.state().equals(PostState.ALTERED.key()) || p.state().equals(PostState.REAPPEARED.key());
  }

  private static String citation(AuditReport.CitationEntry c) {
    StringBuilder sb = new StringBuilder();
    if (c.citedText() != null) {
      sb.append('"').append(c.citedText()).append('"');
    }
    if (c.displayName() != null || c.citedDate() != null) {
      sb.append(" — ").append(c.displayName() == null ? "" : c.displayName())
          .append(c.citedDate() == null ? "" : ", " + c.citedDate());
    }
    return sb.toString();
  }

  private static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }
}
