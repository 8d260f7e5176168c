package org.embedwatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.embedwatch.App;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.PostState;
import org.embedwatch.capture.PostChecker;
import org.embedwatch.store.PostRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code check}: re-checks posts that are due (or all), recording one observation per endpoint. */
@Command(name = "check", description = "Re-check posts that are due (or --all) and flag changes.")
final class CheckCommand implements Callable<Integer> {
  /**
   * How long a claimed post is left to this process: longer than checking one batch takes, so that no other process
   * claims it again before its check is stored; a post whose check never comes (the process died) is due again after.
   */
  private static final Duration CLAIM_LEASE = Duration.ofHours(1);
  /** Posts claimed at a time: as many as one v1.1 statuses/lookup request asks about. */
  private static final int CLAIM_BATCH = 100;

  @ParentCommand Main main;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--all", description = "Check every post, not only those due.")
  boolean all;

  @Override
  public Integer call() {
    try (App app = App.open(main.settings(), main.clock(), main.sleeper())) {
      run(app, all, Main.out(spec));
      return 0;
    }
  }

  /**
   * Checks due (or all) posts, printing one line per post and a summary. Due posts are claimed a batch at a time
   * ({@link org.embedwatch.store.EvidenceStore#claimDue}), so that checks running at once in other processes on this
   * archive each check a due post once between them; {@code --all} claims nothing and checks every post.
   */
  static void run(App app, boolean all, PrintWriter out) {
    Instant now = app.clock().instant();
    List<PostRecord> candidates = all ? app.evidence().posts() : app.evidence().duePosts(now);
    java.util.Map<String, Long> skipped = new java.util.TreeMap<>();
    candidates.stream().filter(p -> !app.checker().supports(p.platform()))
        .forEach(p -> skipped.merge(p.platform().key(), 1L, Long::sum));
    int[] checked = {0};
    int[] flagged = {0};
    int[] unreachable = {0};
    Consumer<PostChecker.Result> onEach = result -> {
      checked[0]++;
      PostRecord post = result.post();
      PostState before = post.state();
      PostState after = result.state().state();
      if (PostChecker.flagged(after)) {
        flagged[0]++;
      }
      if (result.fetches().stream().anyMatch(f -> !f.outcome().isEvidence())) {
        unreachable[0]++;
      }
      out.println(CaptureLines.related(result) + ": " + (before == after && post.reason() == result.state().reason()
              ? CaptureLines.state(result) + " (unchanged)"
              : before.name() + " -> " + CaptureLines.state(result))
          + " — " + CaptureLines.fetches(result, app.missingClients()));
      if (result.memento().attempted()) {
        out.println("  " + CaptureLines.memento(result));
      }
      out.flush();
    };
    if (all) {
      app.checker().checkAll(candidates.stream().filter(p -> app.checker().supports(p.platform())).toList(), onEach);
    } else {
      Set<Platform> supported = EnumSet.noneOf(Platform.class);
      Arrays.stream(Platform.values()).filter(app.checker()::supports).forEach(supported::add);
      List<PostRecord> batch;
      while (!(batch = app.store().claimDue(now, CLAIM_LEASE, CLAIM_BATCH, supported)).isEmpty()) {
        app.checker().checkAll(batch, onEach);
      }
    }
    out.println("checked " + checked[0] + (checked[0] == 1 ? " post" : " posts") + ": " + flagged[0]
        + " flagged, " + unreachable[0] + " with an unreachable endpoint"
        + (skipped.isEmpty() ? "" : "; not checked, no client yet: " + String.join(", ", skipped.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()
                + CaptureLines.why(Platform.parse(e.getKey()), app.missingClients()))
            .toList())));
    out.flush();
  }
}
