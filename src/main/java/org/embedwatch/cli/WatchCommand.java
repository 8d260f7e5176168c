package org.embedwatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.embedwatch.App;
import org.embedwatch.report.VisibleText;
import org.embedwatch.store.Watch;
import org.embedwatch.store.WatchTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code watch add|list|pause|resume|remove}: the inputs a daemon polls for new articles, each at its own interval.
 * Each watch is polled by its {@code poll-watch} task; this command only stores watches and moves their tasks.
 */
@Command(name = "watch", description = "Watch feeds, sitemaps, list files and pages for new articles.",
    subcommands = {WatchCommand.Add.class, WatchCommand.ListWatches.class, WatchCommand.Pause.class,
        WatchCommand.Resume.class, WatchCommand.Remove.class})
final class WatchCommand implements Runnable {
  /** Exit code of a watch id that names no watch, and of an input that cannot be watched. */
  static final int USAGE = 2;

  @ParentCommand Main main;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Prints one {@code error: …} line and gives the usage exit code. */
  static int usageError(picocli.CommandLine.Model.CommandSpec spec, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("error: " + VisibleText.of(message));
    err.flush();
    return USAGE;
  }

  /** {@code watch add INPUT [--every DURATION]}. */
  @Command(name = "add", description = "Watch an input: its articles are archived as they appear.")
  static final class Add implements Callable<Integer> {
    @ParentCommand WatchCommand watch;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "INPUT", description = "An http(s) URL (feed, sitemap or page), a feed or sitemap file,"
        + " or @FILE (a list file).")
    String input;

    @Option(names = "--every", paramLabel = "DURATION", description = "How often it is polled: ISO-8601 (PT30M, P1D)"
        + " or 30m, 6h, 1d (default: watch.every).")
    String every;

    @Override
    public Integer call() {
      Main main = watch.main;
      WatchInput parsed;
      Duration interval;
      try {
        parsed = WatchInput.parse(input, main.workingDir());
        interval = every == null ? main.settings().schedule().watchEvery() : WatchInput.interval(every);
      } catch (IllegalArgumentException e) {
        return usageError(spec, e.getMessage());
      }
      try (App app = App.openOrCreate(main.settings(), main.clock(), main.sleeper(), main.dns())) {
        Instant now = app.clock().instant();
        Watch w = new WatchTable(app.database()).add(parsed.input(), parsed.kind(), interval, now);
        PrintWriter out = Main.out(spec);
        out.println("watch " + w.id() + ": " + VisibleText.of(w.input()) + " (" + w.kind().key()
            + (parsed.kindKnown() ? "" : ", until its first poll tells") + "), every " + w.every()
            + "; next poll " + w.nextPoll() + " (now)");
        out.flush();
        return 0;
      }
    }
  }

  /** {@code watch list}. */
  @Command(name = "list", description = "List the watches: id, kind, interval, state, polls and articles found.")
  static final class ListWatches implements Callable<Integer> {
    @ParentCommand WatchCommand watch;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Main main = watch.main;
      try (App app = App.open(main.settings(), main.clock(), main.sleeper(), main.dns())) {
        List<Watch> all = new WatchTable(app.database()).list();
        PrintWriter out = Main.out(spec);
        if (all.isEmpty()) {
          out.println("no watches (add one with 'embedwatch watch add INPUT')");
        } else {
          out.println(WatchLines.HEADER);
          all.forEach(w -> out.println(WatchLines.row(w)));
        }
        out.flush();
        return 0;
      }
    }
  }

  /** {@code watch pause ID}. */
  @Command(name = "pause", description = "Stop polling a watch until it is resumed.")
  static final class Pause implements Callable<Integer> {
    @ParentCommand WatchCommand watch;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The watch's id (see 'watch list').")
    String id;

    @Override
    public Integer call() {
      return WatchLines.withWatch(watch.main, spec, id, (table, n, now) -> table.pause(n).map(w ->
          "watch " + n + " paused: not polled until 'embedwatch watch resume " + n + "'"));
    }
  }

  /** {@code watch resume ID}. */
  @Command(name = "resume", description = "Poll a paused watch again: now if its turn passed, else at its next turn.")
  static final class Resume implements Callable<Integer> {
    @ParentCommand WatchCommand watch;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The watch's id (see 'watch list').")
    String id;

    @Override
    public Integer call() {
      return WatchLines.withWatch(watch.main, spec, id, (table, n, now) -> table.resume(n, now).map(w ->
          "watch " + n + " resumed: polled " + (w.nextPoll() != null && w.nextPoll().isAfter(now)
              ? "at its next turn, " + w.nextPoll() : "now (its turn passed while it was paused)")));
    }
  }

  /** {@code watch remove ID}. */
  @Command(name = "remove", description = "Remove a watch and its task; the articles it found stay archived.")
  static final class Remove implements Callable<Integer> {
    @ParentCommand WatchCommand watch;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The watch's id (see 'watch list').")
    String id;

    @Override
    public Integer call() {
      return WatchLines.withWatch(watch.main, spec, id, (table, n, now) -> {
        Optional<Watch> w = table.find(n);
        return w.isPresent() && table.remove(n) ? Optional.of("watch " + n + " removed; the "
            + w.get().articlesScheduled() + " articles it scheduled stay archived") : Optional.empty();
      });
    }
  }
}
