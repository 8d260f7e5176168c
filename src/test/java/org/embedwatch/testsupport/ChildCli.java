package org.embedwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.embedwatch.cli.Main;
import org.embedwatch.sandbox.Sandbox;

/**
 * The real CLI in a child JVM (this JVM's class path, the system clock, real waits), on a {@link CliRunner}'s archive
 * with its settings, for tests that kill it: it is killed with SIGKILL once the sandbox has received a given number of
 * its requests. Not thread-safe; one child at a time per instance.
 */
public final class ChildCli {
  /** The longest wait for the child's requests (it starts a JVM and opens the archive first). */
  private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(90);
  /** What {@code Process.exitValue()} gives for a process ended by SIGKILL: 128 + 9. */
  public static final int KILLED = 137;

  private final CliRunner cli;
  private final Sandbox sandbox;
  private int started;

  /**
   * A child on {@code cli}'s archive and settings, whose routes lead to {@code sandbox} (null for a child that asks
   * no sandbox, killed by another trigger than requests).
   */
  public ChildCli(CliRunner cli, Sandbox sandbox) {
    this.cli = cli;
    this.sandbox = sandbox;
  }

  /**
   * What a killed child left.
   *
   * @param exit its exit code ({@link #KILLED} when SIGKILL ended it)
   * @param requests how many requests the sandbox had received from it when it was gone
   */
  public record Killed(int exit, String out, String err, int requests) {}

  /**
   * Runs {@code embedwatch <args>} in a child JVM until the sandbox has received {@code requests} requests from it,
   * then kills it with SIGKILL and waits until it is gone. Fails when the child ends by itself first, or when the
   * sandbox has not received them within 90 seconds.
   */
  public Killed killAfter(int requests, List<String> args) throws IOException, InterruptedException {
    int before = sandbox.requests().size();
    return run(args, (child, err) -> await(child, before + requests, err));
  }

  /**
   * Runs {@code embedwatch <args>} in a child JVM and kills it with SIGKILL as soon as its stdout shows the
   * {@code n}th line that {@code line} matches: the moment it has told that line (stdout is read as the child writes
   * it, and the kill is sent from the reading thread). Fails when the child ends by itself first, or prints fewer
   * such lines within 90 seconds.
   */
  public Killed killAfterLine(Pattern line, int n, List<String> args) throws IOException, InterruptedException {
    return run(args, true, (child, err) -> awaitLine(child, line, n, err));
  }

  /**
   * Runs {@code embedwatch <args>} in a child JVM and kills it with SIGKILL at the {@code n}th time a file whose name
   * {@code name} matches is created or written in {@code dir} (as inotify tells it), for a kill at a moment of the
   * child's work on its files (the store's temporary database while a new archive is made, its backup while an
   * archive is upgraded). When the child ends before, that is told: {@link Killed#exit()} is its own exit code.
   */
  public Killed killOnFileEvent(Path dir, Predicate<String> name, int n, List<String> args)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    try (WatchService watch = dir.getFileSystem().newWatchService()) {
      dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
      return run(args, (child, err) -> awaitFileEvent(child, watch, name, n));
    }
  }

  /** Waits for the moment to kill {@code child}. */
  @FunctionalInterface
  private interface Trigger {
    void await(Process child, Path err) throws IOException, InterruptedException;
  }

  private Killed run(List<String> args, Trigger trigger) throws IOException, InterruptedException {
    return run(args, false, trigger);
  }

  private Killed run(List<String> args, boolean pipeOut, Trigger trigger) throws IOException, InterruptedException {
    Files.createDirectories(cli.workDir());
    started++;
    Path out = cli.workDir().resolve("child-" + started + ".out");
    Path err = cli.workDir().resolve("child-" + started + ".err");
    int before = sandbox == null ? 0 : sandbox.requests().size();
    ProcessBuilder builder = new ProcessBuilder(command(List.of(), args)).directory(cli.workDir().toFile())
        .redirectError(err.toFile());
    Process child = (pipeOut ? builder : builder.redirectOutput(out.toFile())).start();
    printed = new StringBuilder();
    try {
      trigger.await(child, err);
    } finally {
      // Process.destroyForcibly() is SIGKILL on Linux: no shutdown hook runs, H2's included.
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the killed child is gone").isTrue();
    }
    if (pipeOut) {
      Files.writeString(out, printed);
    }
    return new Killed(child.exitValue(), Files.readString(out), Files.readString(err),
        sandbox == null ? 0 : sandbox.requests().size() - before);
  }

  private StringBuilder printed = new StringBuilder();

  private void awaitLine(Process child, Pattern line, int n, Path err) throws IOException {
    int seen = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        printed.append(l).append('\n');
        if (line.matcher(l).find() && ++seen == n) {
          child.destroyForcibly();
          return;
        }
      }
    }
    fail("the child ended (stdout closed) after %d of %d lines matching %s%n%s", seen, n, line,
        Files.readString(err));
  }

  private static void awaitFileEvent(Process child, WatchService watch, Predicate<String> name, int n)
      throws InterruptedException {
    long deadline = System.nanoTime() + PROGRESS_TIMEOUT.toNanos();
    int seen = 0;
    while (child.isAlive() && System.nanoTime() - deadline < 0) {
      // Short slices only to notice a child that ended by itself.
      WatchKey key = watch.poll(100, TimeUnit.MILLISECONDS);
      if (key == null) {
        continue;
      }
      for (WatchEvent<?> e : key.pollEvents()) {
        if (e.context() instanceof Path p && name.test(p.getFileName().toString()) && ++seen == n) {
          child.destroyForcibly();
          return;
        }
      }
      key.reset();
    }
  }

  private void await(Process child, int count, Path err) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + PROGRESS_TIMEOUT.toNanos();
    // Short slices only to notice a child that ended by itself (a failure at start, a run shorter than expected).
    while (!sandbox.awaitRequests(count, Duration.ofMillis(100))) {
      if (!child.isAlive()) {
        fail("the child ended (exit %d) before the sandbox received %d requests (%d so far)%n%s", child.exitValue(),
            count, sandbox.requests().size(), Files.readString(err));
      }
      if (System.nanoTime() - deadline > 0) {
        fail("the sandbox did not receive %d requests within %s (%d so far)", count, PROGRESS_TIMEOUT,
            sandbox.requests().size());
      }
    }
  }

  /**
   * Runs {@code embedwatch <args>} in a child JVM, sends it {@code signal} ({@code INT}, {@code TERM}) with
   * {@code kill} as soon as its stdout shows the {@code n}th line that {@code line} matches (stdout is read as the child
   * writes it), and lets it run to its end. Fails when the child ends before that line, or has not ended within
   * {@code timeout} of the start.
   */
  public Run signalAfterLine(Pattern line, int n, String signal, Duration timeout, List<String> args)
      throws IOException, InterruptedException {
    Files.createDirectories(cli.workDir());
    started++;
    Path err = cli.workDir().resolve("child-" + started + ".err");
    Process child = new ProcessBuilder(command(List.of(), args)).directory(cli.workDir().toFile())
        .redirectError(err.toFile()).start();
    long deadline = System.nanoTime() + timeout.toNanos();
    StringBuilder out = new StringBuilder();
    int seen = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        out.append(l).append('\n');
        if (seen < n && line.matcher(l).find() && ++seen == n) {
          signal(child, signal);
        }
      }
    }
    boolean ended = child.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    if (!ended) {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
      fail("the child did not end within %s%n%s", timeout, Files.readString(err));
    }
    if (seen < n) {
      fail("the child ended (exit %d) after %d of %d lines matching %s%n%s%s", child.exitValue(), seen, n, line, out,
          Files.readString(err));
    }
    return new Run(child.exitValue(), out.toString(), Files.readString(err));
  }

  /**
   * Runs {@code embedwatch <args>} in a child JVM, sends it {@code signal} ({@code INT}, {@code TERM}) with
   * {@code kill} once the sandbox has received {@code requests} requests from it, and lets it run to its end. Fails
   * when the child ends before, or has not ended within {@code timeout} after the signal.
   */
  public Run signalAfterRequests(int requests, String signal, Duration timeout, List<String> args)
      throws IOException, InterruptedException {
    Files.createDirectories(cli.workDir());
    started++;
    Path out = cli.workDir().resolve("child-" + started + ".out");
    Path err = cli.workDir().resolve("child-" + started + ".err");
    int before = sandbox.requests().size();
    Process child = new ProcessBuilder(command(List.of(), args)).directory(cli.workDir().toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      await(child, before + requests, err);
      signal(child, signal);
      if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        fail("the child did not end within %s of the signal%n%s", timeout, Files.readString(err));
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    return new Run(child.exitValue(), Files.readString(out), Files.readString(err));
  }

  /**
   * Runs {@code embedwatch <args>} in a child JVM, sends it {@code signal} once the sandbox has received
   * {@code requests} requests from it, and the same signal again as soon as its stderr shows a line that
   * {@code acknowledged} matches (stderr is read as the child writes it); then lets it end. Fails when the child ends
   * before, or has not ended within {@code timeout}.
   */
  public Run signalTwice(int requests, Pattern acknowledged, String signal, Duration timeout, List<String> args)
      throws IOException, InterruptedException {
    Files.createDirectories(cli.workDir());
    started++;
    Path out = cli.workDir().resolve("child-" + started + ".out");
    int before = sandbox.requests().size();
    Process child = new ProcessBuilder(command(List.of(), args)).directory(cli.workDir().toFile())
        .redirectOutput(out.toFile()).start();
    StringBuilder err = new StringBuilder();
    boolean again = false;
    // Bounds the reading of stderr below: a child that never acknowledges (or never ends) is killed at the timeout.
    Thread watchdog = new Thread(() -> {
      try {
        if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          child.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "child-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      await(child, before + requests, out);
      signal(child, signal);
      try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getErrorStream(),
          StandardCharsets.UTF_8))) {
        for (String l = r.readLine(); l != null; l = r.readLine()) {
          err.append(l).append('\n');
          if (!again && acknowledged.matcher(l).find()) {
            again = true;
            signal(child, signal);
          }
        }
      }
      if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        fail("the child did not end within %s%n%s", timeout, err);
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(again).as("the child acknowledged the first signal (%s)%n%s", acknowledged, err).isTrue();
    return new Run(child.exitValue(), Files.readString(out), err.toString());
  }

  /**
   * Whether this process ignores signal {@code number} (2 for SIGINT), as a child it starts then does too: a shell
   * without job control starts its background commands so (the JVM then leaves the signal ignored). Read from
   * {@code /proc/self/status}; false where that cannot be read.
   */
  public static boolean ignoredHere(int number) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("SigIgn:")) {
          return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & (1L << (number - 1))) != 0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return false;
    }
    return false;
  }

  /** Sends {@code signal} to {@code child} with {@code kill}. */
  private static void signal(Process child, String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).inheritIO().start();
    assertThat(kill.waitFor()).as("kill -%s %d", signal, child.pid()).isZero();
  }

  /** What a child that ran to its end left. */
  public record Run(int exit, String out, String err) {}

  /**
   * Runs {@code embedwatch <args>} in a child JVM to its end, with {@code jvmOptions} (such as {@code -Xmx96m}) and
   * {@code environment} added to this process's environment. Fails when it has not ended within {@code timeout}.
   */
  public Run run(List<String> jvmOptions, java.util.Map<String, String> environment, Duration timeout,
      List<String> args) throws IOException, InterruptedException {
    Files.createDirectories(cli.workDir());
    started++;
    Path out = cli.workDir().resolve("child-" + started + ".out");
    Path err = cli.workDir().resolve("child-" + started + ".err");
    ProcessBuilder builder = new ProcessBuilder(command(jvmOptions, args)).directory(cli.workDir().toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(environment);
    Process child = builder.start();
    if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
      fail("the child did not end within %s%n%s", timeout, Files.readString(err));
    }
    return new Run(child.exitValue(), Files.readString(out), Files.readString(err));
  }

  /**
   * {@code java <jvmOptions> -cp <this JVM's class path> org.embedwatch.cli.Main <args> --set …} (the runner's
   * settings).
   */
  /** The command line of a child running {@code embedwatch <args>} on the runner's archive. */
  List<String> command(List<String> jvmOptions, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // A child lives a few seconds: C1 only and the serial collector start it sooner on a small machine.
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(args);
    cmd.addAll(cli.settingArgs());
    return cmd;
  }
}
