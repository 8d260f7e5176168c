package org.embedwatch.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import org.embedwatch.App;
import org.embedwatch.report.VisibleText;
import org.embedwatch.store.Watch;
import org.embedwatch.store.WatchTable;

/** The lines of {@code watch}: the table of {@code watch list}, and the one-watch commands' run and errors. */
final class WatchLines {
  static final String HEADER = String.format("%-5s %-8s %-10s %-7s %-21s %-21s %-6s %s", "ID", "KIND", "EVERY",
      "PAUSED", "LAST POLLED", "NEXT POLL", "FOUND", "INPUT");

  private WatchLines() {}

  /** One watch as a row of the table (times in UTC, to the second; '-' where there is none). */
  static String row(Watch w) {
    return String.format("%-5d %-8s %-10s %-7s %-21s %-21s %-6d %s", w.id(), w.kind().key(), w.every(),
        w.paused() ? "yes" : "no", time(w.lastPolledAt()), time(w.nextPoll()), w.articlesFound(),
        VisibleText.of(w.input()));
  }

  private static String time(Instant t) {
    return t == null ? "-" : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  /** What one command does to the watch it names: its line, or empty when there is no such watch. */
  @FunctionalInterface
  interface Change {
    Optional<String> apply(WatchTable table, long id, Instant now);
  }

  /**
   * Parses {@code id}, opens the archive and applies {@code change}, printing its line; an id that is not a number or
   * names no watch is one {@code error:} line and exit code 2.
   */
  static int withWatch(Main main, picocli.CommandLine.Model.CommandSpec spec, String id, Change change) {
    long n;
    try {
      n = Long.parseLong(id.trim());
    } catch (NumberFormatException e) {
      return WatchCommand.usageError(spec, "watch id '" + id + "' is not a number (see 'embedwatch watch list')");
    }
    try (App app = App.open(main.settings(), main.clock(), main.sleeper(), main.dns())) {
      Optional<String> line = change.apply(new WatchTable(app.database()), n, app.clock().instant());
      if (line.isEmpty()) {
        return WatchCommand.usageError(spec, "no watch " + n + " (see 'embedwatch watch list')");
      }
      PrintWriter out = Main.out(spec);
      out.println(line.get());
      out.flush();
      return 0;
    }
  }
}
