package org.embedwatch.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.embedwatch.EmbedwatchException;
import org.embedwatch.report.VisibleText;
import picocli.CommandLine;

/**
 * Turns exceptions into exit codes: an {@link EmbedwatchException} or I/O failure prints one {@code error: …} line
 * and exits 1 (stack trace only with {@code --verbose}); running out of memory or stack prints one line saying what to
 * do and exits 70 (stack trace only with {@code --verbose}); anything else is a bug: stack trace and exit 70. Every
 * message is shown on one line, its control characters escaped ({@link VisibleText#of}).
 */
final class CliErrorHandler implements CommandLine.IExecutionExceptionHandler {
  static final int OPERATIONAL = 1;
  static final int BUG = 70;

  @Override
  public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    boolean verbose = verbose(parsed);
    PrintWriter err = cl.getErr();
    Error fatal = resourceError(e);
    if (fatal != null) {
      return resourceError(fatal, e, cl.getCommandName(), verbose, err);
    }
    if (e instanceof EmbedwatchException || e instanceof UncheckedIOException) {
      err.println("error: " + VisibleText.of(e.getMessage()));
      if (verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return OPERATIONAL;
    }
    err.println("error: unexpected " + VisibleText.of(e.toString()) + " (this is a bug in embedwatch; please report it)");
    e.printStackTrace(err);
    err.flush();
    return BUG;
  }

  /**
   * An {@link Error} thrown by a command: out of memory or stack gets one line saying what to do, any other error is
   * a bug (stack trace). Exit code 70 either way.
   */
  static int handleError(Error e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    String command = command(parsed);
    Error fatal = resourceError(e);
    if (fatal != null) {
      return resourceError(fatal, e, command, verbose(parsed), err);
    }
    err.println("error: unexpected " + VisibleText.of(e.toString()) + " while running " + command
        + " (this is a bug in embedwatch; please report it)");
    e.printStackTrace(err);
    err.flush();
    return BUG;
  }

  private static int resourceError(Error fatal, Throwable thrown, String command, boolean verbose, PrintWriter err) {
    String what = fatal instanceof OutOfMemoryError
        ? "out of memory while running " + command + " (raise the heap, e.g. JAVA_TOOL_OPTIONS=-Xmx2g, or lower"
            + " check.concurrency or net.max-body-bytes; what was committed is kept)"
        : "stack overflow while running " + command + " (an input nested too deeply? raise the stack with"
            + " JAVA_TOOL_OPTIONS=-Xss16m, and report it with the stack trace from --verbose; what was committed is kept)";
    err.println("error: " + what);
    if (verbose) {
      thrown.printStackTrace(err);
    }
    err.flush();
    return BUG;
  }

  /** The out-of-memory or stack-overflow error that {@code e} is or was caused by (a worker's, rethrown), or null. */
  private static Error resourceError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OutOfMemoryError || t instanceof StackOverflowError) {
        return (Error) t;
      }
    }
    return null;
  }

  private static String command(CommandLine.ParseResult parsed) {
    CommandLine.ParseResult last = parsed;
    while (last.subcommand() != null) {
      last = last.subcommand();
    }
    return last.commandSpec().name();
  }

  private static boolean verbose(CommandLine.ParseResult parsed) {
    return parsed != null && (parsed.matchedOption("--verbose") != null
        || parsed.subcommands().stream().anyMatch(p -> p.matchedOption("--verbose") != null));
  }
}
