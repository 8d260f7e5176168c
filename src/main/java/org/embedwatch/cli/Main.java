package org.embedwatch.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.embedwatch.config.Settings;
import org.embedwatch.config.SettingsLoader;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.embedwatch.net.Sleeper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code embedwatch} command: global options and the subcommands. */
@Command(
    name = "embedwatch",
    mixinStandardHelpOptions = true,
    version = "embedwatch 0.1.0",
    description = "Keeps the evidence behind social-media posts cited in news articles.",
    subcommands = {
      ExtractCommand.class,
      ArchiveCommand.class,
      CheckCommand.class,
      DaemonCommand.class,
      ScheduleCommand.class,
      ResolveCommand.class,
      StatusCommand.class,
      ReportCommand.class,
      AlertsCommand.class,
      DemoCommand.class,
      SandboxCommand.class,
      WatchCommand.class
    })
public final class Main implements Runnable {
  private final Path workingDir;
  private final Clock clock;
  private final InputStream stdin;
  private final Sleeper sleeper;
  private final DnsResolver dns;

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Configuration file (replaces config/embedwatch.properties).")
  Path config;

  /** The {@code --set} values given before the subcommand, then those after it, each level in order. */
  private final List<List<String>> overrideLevels = new ArrayList<>();

  /**
   * Takes the {@code --set} values of one command level. Picocli hands an inherited option's values to each command
   * level separately, starting each with an empty list, so {@code embedwatch --set a=1 check --set b=2} would keep only
   * {@code b=2} in a plain field: each level is kept here and {@link #overrides()} joins them, later ones winning.
   */
  @Option(names = "--set", paramLabel = "KEY=VALUE", scope = ScopeType.INHERIT, arity = "1",
      description = "Override one configuration key; repeatable, before or after the command.")
  void overrides(List<String> values) {
    if (values.isEmpty() || overrideLevels.isEmpty()) {
      overrideLevels.add(new ArrayList<>());
    }
    List<String> level = overrideLevels.get(overrideLevels.size() - 1);
    level.clear();
    level.addAll(values);
  }

  /** Every {@code --set} value, those before the command first. */
  List<String> overrides() {
    return overrideLevels.stream().flatMap(List::stream).toList();
  }

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
  boolean verbose;

  /** A CLI that reads {@code -} from this process's standard input and waits for real. */
  public Main(Path workingDir, Clock clock) {
    this(workingDir, clock, System.in, Sleeper.real());
  }

  /**
   * A CLI in {@code workingDir} (relative paths resolve against it) whose input {@code -} reads {@code stdin}, and
   * whose HTTP stack waits (rate limits, retry backoff) through {@code sleeper}.
   */
  public Main(Path workingDir, Clock clock, InputStream stdin, Sleeper sleeper) {
    this(workingDir, clock, stdin, sleeper, SystemDefaultDnsResolver.INSTANCE);
  }

  /** A CLI as above whose HTTP stack resolves host names with {@code dns} (tests map names to addresses). */
  public Main(Path workingDir, Clock clock, InputStream stdin, Sleeper sleeper, DnsResolver dns) {
    this.workingDir = workingDir;
    this.clock = clock;
    this.stdin = stdin;
    this.sleeper = sleeper;
    this.dns = dns;
  }

  /** Runs the CLI in this process's working directory and exits with the command's exit code. */
  public static void main(String[] args) {
    // The process that opens the archive first serves it to the others (H2's automatic mixed mode) on a TCP port:
    // on this machine only. H2 reads this once, when it starts; a value given on the command line wins.
    if (System.getProperty("h2.bindAddress") == null) {
      System.setProperty("h2.bindAddress", "127.0.0.1");
    }
    int code;
    try {
      code = commandLine(new Main(Path.of("").toAbsolutePath(), Clock.systemUTC())).execute(args);
    } catch (Error e) {
      // Only when handling an Error failed in turn (out of memory again): a constant line, no allocation to speak of.
      System.err.println("error: the JVM failed while reporting an error (out of memory?); what was committed is kept");
      code = CliErrorHandler.BUG;
    }
    System.exit(code);
  }

  /**
   * A configured picocli command line around {@code main}: exception handler and exit codes (an {@link Error} such
   * as running out of memory too), and stdout and stderr behind a {@link TerminalWriter} whatever writers are set
   * before it runs.
   */
  public static CommandLine commandLine(Main main) {
    return configured(new CommandLine(main));
  }

  /** {@code cl} configured as {@link #commandLine} says. */
  static CommandLine configured(CommandLine cl) {
    // @FILE is our list-file input (resolved against the list's directory), not picocli's argument file.
    cl.setExpandAtFiles(false);
    cl.setExecutionExceptionHandler(new CliErrorHandler());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // The usage help's own ANSI styles would reach the terminal writer as text; plain help instead.
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
    cl.setExecutionStrategy(parsed -> {
      guard(cl);
      try {
        return run.execute(parsed);
      } catch (Error e) {
        return CliErrorHandler.handleError(e, cl, parsed);
      }
    });
    CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
    cl.setParameterExceptionHandler((e, args) -> {
      guard(cl);
      return usage.handleParseException(e, args);
    });
    return cl;
  }

  /** Puts stdout and stderr of {@code cl} and all its subcommands behind a terminal writer (once). */
  private static void guard(CommandLine cl) {
    cl.setOut(TerminalWriter.around(cl.getOut()));
    cl.setErr(TerminalWriter.around(cl.getErr()));
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The settings of this run: file, then {@code --set} overrides. */
  Settings settings() {
    return new SettingsLoader(workingDir).load(Optional.ofNullable(config).map(workingDir::resolve), overrides());
  }

  Path workingDir() {
    return workingDir;
  }

  Clock clock() {
    return clock;
  }

  Sleeper sleeper() {
    return sleeper;
  }

  DnsResolver dns() {
    return dns;
  }

  InputStream stdin() {
    return stdin;
  }

  boolean verbose() {
    return verbose;
  }

  static PrintWriter out(CommandLine.Model.CommandSpec spec) {
    return spec.commandLine().getOut();
  }
}
