package org.embedwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
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

  /** A child on {@code cli}'s archive and settings, whose routes lead to {@code sandbox}. */
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
    Files.createDirectories(cli.workDir());
    started++;
    Path out = cli.workDir().resolve("child-" + started + ".out");
    Path err = cli.workDir().resolve("child-" + started + ".err");
    int before = sandbox.requests().size();
    Process child = new ProcessBuilder(command(List.of(), args)).directory(cli.workDir().toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      await(child, before + requests, err);
    } finally {
      // Process.destroyForcibly() is SIGKILL on Linux: no shutdown hook runs, H2's included.
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the killed child is gone").isTrue();
    }
    return new Killed(child.exitValue(), Files.readString(out), Files.readString(err),
        sandbox.requests().size() - before);
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
  private List<String> command(List<String> jvmOptions, List<String> args) {
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
