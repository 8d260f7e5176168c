package org.embedwatch.cli;

/**
 * How a long run ({@code archive}, {@code check --all}) shows where it stands, on stderr only, so that stdout stays
 * the command's parseable output: a progress bar on a terminal, plain lines elsewhere, or nothing. Used by the run's
 * own thread.
 */
sealed interface Progress extends AutoCloseable permits ProgressBarView, ProgressLines, Progress.Off {
  /** Tells the display where the run stands now. */
  void update(ProgressStep step);

  /**
   * Runs {@code print}, which writes the command's own lines, so that they do not run into the display: a bar is
   * erased first and drawn again below them.
   */
  default void above(Runnable print) {
    print.run();
  }

  /** Ends the display (a bar leaves its last state on its line); nothing is shown after. Idempotent. */
  @Override
  void close();

  /** No progress shown ({@code --progress off}). */
  record Off() implements Progress {
    @Override
    public void update(ProgressStep step) {}

    @Override
    public void close() {}
  }
}
