package org.embedwatch.cli;

import org.embedwatch.capture.CheckResult;

/**
 * The progress of {@code check --all}: posts checked of the total, how many flagged and failed, told to a
 * {@link Progress} display as each check is done. Used by the run's own thread.
 */
final class CheckProgress implements AutoCloseable {
  private final Progress display;
  private long total;
  private long done;
  private int flagged;
  private int failed;

  CheckProgress(Progress display) {
    this.display = display;
  }

  /** The run is to check {@code posts} posts (posts found on the way are added as they come). */
  void start(long posts) {
    total = posts;
  }

  /** Runs {@code print}, which writes the command's lines, clear of the display. */
  void above(Runnable print) {
    display.above(print);
  }

  /** One post's check is done (and committed, unless it failed). */
  void checked(CheckResult result) {
    done++;
    if (result.failed()) {
      failed++;
    } else if (result.state().state().flagged()) {
      flagged++;
    }
    display.update(new ProgressStep(done, total, flagged + " flagged, " + failed + " failed"));
  }

  /** {@code stopped by Ctrl-C after 37 of 1000 posts; …}: what a stopped run says on stderr. */
  String stopped(String why) {
    long left = Math.max(0, total - done);
    return "stopped by " + why + " after " + done + " of " + Math.max(total, done) + " posts; " + left
        + (left == 1 ? " post was" : " posts were") + " not checked (run the command again to check them); every"
        + " check printed on stdout is stored";
  }

  @Override
  public void close() {
    display.close();
  }
}
