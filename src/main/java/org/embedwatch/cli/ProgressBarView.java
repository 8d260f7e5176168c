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
  private final Line line;
  private ProgressBar bar;
  private boolean closed;

  /** @param task the bar's label ({@code check}, {@code archive}) */
  ProgressBarView(String task, PrintStream terminal) {
    this.task = task;
    this.line = new Line(terminal);
  }

  @Override
  public void update(ProgressStep step) {
    if (closed) {
      return;
    }
    if (bar == null) {
      bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(step.total()).setUpdateIntervalMillis(500)
          .setStyle(ProgressBarStyle.ASCII).setConsumer(line).build();
    }
    bar.maxHint(step.total());
    bar.stepTo(step.done());
    bar.setExtraMessage(step.note());
  }

  @Override
  public void above(Runnable print) {
    line.above(print);
  }

  @Override
  public void close() {
    if (bar != null && !closed) {
      bar.close();
    }
    closed = true;
  }

  /**
   * The bar's line on the terminal: redrawn in place by the bar's thread; erased while the command prints its own
   * lines, and drawn again below them. Thread-safe.
   */
  private static final class Line extends ConsoleProgressBarConsumer {
    /** Back to the line's start, then erase the line (ANSI EL 2). */
    private static final String ERASE = "\r\u001b[2K";
    private final PrintStream terminal;
    private String last = "";

    Line(PrintStream terminal) {
      super(terminal);
      this.terminal = terminal;
    }

    @Override
    public synchronized void accept(String rendered) {
      last = rendered;
      super.accept(rendered);
    }

    synchronized void above(Runnable print) {
      if (last.isEmpty()) {
        print.run();
        return;
      }
      terminal.print(ERASE);
      terminal.flush();
      print.run();
      super.accept(last);
    }

    @Override
    public synchronized void close() {
      super.close();
    }
  }
}
