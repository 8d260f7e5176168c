package org.embedwatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.embedwatch.capture.StopToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While a one-shot run lasts, Ctrl-C (SIGINT) and SIGTERM ask it to stop through its {@link StopToken} instead of
 * ending the JVM: the run starts nothing new, lets the checks in flight finish and commit, prints what it did and
 * returns {@link #exitCode()}. A second signal halts the JVM at once, with the same code (what was committed is kept:
 * the store and WARC files are crash-safe).
 *
 * <p>The signals are handled, not left to a shutdown hook, because the JVM's shutdown runs every hook at once: H2's
 * own hook would close the database under the commits of the checks in flight. Where the JVM does not let us handle
 * them ({@code -Xrs}, a signal ignored by the parent), the JVM's default stays: the process ends as if killed, and
 * loses nothing committed either. Closing restores the handlers found. Thread-safe.
 */
final class StopOnSignal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StopOnSignal.class);
  /** What the shell reports for a process ended by a signal: 128 + its number. */
  private static final int SIGNALLED = 128;

  private final StopToken stop;
  private final PrintWriter err;
  private final List<Installed> installed = new ArrayList<>();
  private volatile int exitCode;

  private record Installed(Signal signal, SignalHandler previous) {}

  private StopOnSignal(StopToken stop, PrintWriter err) {
    this.stop = stop;
    this.err = err;
  }

  /**
   * Handles SIGINT and SIGTERM for {@code stop} until closed.
   *
   * @param err where the first signal is acknowledged
   */
  static StopOnSignal install(StopToken stop, PrintWriter err) {
    StopOnSignal s = new StopOnSignal(stop, err);
    s.handle("INT", "Ctrl-C");
    s.handle("TERM", "SIGTERM");
    return s;
  }

  private void handle(String name, String said) {
    try {
      Signal signal = new Signal(name);
      SignalHandler previous = Signal.handle(signal, sig -> received(sig, said));
      installed.add(new Installed(signal, previous));
    } catch (IllegalArgumentException e) {
      log.debug("SIG{} is not ours to handle; it ends the run as the JVM does: {}", name, e.getMessage());
    }
  }

  private void received(Signal signal, String said) {
    int code = SIGNALLED + signal.getNumber();
    if (stop.requested()) {
      Runtime.getRuntime().halt(code);
    }
    exitCode = code; // before the request: whoever sees the stop sees its code
    stop.request(said);
    err.println("stopping: " + said + "; no new post or article is started, the checks in flight finish (" + said
        + " again quits at once; what is committed is kept)");
    err.flush();
  }

  /** 130 after SIGINT, 143 after SIGTERM; 0 when no signal came. */
  int exitCode() {
    return exitCode;
  }

  @Override
  public void close() {
    installed.forEach(i -> Signal.handle(i.signal(), i.previous()));
  }
}
