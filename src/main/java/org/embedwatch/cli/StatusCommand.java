package org.embedwatch.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.embedwatch.App;
import org.embedwatch.ReadOnlyEvidence;
import org.embedwatch.EmbedwatchException;
import org.embedwatch.extract.StatusUrls;
import org.embedwatch.report.AuditReport;
import org.embedwatch.report.AuditReportBuilder;
import org.embedwatch.report.VisibleText;
import org.embedwatch.evidence.MementoRecord;
import org.embedwatch.evidence.PostRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code status}: every post's state, or one post's evidence in full. What came from outside (ids, handles, URLs,
 * explanations quoting servers, findings) is shown through {@link VisibleText}, one value on its line.
 */
@Command(name = "status", description = "Show every post's state, or one post's evidence.")
final class StatusCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "POST", description = "A post URL or id.")
  String post;

  @Override
  public Integer call() {
    PrintWriter out = Main.out(spec);
    try (ReadOnlyEvidence app = App.openReadOnly(main.settings(), main.clock())) {
      AuditReportBuilder builder = new AuditReportBuilder(app.evidence(), app.clock());
      if (post == null) {
        var posts = app.evidence().posts();
        for (PostRecord p : posts) {
          out.println(p.platform().key() + " " + VisibleText.of(p.postId())
              + (p.handle() == null ? "" : " @" + VisibleText.of(p.handle())) + "  "
              + p.state().name() + (p.reason() == null ? "" : " (" + p.reason().key() + ")")
              + (p.lastCheckedAt() == null ? "" : "  last checked " + p.lastCheckedAt()));
        }
        out.println(posts.size() + (posts.size() == 1 ? " post" : " posts"));
        out.flush();
        return 0;
      }
      String key = StatusUrls.parse(post.trim()).map(StatusUrls.XStatus::id).orElse(post.trim());
      PostRecord p = app.evidence().findPost(key).orElseThrow(() -> new EmbedwatchException(
          "no stored post matches '" + post + "' (give a post id or URL as `status` lists them)"));
      print(out, builder.post(p));
      mementos(out, app.evidence().mementos(p.id()));
      return 0;
    }
  }

  /** One or two lines: how many captures the Wayback Machine lists, the earliest and the latest. */
  private static void mementos(PrintWriter out, List<MementoRecord> mementos) {
    if (mementos.isEmpty()) {
      out.println("  wayback: no mementos stored");
    } else {
      var first = mementos.get(0).memento();
      var last = mementos.get(mementos.size() - 1).memento();
      out.println("  wayback: " + mementos.size() + (mementos.size() == 1 ? " memento, " : " mementos, ")
          + first.at() + (mementos.size() == 1 ? "" : " .. " + last.at()));
      out.println("    " + VisibleText.of(String.valueOf(first.uri()))
          + (mementos.size() == 1 ? "" : "  …  " + VisibleText.of(String.valueOf(last.uri()))));
    }
    out.flush();
  }

  private static void print(PrintWriter out, AuditReport.PostEntry e) {
    out.println(e.platform() + " " + VisibleText.of(e.postId()) + (e.handle() == null ? "" : " @"
        + VisibleText.of(e.handle())) + " — " + VisibleText.of(e.url()));
    out.println("state: " + e.state().toUpperCase(java.util.Locale.ROOT)
        + (e.reason() == null ? "" : " (" + e.reason() + ")") + (e.stateSince() == null ? "" : " since "
        + e.stateSince()));
    out.println(VisibleText.of(e.explanation()) + ".");
    for (AuditReport.HistoryEntry h : e.history()) {
      out.println("  " + h.since() + "  " + h.state() + (h.reason() == null ? "" : " (" + h.reason() + ")"));
    }
    for (AuditReport.FindingEntry f : e.findings()) {
      out.println("  " + f.kind() + " first seen " + f.firstSeen() + ": " + VisibleText.of(f.summary()));
      if (f.detail() != null) {
        f.detail().lines().forEach(line -> out.println("    " + VisibleText.of(line)));
      }
    }
    for (AuditReport.LinkEntry l : e.links()) {
      out.println("  " + VisibleText.of(l.describe()));
    }
    for (AuditReport.CaptureEntry c : e.captures()) {
      out.println("  capture " + c.capturedAt() + " via " + VisibleText.of(c.endpoint()) + " sha256 " + c.bodySha256());
      for (AuditReport.MediaEntry m : c.media()) {
        out.println("    " + m.kind() + " " + m.outcome() + (m.sha256() == null ? "" : " sha256 " + m.sha256() + " "
            + VisibleText.of(m.contentType())));
      }
    }
    out.flush();
  }
}
