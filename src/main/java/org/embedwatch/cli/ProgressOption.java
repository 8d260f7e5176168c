package org.embedwatch.cli;

import java.io.PrintWriter;
import java.time.Clock;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** The {@code --progress} and {@code --no-progress} options of the long commands, and the display they choose. */
final class ProgressOption {
  private static final Logger log = LoggerFactory.getLogger(ProgressOption.class);

  /** Where progress goes. */
  enum Mode {
    /** A bar when stderr is a terminal, plain lines otherwise. */
    AUTO,
    BAR,
    LINES,
    OFF
  }

  @Option(names = "--progress", paramLabel = "auto|bar|lines|off", defaultValue = "auto",
      description = "Progress on stderr: a bar on a terminal, plain lines otherwise (auto, the default), or as said.")
  Mode mode = Mode.AUTO;

  @Option(names = "--no-progress", description = "Show no progress (as --progress off).")
  boolean none;

  /**
   * The display for one run.
   *
   * @param task the bar's label
   * @param verb what is done to each unit, in the past tense, for the plain lines
   * @param unit the units, plural
   * @param err the command's stderr, for the plain lines (a bar writes to the process's real stderr)
   */
  Progress open(String task, String verb, String unit, Clock clock, PrintWriter err) {
    Mode chosen = none ? Mode.OFF : mode == Mode.AUTO ? (stderrIsTerminal() ? Mode.BAR : Mode.LINES) : mode;
    return switch (chosen) {
      case BAR -> new ProgressBarView(task, System.err);
      case LINES -> new ProgressLines(verb, unit, clock, err);
      case OFF, AUTO -> new Progress.Off();
    };
  }

  /**
   * Whether this process's stderr is a terminal, as jline's exec provider finds it ({@code test -t 2}); false when
   * that cannot be told (no shell to ask), so that nothing draws a bar into a log file.
   */
  private static boolean stderrIsTerminal() {
    if (System.getenv("TERM") != null && System.getenv("TERM").equals("dumb")) {
      return false;
    }
    try {
      return TerminalProvider.load("exec").isSystemStream(SystemStream.Error);
    } catch (java.io.IOException | RuntimeException | LinkageError e) {
      log.debug("cannot tell whether stderr is a terminal; progress as plain lines: {}", e.toString());
      return false;
    }
  }
}
