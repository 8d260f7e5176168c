package org.embedwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.embedwatch.EmbedwatchException;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.sandbox.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sandbox}: runs the simulated platform on 127.0.0.1 until interrupted, and prints the routes to use. */
@Command(name = "sandbox", description = "Run the simulated platform on 127.0.0.1 until interrupted (Ctrl-C).")
final class SandboxCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", defaultValue = "8765", description = "Port on 127.0.0.1 (0: any free port).")
  int port;

  @Option(names = "--scenario", paramLabel = "FILE",
      description = "Scenario file (default: the built-in demo scenario).")
  Path scenario;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Scenario s;
    try {
      s = scenario == null ? Scenario.demo() : Scenario.parse(main.workingDir().resolve(scenario));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new EmbedwatchException("no such scenario file: " + scenario + " (give an existing JSON file)", e);
    } catch (IllegalArgumentException e) {
      throw new EmbedwatchException("bad scenario: " + e.getMessage(), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (Sandbox sandbox = Sandbox.start(port, s, Clock.systemUTC())) {
      PrintWriter out = Main.out(spec);
      out.println("sandbox listening on " + sandbox.baseUri() + " with " + s.posts().size() + " posts and "
          + s.articles().size() + " articles; point embedwatch at it with:");
      sandbox.routes().forEach((key, base) -> out.println("  --set " + key + "=" + base));
      // The sandbox's own (not secret) token, so that its Instagram and Facebook posts are captured too.
      out.println("  --set meta.oembed-token=" + Sandbox.META_OEMBED_TOKEN);
      out.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "sandbox-shutdown"));
      stopped.await();
    }
    return 0;
  }
}
