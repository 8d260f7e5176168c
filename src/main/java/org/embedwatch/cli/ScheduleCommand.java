package org.embedwatch.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.embedwatch.App;
import org.embedwatch.ReadOnlyEvidence;
import org.embedwatch.report.VisibleText;
import org.embedwatch.store.ScheduledTasks;
import org.embedwatch.store.SchedulerRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code schedule}: what the scheduler has due next and what ran; reads only, like {@code status}. */
@Command(name = "schedule", description = "Show what is due next and the scheduler's recent runs.")
final class ScheduleCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--next", defaultValue = "10", description = "How many coming executions to list (default 10).")
  int next;

  @Option(names = "--runs", defaultValue = "5", description = "How many recent runs to list (default 5).")
  int runs;

  @Override
  public Integer call() {
    if (next < 0 || runs < 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--next and --runs take 0 or more, got " + Math.min(next, runs));
    }
    PrintWriter out = Main.out(spec);
    try (ReadOnlyEvidence app = App.openReadOnly(main.settings(), main.clock())) {
      Instant now = app.clock().instant();
      ScheduledTasks tasks = app.schedule().tasks();
      Map<String, Integer> all = tasks.countByKind();
      Map<String, Integer> due = tasks.dueByKind(now);
      out.println("scheduled at " + now + ":");
      if (all.isEmpty()) {
        out.println("  nothing scheduled");
      }
      all.forEach((kind, n) -> out.println("  " + kind + ": " + n + " scheduled, " + due.getOrDefault(kind, 0)
          + " due now"));
      out.println("overdue: " + due.values().stream().mapToInt(Integer::intValue).sum());
      List<ScheduledTasks.Execution> coming = tasks.next(next);
      if (!coming.isEmpty()) {
        out.println("next:");
      }
      for (ScheduledTasks.Execution e : coming) {
        out.println("  " + e.due() + "  " + e.kind() + "  " + VisibleText.of(e.what())
            + (e.pickedBy() == null ? "" : "  (running on " + VisibleText.of(e.pickedBy()) + ")"));
      }
      List<SchedulerRuns.Run> recent = app.schedule().runs().recent(runs);
      out.println(recent.isEmpty() ? "no runs recorded" : "recent runs:");
      for (SchedulerRuns.Run r : recent) {
        out.println("  " + r.startedAt() + "  " + r.mode() + " on " + VisibleText.of(r.worker()) + ": checked "
            + r.counts().checked() + ", captured " + r.counts().captured() + ", flagged " + r.counts().flagged()
            + ", failed " + r.counts().failed() + "; " + (r.endedAt() == null
                ? "no end recorded (running, or killed)" : "ended " + r.endedAt() + ", " + r.ending()));
      }
      out.flush();
      return 0;
    }
  }
}
