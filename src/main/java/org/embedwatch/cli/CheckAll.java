package org.embedwatch.cli;

import java.io.PrintWriter;
import org.embedwatch.App;
import org.embedwatch.capture.CheckRunner;
import org.embedwatch.capture.StopToken;

/**
 * {@code check --all} as a long interactive run: progress on stderr while it lasts, and Ctrl-C (or SIGTERM) stops it
 * after the checks in flight, with the summary of what was done and exit code 130 (143).
 */
final class CheckAll {
  private CheckAll() {}

  /** Checks every post with {@code app}; the exit code. */
  static int run(App app, ProgressOption option, PrintWriter out, PrintWriter err) {
    StopToken stop = new StopToken();
    try (StopOnSignal signals = StopOnSignal.install(stop, err)) {
      CheckProgress progress = new CheckProgress(option.open("check", "checked", "posts", app.clock(), err));
      CheckRunner.Summary summary;
      try (progress) {
        summary = CheckCommand.run(app, true, out, stop, progress);
      }
      if (stop.requested()) {
        err.println(progress.stopped(stop.reason().orElseThrow()));
        err.flush();
        return signals.exitCode();
      }
      return summary.clean() ? 0 : CliErrorHandler.OPERATIONAL;
    }
  }
}
