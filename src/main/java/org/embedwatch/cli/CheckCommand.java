package org.embedwatch.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.embedwatch.App;
import org.embedwatch.capture.CheckResult;
import org.embedwatch.capture.CheckRunner;
import org.embedwatch.capture.StopToken;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.evidence.PostState;
import org.embedwatch.schedule.RunTally;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code check}: re-checks posts that are due (or all), recording each check of a post as one event. */
@Command(name = "check", description = "Re-check posts that are due (or --all) and flag changes.")
final class CheckCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--all", description = "Check every post, not only those due.")
  boolean all;

  @Mixin ProgressOption progress = new ProgressOption();

  @Override
  public Integer call() {
    try (App app = App.open(main.settings(), main.clock(), main.sleeper(), main.dns())) {
      if (all) {
        return CheckAll.run(app, progress, Main.out(spec), spec.commandLine().getErr());
      }
      return run(app, all, Main.out(spec)).clean() ? 0 : CliErrorHandler.OPERATIONAL;
    }
  }

  /** As {@link #run(App, boolean, PrintWriter, StopToken, CheckProgress)}, never stopped, showing no progress. */
  static CheckRunner.Summary run(App app, boolean all, PrintWriter out) {
    return run(app, all, out, new StopToken(), new CheckProgress(new Progress.Off()));
  }

  /**
   * Checks due posts (their scheduled check-post tasks, so that checks running at once in other processes each check
   * a due post once per due time between them) or, with {@code all}, every post, printing one line per post and a
   * summary. With {@code all}, no new check starts once {@code stop} is requested (the summary then counts the checks
   * done); {@code progress} is told each one.
   */
  static CheckRunner.Summary run(App app, boolean all, PrintWriter out, StopToken stop, CheckProgress progress) {
    List<PostRecord> candidates = all ? app.evidence().posts() : app.evidence().duePosts(app.clock().instant());
    Map<String, Long> skipped = new TreeMap<>();
    candidates.stream().filter(p -> !app.checker().supports(p.platform()))
        .forEach(p -> skipped.merge(p.platform().key(), 1L, Long::sum));
    Consumer<CheckResult> print = result -> {
      progress.above(() -> {
        out.println(line(result, app));
        if (result.memento().attempted()) {
          out.println("  " + CaptureLines.memento(result));
        }
        out.flush();
      });
      progress.checked(result);
    };
    progress.start(candidates.size() - skipped.values().stream().mapToLong(Long::longValue).sum());
    CheckRunner.Summary s = all ? app.checker().checkEach(candidates, stop, print) : due(app, print);
    progress.close(); // the display ends above the summary
    out.println("checked " + s.checked() + (s.checked() == 1 ? " post" : " posts") + ": " + s.flagged()
        + " flagged, " + s.unreachable() + " with an unreachable endpoint"
        + (s.failed() == 0 ? "" : ", " + s.failed() + " could not be checked (nothing of their checks recorded)")
        + (skipped.isEmpty() ? "" : "; not checked, no client yet: " + String.join(", ", skipped.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()
                + CaptureLines.why(Platform.parse(e.getKey()), app.missingClients()))
            .toList())));
    out.flush();
    return s;
  }

  /**
   * Runs the due check-post tasks through this process's scheduler worker until none is due (as {@code daemon --once}
   * does), so that a {@code check} and a daemon, or two {@code check}s, check a post once per due time between them.
   */
  private static CheckRunner.Summary due(App app, Consumer<CheckResult> print) {
    Object lock = new Object();
    Consumer<CheckResult> one = r -> {
      synchronized (lock) {
        print.accept(r); // the tasks run on several threads: one line at a time
      }
    };
    app.tally().listen(one);
    try {
      RunTally.Snapshot s = app.checks().once("check");
      return new CheckRunner.Summary(s.checked(), s.flagged(), s.unreachable(), s.failed());
    } finally {
      app.tally().stopListening(one);
    }
  }

  /** {@code x 123 @handle: AVAILABLE -> SUSPECTED_UNAVAILABLE (deleted) — <each endpoint's answer>}. */
  private static String line(CheckResult result, App app) {
    if (result.failed()) {
      return CaptureLines.related(result) + ": " + CaptureLines.failed(result);
    }
    PostRecord post = result.post();
    PostState before = post.state();
    PostState after = result.state().state();
    return CaptureLines.related(result) + ": " + (before == after && post.reason() == result.state().reason()
            ? CaptureLines.state(result) + " (unchanged)"
            : before.name() + " -> " + CaptureLines.state(result))
        + (result.duplicate() ? " (checked by another run at this due time; nothing recorded by this one)" : "")
        + " — " + CaptureLines.fetches(result, app.missingClients());
  }
}
