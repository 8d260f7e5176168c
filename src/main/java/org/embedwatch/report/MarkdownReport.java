package org.embedwatch.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.regex.Pattern;
import org.embedwatch.evidence.PostState;

/**
 * The Markdown rendering of an {@link AuditReport}: findings first, then articles, then each post's evidence. Every
 * value from outside (post text, handles, names, URLs, article inputs, explanations and details quoting a server) is
 * inert: one line, control characters escaped ({@link VisibleText}), each character Markdown or HTML acts on
 * backslash-escaped, and a {@code javascript:}, {@code vbscript:} or {@code data:} scheme broken; a detail goes into
 * a code fence longer than any run of backticks in it. No raw HTML is ever written.
 */
final class MarkdownReport {
  /** The characters that start emphasis, code, links, images, HTML, tables, headings, entities or math. */
  private static final String SPECIAL = "\\`*_[]<>|#~&$";
  private static final Pattern SCRIPT_SCHEME = Pattern.compile("(?i)(javascript|vbscript|data)(\\s*):");
  /** An http(s) URL shown as it is (and linked by viewers): nothing in it can start Markdown or HTML. */
  private static final Pattern PLAIN_URL = Pattern.compile("https?://[^\\s<>\\[\\]()`*|\\\\\"'$]+",
      Pattern.CASE_INSENSITIVE);
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
      out.write("- **" + f.kind() + "** " + (f.post() == null ? "" : md(f.post()) + " ")
          + (f.article() == null ? "" : "in " + url(f.article()) + " ") + "(first seen " + f.firstSeen() + "): "
          + md(f.summary()) + "\n");
      if (f.detail() != null) {
        out.write("\n" + fenced(f.detail()) + "\n");
      }
    }
    for (AuditReport.PostEntry p : report.posts()) {
      if (flagged(p)) {
        out.write("- **" + p.state().toUpperCase(Locale.ROOT)
            + (p.reason() == null ? "" : " (" + p.reason() + ")") + "** " + url(p.url()) + ": "
            + md(p.explanation()) + "\n");
      }
    }
    out.write("\n## Articles\n\n");
    for (AuditReport.ArticleEntry a : report.articles()) {
      out.write("### " + url(a.input()) + "\n\nCaptured " + a.capturedAt() + ", " + md(a.mediaType()) + " ("
          + md(a.charset()) + "), " + a.bytes() + " bytes, SHA-256 `" + a.sha256() + "`.\n\n");
      if (a.citations().isEmpty()) {
        out.write("No references found.\n\n");
        continue;
      }
      out.write("| platform | post | handle | forms | scope | state | as cited |\n|---|---|---|---|---|---|---|\n");
      for (AuditReport.CitationEntry c : a.citations()) {
        out.write("| " + c.platform() + " | " + (c.postId() == null ? "(no id)" : md(c.postId())) + " | "
            + md(c.handle()) + " | " + c.forms() + " | " + c.scope() + " | " + c.postState()
            + (c.postReason() == null ? "" : " (" + c.postReason() + ")") + " | "
            + citation(c) + " |\n");
      }
      out.write("\n");
    }
    out.write("## Posts\n\n");
    for (AuditReport.PostEntry p : report.posts()) {
      post(p, out);
    }
  }

  private static void post(AuditReport.PostEntry p, Writer out) throws IOException {
    out.write("### " + p.platform() + " " + md(p.postId()) + (p.handle() == null ? "" : " @" + md(p.handle()))
        + "\n\n");
    out.write("- URL: " + url(p.url()) + "\n- State: **" + p.state() + "**"
        + (p.reason() == null ? "" : " (" + p.reason() + ")")
        + (p.stateSince() == null ? "" : " since " + p.stateSince()) + "\n- Evidence: " + md(p.explanation())
        + "\n- Checks: " + p.checks() + "\n");
    for (AuditReport.HistoryEntry h : p.history()) {
      out.write("- " + h.since() + ": " + h.state() + (h.reason() == null ? "" : " (" + h.reason() + ")") + "\n");
    }
    for (AuditReport.LinkEntry l : p.links()) {
      out.write("- " + md(l.describe()) + "\n");
    }
    for (AuditReport.CaptureEntry c : p.captures()) {
      out.write("- Capture " + c.capturedAt() + " via " + md(c.endpoint()) + ": body SHA-256 `" + c.bodySha256()
          + "`, text: " + md(c.text()) + "\n");
      for (AuditReport.MediaEntry m : c.media()) {
        out.write("  - " + md(m.kind()) + " " + md(m.outcome()) + (m.sha256() == null ? "" : " `" + m.sha256()
            + "` " + md(m.contentType()) + ", " + m.bytes() + " bytes") + "\n");
      }
    }
    out.write("\n");
  }

  private static boolean flagged(AuditReport.PostEntry p) {
    return PostState.valueOf(p.state().toUpperCase(Locale.ROOT)).unavailable()
        || p.state().equals(PostState.ALTERED.key()) || p.state().equals(PostState.REAPPEARED.key());
  }

  private static String citation(AuditReport.CitationEntry c) {
    StringBuilder sb = new StringBuilder();
    if (c.citedText() != null) {
      sb.append('"').append(md(c.citedText())).append('"');
    }
    if (c.displayName() != null || c.citedDate() != null) {
      sb.append(" — ").append(md(c.displayName()))
          .append(c.citedDate() == null ? "" : ", " + md(c.citedDate()));
    }
    return sb.toString();
  }

  /**
   * Outside text as inert Markdown on one line, also inside a table cell: hidden characters escaped, Markdown's and
   * HTML's characters backslash-escaped, script schemes broken ({@code javascript\:}). Null is empty.
   */
  static String md(String s) {
    if (s == null) {
      return "";
    }
    String visible = VisibleText.of(s);
    StringBuilder sb = new StringBuilder(visible.length() + 16);
    for (int i = 0; i < visible.length(); i++) {
      char c = visible.charAt(i);
      if (SPECIAL.indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return SCRIPT_SCHEME.matcher(sb).replaceAll("$1$2\\\\:");
  }

  /** An http(s) URL without anything Markdown or HTML would act on, as it is; anything else as {@link #md}. */
  static String url(String s) {
    return s != null && PLAIN_URL.matcher(s).matches() && s.chars().noneMatch(VisibleText::isHidden) ? s : md(s);
  }

  /**
   * A detail in a code fence, indented for its list item: its lines kept, their hidden characters escaped, and the
   * fence one backtick longer than the longest run of backticks inside, so that nothing in it can close the fence.
   */
  static String fenced(String detail) {
    String text = VisibleText.lines(detail);
    int longest = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = text.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(Math.max(3, longest + 1));
    return "  " + fence + "\n" + text.indent(2).stripTrailing() + "\n  " + fence + "\n";
  }
}
