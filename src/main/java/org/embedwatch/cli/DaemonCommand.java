package org.embedwatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.embedwatch.App;
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
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Duration wait = main.settings().schedule().shutdownWait();
    // SIGTERM and Ctrl-C start the JVM's shutdown: the hook lets the scheduler stop and the run be recorded, then
    // ends the process with 0 (a signalled JVM would otherwise exit 143 or 130).
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        stopped.await(wait.multipliedBy(2).plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Runtime.getRuntime().halt(stopped.getCount() == 0 ? 0 : CliErrorHandler.OPERATIONAL);
    }, "daemon-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (App app = App.open(main.settings(), main.clock(), main.sleeper(), main.dns())) {
      RunTally.Snapshot s = app.daemon().runUntil(stop, "stopped by SIGTERM or Ctrl-C");
      out.println(line("stopped", s));
      out.flush();
      return 0;
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ignored) {
        // The JVM is shutting down (the signal came): the hook is running and ends the process.
      }
    }
  }

  /** {@code stopped: checked 12, captured 3, flagged 1, with an unreachable endpoint 0, failed 0}. */
  private static String line(String what, RunTally.Snapshot s) {
    return what + ": checked " + s.checked() + ", captured " + s.captured() + ", flagged " + s.flagged()
        + ", with an unreachable endpoint " + s.unreachable() + ", failed " + s.failed();
  }
}
