package org.embedwatch.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.embedwatch.App;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.PostState;
import org.embedwatch.capture.CheckResult;
import org.embedwatch.evidence.PostRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code check}: re-checks posts that are due (or all), recording one observation per endpoint. */
@Command(name = "check", description = "Re-check posts that are due (or --all) and flag changes.")
final class CheckCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--all", description = "Check every post, not only those due.")
  boolean all;

  @Override
  public Integer call() {
    try (App app = App.open(main.settings(), main.clock(), main.sleeper())) {
      return run(app, all, Main.out(spec)) == 0 ? 0 : CliErrorHandler.OPERATIONAL;
    }
  }

  /**
   * Checks due (or all) posts, printing one line per post and a summary.
   *
   * @return how many posts could not be checked (each printed as such; the others were checked)
   */
  static int run(App app, boolean all, PrintWriter out) {
    List<PostRecord> candidates = all ? app.evidence().posts() : app.evidence().duePosts(app.clock().instant());
    List<PostRecord> posts = candidates.stream().filter(p -> app.checker().supports(p.platform())).toList();
    java.util.Map<String, Long> skipped = new java.util.TreeMap<>();
    candidates.stream().filter(p -> !app.checker().supports(p.platform()))
        .forEach(p -> skipped.merge(p.platform().key(), 1L, Long::sum));
    int[] checked = {0};
    int[] flagged = {0};
    int[] unreachable = {0};
    int[] failed = {0};
    app.checker().checkAll(posts, result -> {
      PostRecord post = result.post();
      if (result.failed()) {
        failed[0]++;
        out.println(CaptureLines.related(result) + ": " + CaptureLines.failed(result));
        out.flush();
        return;
      }
      checked[0]++;
      PostState before = post.state();
      PostState after = result.state().state();
      if (after.flagged()) {
        flagged[0]++;
      }
      if (result.fetches().stream().anyMatch(f -> !f.outcome().isEvidence())) {
        unreachable[0]++;
      }
      out.println(CaptureLines.related(result) + ": " + (before == after && post.reason() == result.state().reason()
              ? CaptureLines.state(result) + " (unchanged)"
              : before.name() + " -> " + CaptureLines.state(result))
          + (result.duplicate() ? " (checked by another run at this due time; nothing recorded by this one)" : "")
          + " — " + CaptureLines.fetches(result, app.missingClients()));
      if (result.memento().attempted()) {
        out.println("  " + CaptureLines.memento(result));
      }
      out.flush();
    });
    out.println("checked " + checked[0] + (checked[0] == 1 ? " post" : " posts") + ": " + flagged[0]
        + " flagged, " + unreachable[0] + " with an unreachable endpoint"
        + (failed[0] == 0 ? "" : ", " + failed[0] + " could not be checked (nothing of their checks recorded)")
        + (skipped.isEmpty() ? "" : "; not checked, no client yet: " + String.join(", ", skipped.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()
                + CaptureLines.why(Platform.parse(e.getKey()), app.missingClients()))
            .toList())));
    out.flush();
    return failed[0];
  }
}
