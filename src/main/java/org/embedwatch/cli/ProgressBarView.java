package org.embedwatch.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress as a bar on the terminal's stderr (me.tongfei progressbar: counts, elapsed time and ETA, redrawn in place
 * on its own thread every half second), for a run whose stderr is a terminal. It writes to the real stderr stream, not
 * through the {@link TerminalWriter}, since it moves the cursor on purpose; its text is only its task name and our
 * counts. Created on the first step, closed once.
 */
final class ProgressBarView implements Progress {
  private final String task;
  private final PrintStream terminal;
  private ProgressBar bar;

  /** @param task the bar's label ({@code check}, {@code archive}) */
  ProgressBarView(String task, PrintStream terminal) {
    this.task = task;
    this.terminal = terminal;
  }

  @Override
  public void update(ProgressStep step) {
    if (bar == null) {
      bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(step.total()).setUpdateIntervalMillis(500)
          .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(terminal)).build();
    }
    bar.maxHint(step.total());
    bar.stepTo(step.done());
    bar.setExtraMessage(step.note());
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
