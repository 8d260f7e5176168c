package org.embedwatch.cli;

import java.io.UncheckedIOException;
import org.embedwatch.EmbedwatchException;
import picocli.CommandLine;

/**
 * Turns exceptions into exit codes: an {@link EmbedwatchException} or I/O failure prints one {@code error: …} line
 * and exits 1 (stack trace only with {@code --verbose}); anything else is a bug: stack trace and exit 70.
 */
final class CliErrorHandler implements CommandLine.IExecutionExceptionHandler {
  static final int OPERATIONAL = 1;
  static final int BUG = 70;

  @Override
  public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    boolean verbose = parsed.matchedOption("--verbose") != null
        || parsed.subcommands().stream().anyMatch(p -> p.matchedOption("--verbose") != null);
    if (e instanceof EmbedwatchException || e instanceof UncheckedIOException) {
      cl.getErr().println("error: " + e.getMessage());
      if (verbose) {
        e.printStackTrace(cl.getErr());
      }
      return OPERATIONAL;
    }
    cl.getErr().println("error: unexpected " + e + " (this is a bug in embedwatch; please report it)");
    e.printStackTrace(cl.getErr());
    return BUG;
  }
}
