package org.embedwatch.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.sandbox.Scenario;

/**
 * The CLI wired to a sandbox running the demo scenario on port 0, both on one settable clock that starts at
 * 2026-03-01T10:00:00Z. Close it after each test.
 */
public record SandboxedCli(MutableClock clock, Sandbox sandbox, CliRunner cli) implements AutoCloseable {
  public static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

  /** Starts the sandbox and a CLI in {@code work} with the sandbox's routes plus {@code extraSettings}. */
  public static SandboxedCli start(Path work, Map<String, String> extraSettings) throws IOException {
    return start(work, Scenario.demo(), extraSettings);
  }

  /** Starts a sandbox serving {@code scenario} and a CLI in {@code work} with its routes plus {@code extraSettings}. */
  public static SandboxedCli start(Path work, Scenario scenario, Map<String, String> extraSettings)
      throws IOException {
    MutableClock clock = new MutableClock(START);
    Sandbox sandbox = Sandbox.start(0, scenario, clock);
    Map<String, String> settings = new HashMap<>(sandbox.routes());
    settings.putAll(extraSettings);
    return new SandboxedCli(clock, sandbox, new CliRunner(work, clock, settings));
  }

  @Override
  public void close() {
    try {
      sandbox.close();
    } finally {
      cli.close();
    }
  }
}
