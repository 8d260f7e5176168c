package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.embedwatch.EmbedwatchException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The CLI's handling of what a command throws, on a command line configured as {@link Main#commandLine} configures
 * the real one: operator errors, bugs, and the {@link Error}s (out of memory, stack overflow) that used to escape as a
 * raw "Exception in thread main" with exit 1.
 */
class CliErrorHandlerTest {
  /** A command named {@code archive} that throws what the test gives it. */
  @Command(name = "archive")
  static final class Throwing implements Callable<Integer> {
    private final Supplier<Throwable> thrown;

    @Option(names = "--verbose")
    boolean verbose;

    Throwing(Supplier<Throwable> thrown) {
      this.thrown = thrown;
    }

    @Override
    public Integer call() throws Exception {
      Throwable t = thrown.get();
      if (t instanceof Error e) {
        throw e;
      }
      throw (Exception) t;
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(Supplier<Throwable> thrown, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.configured(new CommandLine(new Throwing(thrown)));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void outOfMemoryIsOneLineSayingWhatToDoAndExit70() {
    Run run = run(() -> new OutOfMemoryError("Java heap space"));

    assertThat(run.exit()).isEqualTo(CliErrorHandler.BUG);
    assertThat(run.err().lines().toList()).containsExactly("error: out of memory while running archive (raise the"
        + " heap, e.g. JAVA_TOOL_OPTIONS=-Xmx2g, or lower check.concurrency or net.max-body-bytes; what was committed"
        + " is kept)");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void outOfMemoryInAWorkerRethrownAsAnExceptionIsTheSameLine() {
    // CheckRunner rethrows what a check's thread threw as the cause of an IllegalStateException.
    Run run = run(() -> new IllegalStateException("a check escaped its isolation", new OutOfMemoryError()));

    assertThat(run.exit()).isEqualTo(CliErrorHandler.BUG);
    assertThat(run.err().lines().toList()).singleElement().asString()
        .startsWith("error: out of memory while running archive (raise the heap");
  }

  @Test
  void stackOverflowIsOneLineAndItsStackTraceOnlyWithVerbose() {
    Run quiet = run(StackOverflowError::new);
    Run verbose = run(StackOverflowError::new, "--verbose");

    assertThat(quiet.exit()).isEqualTo(CliErrorHandler.BUG);
    assertThat(quiet.err().lines().toList()).singleElement().asString()
        .startsWith("error: stack overflow while running archive (");
    assertThat(verbose.exit()).isEqualTo(CliErrorHandler.BUG);
    assertThat(verbose.err()).startsWith(quiet.err()).contains("java.lang.StackOverflowError")
        .contains("at org.embedwatch.cli.CliErrorHandlerTest");
  }

  @Test
  void anyOtherErrorIsABugWithItsStackTrace() {
    Run run = run(() -> new AssertionError("invariant broken"));

    assertThat(run.exit()).isEqualTo(CliErrorHandler.BUG);
    assertThat(run.err()).startsWith("error: unexpected java.lang.AssertionError: invariant broken while running"
        + " archive (this is a bug in embedwatch; please report it)").contains("\tat org.embedwatch.cli.");
  }

  @Test
  void anOperatorErrorIsOneEscapedLineAndExit1() {
    Run run = run(() -> new EmbedwatchException("cannot read \u001b[2Jx.html\nerror: all good (give a file)"));
    Run io = run(() -> new UncheckedIOException("disk \u202efull", new java.io.IOException("x")));

    assertThat(run.exit()).isEqualTo(CliErrorHandler.OPERATIONAL);
    assertThat(run.err()).isEqualTo("error: cannot read \\u001b[2Jx.html\\nerror: all good (give a file)"
        + System.lineSeparator());
    assertThat(io.exit()).isEqualTo(CliErrorHandler.OPERATIONAL);
    assertThat(io.err().strip()).isEqualTo("error: disk \\u202efull");
  }

  @Test
  void anUnexpectedExceptionIsABugAndItsMessageIsEscaped() {
    Run run = run(() -> new IllegalArgumentException("bad \u009b31m"));

    assertThat(run.exit()).isEqualTo(CliErrorHandler.BUG);
    assertThat(run.err()).startsWith("error: unexpected java.lang.IllegalArgumentException: bad \\u009b31m (this is a"
        + " bug in embedwatch; please report it)").doesNotContain("\u009b");
  }
}
