package org.embedwatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.embedwatch.App;
import org.embedwatch.ReadOnlyEvidence;
import org.embedwatch.EmbedwatchException;
import org.embedwatch.alert.AlertDispatcher;
import org.embedwatch.alert.AlertStatus;
import org.embedwatch.alert.DeliverySummary;
import org.embedwatch.alert.SinkRound;
import org.embedwatch.config.AlertSettings;
import org.embedwatch.config.Settings;
import org.embedwatch.report.VisibleText;
import org.embedwatch.store.AlertRows;
import org.embedwatch.store.StoredAlert;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code alerts}: deliver new findings to the configured sinks now ({@code send}), or list them ({@code list}). */
@Command(name = "alerts", description = "Deliver new findings to the alert sinks (send), or list them (list).",
    subcommands = {AlertsCommand.Send.class, AlertsCommand.ListAlerts.class})
final class AlertsCommand implements Runnable {
  @ParentCommand Main main;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code alerts send}: one delivery round, one line per sink. */
  @Command(name = "send", description = "Deliver the alerts due now (new ones, and retries that are due).")
  static final class Send implements Callable<Integer> {
    @ParentCommand AlertsCommand alerts;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Main main = alerts.main;
      Settings settings = main.settings();
      requireSink(settings.alerts());
      PrintWriter out = Main.out(spec);
      try (App app = App.open(settings, main.clock(), main.sleeper(), main.dns())) {
        DeliverySummary s = app.alerts().deliverDue(app.clock().instant());
        for (SinkRound r : s.sinks()) {
          out.println(r.sink() + " " + r.target() + ": " + r.delivered() + " delivered, " + r.failed()
              + " failed (tried again later), " + r.givenUp() + " given up, " + r.pending() + " pending");
        }
        out.flush();
        return s.failed() + s.givenUp() == 0 ? 0 : CliErrorHandler.OPERATIONAL;
      }
    }
  }

  /** {@code alerts list}: the newest alerts, each with its delivery to each configured sink. */
  @Command(name = "list", description = "List the newest alerts and their delivery to each sink.")
  static final class ListAlerts implements Callable<Integer> {
    @ParentCommand AlertsCommand alerts;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many (default 20).")
    int limit;

    @Override
    public Integer call() {
      if (limit < 1 || limit > 10_000) {
        throw new EmbedwatchException("--limit " + limit + " is out of range (give 1 to 10000)");
      }
      Main main = alerts.main;
      Settings settings = main.settings();
      PrintWriter out = Main.out(spec);
      try (ReadOnlyEvidence app = App.openReadOnly(settings, main.clock())) {
        AlertRows rows = app.alerts();
        List<AlertStatus> recent = AlertDispatcher.recent(rows, limit);
        List<String> sinks = sinkNames(settings.alerts());
        for (AlertStatus s : recent) {
          print(out, s, sinks, rows);
        }
        out.println(recent.size() + (recent.size() == 1 ? " alert" : " alerts")
            + (sinks.isEmpty() ? " (no alert sink configured)" : ""));
        out.flush();
        return 0;
      }
    }

    private static void print(PrintWriter out, AlertStatus s, List<String> sinks, AlertRows rows) {
      StoredAlert a = s.alert();
      out.println(a.id() + "  " + a.firstSeen() + "  " + a.kind().name()
          + (a.reason() == null ? "" : " (" + a.reason().toLowerCase(Locale.ROOT) + ")")
          + (a.post() == null ? "" : "  " + a.post().platform().key() + " " + VisibleText.of(a.post().postId())
              + (a.post().handle() == null ? "" : " @" + VisibleText.of(a.post().handle()))));
      out.println("  " + VisibleText.of(a.summary()));
      List<String> status = new ArrayList<>();
      for (AlertRows.Delivery d : s.deliveries()) {
        status.add(d.sink() + " " + describe(d));
      }
      for (String sink : sinks) {
        if (s.deliveries().stream().noneMatch(d -> d.sink().equals(sink))) {
          boolean before = rows.sink(sink).map(k -> a.sourceId() <= (a.source().equals("finding")
              ? k.findingAfter() : k.stateAfter())).orElse(false);
          status.add(sink + (before ? " not sent (recorded before this sink was set up; see alert.backfill)"
              : " not sent yet"));
        }
      }
      if (!status.isEmpty()) {
        out.println("  " + String.join("; ", status));
      }
    }

    private static String describe(AlertRows.Delivery d) {
      String attempts = d.attempts() + (d.attempts() == 1 ? " attempt" : " attempts");
      if (d.deliveredAt() != null) {
        return "delivered " + d.deliveredAt() + " (" + attempts + ")";
      }
      String error = d.lastError() == null ? "" : ": " + VisibleText.of(d.lastError());
      if (d.givenUpAt() != null) {
        return "given up " + d.givenUpAt() + " (" + attempts + ")" + error;
      }
      return d.attempts() == 0 ? "being sent" : "failed (" + attempts + "), next attempt " + d.nextAttemptAt() + error;
    }
  }

  private static List<String> sinkNames(AlertSettings s) {
    List<String> out = new ArrayList<>();
    s.webhook().ifPresent(w -> out.add("webhook"));
    s.atomFile().ifPresent(f -> out.add("atom"));
    return out;
  }

  private static void requireSink(AlertSettings s) {
    if (!s.anySink()) {
      throw new EmbedwatchException("no alert sink is configured: set alert.webhook.url and alert.webhook.secret,"
          + " or alert.atom.file (see config/embedwatch.properties)");
    }
  }
}
