package org.embedwatch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.embedwatch.App;
import org.embedwatch.capture.StopToken;
import org.embedwatch.schedule.RunTally;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code daemon}: runs the scheduler until SIGTERM or Ctrl-C, then lets the running tasks finish (within
 * {@code daemon.shutdown-wait}) and exits 0; {@code daemon --once} runs what is due now and exits (the cron form).
 */
@Command(name = "daemon", description = "Run the scheduler until SIGTERM or Ctrl-C (or, with --once, what is due now).")
final class DaemonCommand implements Callable<Integer> {

  @ParentCommand Main main;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--once", description = "Run everything due now (and what that makes due now), then exit.")
  boolean once;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = Main.out(spec);
    if (once) {
      try (App app = App.open(main.settings(), main.clock(), main.sleeper(), main.dns())) {
        RunTally.Snapshot s = app.daemon().once("once");
        out.println(line("ran everything due", s));
        out.flush();
        return s.failed() == 0 ? 0 : CliErrorHandler.OPERATIONAL;
      }
    }
    // SIGTERM and Ctrl-C are handled, not left to a shutdown hook (H2's own hook would close the database under the
    // tasks still running): the scheduler stops, running tasks finish within daemon.shutdown-wait, the run is
    // recorded, and the daemon exits 0. A second signal quits at once (what is committed is kept).
    CountDownLatch stop = new CountDownLatch(1);
    StopToken token = new StopToken(stop::countDown);
    try (StopOnSignal signals = StopOnSignal.install(token, spec.commandLine().getErr());
        App app = App.open(main.settings(), main.clock(), main.sleeper(), main.dns())) {
      RunTally.Snapshot s = app.daemon().runUntil(stop, "stopped by SIGTERM or Ctrl-C");
      out.println(line("stopped", s));
      out.flush();
      return 0;
    }
  }

  /** {@code stopped: checked 12, captured 3, flagged 1, with an unreachable endpoint 0, failed 0}. */
  private static String line(String what, RunTally.Snapshot s) {
    return what + ": checked " + s.checked() + ", captured " + s.captured() + ", flagged " + s.flagged()
        + ", with an unreachable endpoint " + s.unreachable() + ", failed " + s.failed();
  }
}
