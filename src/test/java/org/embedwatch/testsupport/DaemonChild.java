package org.embedwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code daemon} running in a child JVM on a test's archive (its settings from the {@link CliRunner}), under the
 * system clock; its stderr is read as it is written, and the checks its summary lines count are added up. Children
 * made with one {@code signal} wake whoever waits on any of them.
 */
public final class DaemonChild implements AutoCloseable {
  /** How long a test waits for what a daemon does. */
  public static final Duration BOUND = Duration.ofSeconds(180);
  private static final Pattern CYCLE = Pattern.compile("cycle \\d+: checked (\\d+),");

  private final Process process;
  private final Path out;
  private final Object signal;
  private final StringBuilder err = new StringBuilder();
  private int checked;

  /**
   * Starts {@code daemon} with {@code settings} ({@code key=value}) after the runner's own.
   *
   * @param signal notified at each line; children started with one signal can be waited on together
   */
  public DaemonChild(CliRunner cli, Path work, String name, List<String> settings, Object signal)
      throws IOException {
    this.signal = signal;
    List<String> command = new ArrayList<>(new ChildCli(cli, null).command(List.of(), List.of("daemon")));
    for (String s : settings) {
      command.addAll(List.of("--set", s)); // after the runner's own, so that these win
    }
    out = work.resolve(name + ".out");
    process = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile()).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
          StandardCharsets.UTF_8))) {
        for (String l = r.readLine(); l != null; l = r.readLine()) {
          Matcher m = CYCLE.matcher(l);
          synchronized (signal) {
            err.append(l).append('\n');
            if (m.find()) {
              checked += Integer.parseInt(m.group(1));
            }
            signal.notifyAll();
          }
        }
      } catch (IOException ignored) {
        // The child is gone: nothing more to read.
      } finally {
        synchronized (signal) {
          signal.notifyAll();
        }
      }
    }, name + "-stderr");
    reader.setDaemon(true);
    reader.start();
  }

  public Process process() {
    return process;
  }

  /** The file its stdout goes to. */
  public Path out() {
    return out;
  }

  /** Its stderr so far. */
  public String err() {
    synchronized (signal) {
      return err.toString();
    }
  }

  /** The checks its summary lines counted so far. */
  public int checked() {
    synchronized (signal) {
      return checked;
    }
  }

  /** Waits (bounded) until its summary lines have counted {@code n} checks in all. */
  public void awaitChecked(int n) throws InterruptedException {
    awaitTogether(List.of(this), n);
  }

  /** Waits (bounded) until the summary lines of {@code children}, started with one signal, count {@code n} checks. */
  public static void awaitTogether(List<DaemonChild> children, int n) throws InterruptedException {
    Object signal = children.get(0).signal;
    IntSupplier sum = () -> children.stream().mapToInt(c -> c.checked).sum();
    long deadline = System.nanoTime() + BOUND.toNanos();
    synchronized (signal) {
      while (sum.getAsInt() < n) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        boolean alive = children.stream().allMatch(c -> c.process.isAlive());
        if (left <= 0 || !alive) {
          StringBuilder all = new StringBuilder();
          children.forEach(c -> all.append(c.err));
          assertThat(sum.getAsInt()).as("checks counted by summary lines within %s (all alive: %s); stderr:%n%s",
              BOUND, alive, all).isGreaterThanOrEqualTo(n);
        }
        signal.wait(Math.max(1, left));
      }
    }
  }

  /** Sends SIGTERM and waits (bounded) for the exit; returns its exit code. */
  public int terminate() throws InterruptedException {
    process.destroy();
    assertThat(process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("ended after SIGTERM").isTrue();
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
