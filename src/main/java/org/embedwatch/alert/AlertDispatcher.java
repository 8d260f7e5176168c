package org.embedwatch.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.embedwatch.config.AlertSettings;
import org.embedwatch.store.AlertRows;
import org.embedwatch.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers new alerts (findings and state transitions stored by any process) to each configured sink, once per sink:
 * what the daemon runs every {@code alert.interval}, and {@code alerts send}. Any number of dispatchers, in any
 * number of processes, may run on one archive at once: each delivery is claimed in the database before it is sent.
 * Thread-safe.
 */
public final class AlertDispatcher {
  private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

  private final List<AlertSink> sinks;
  private final AlertRows rows;
  private final boolean backfill;

  private AlertDispatcher(List<AlertSink> sinks, AlertRows rows, boolean backfill) {
    this.sinks = List.copyOf(sinks);
    this.rows = rows;
    this.backfill = backfill;
  }

  /**
   * The dispatcher of the sinks {@code settings} configures, on {@code db}.
   *
   * @param archiveDir what a relative {@code alert.atom.file} is resolved against
   * @param clock the time an attempt is sent at (its timestamp header)
   */
  public static AlertDispatcher of(AlertSettings settings, Path archiveDir, Database db, ObjectMapper json,
      Clock clock) {
    AlertRows rows = new AlertRows(db);
    String worker = "pid " + ProcessHandle.current().pid() + " "
        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    Deliveries deliveries = new Deliveries(rows, new Backoff(settings.retryFirst(), settings.retryMax(),
        settings.maxAttempts()), worker);
    List<AlertSink> sinks = new ArrayList<>();
    settings.webhook().ifPresent(w -> sinks.add(new WebhookSink(w, deliveries, new AlertJson(json), clock)));
    settings.atomFile().ifPresent(f -> sinks.add(new AtomFeedSink(archiveDir.resolve(f), settings.atomEntries(),
        deliveries)));
    return new AlertDispatcher(sinks, rows, settings.backfill());
  }

  /** Whether any sink is configured. */
  public boolean hasSinks() {
    return !sinks.isEmpty();
  }

  /**
   * Registers each configured sink this archive has not seen yet, at {@code now}: from then on it gets every alert
   * stored (with {@code alert.backfill=true}, every alert stored before too). Called whenever the archive is opened
   * for writing, so that a finding recorded by the next {@code check} is the sink's own.
   */
  public void registerSinks(Instant now) {
    for (AlertSink sink : sinks) {
      rows.registerSink(sink.name(), now, backfill);
    }
  }

  /**
   * Delivers to each sink the alerts due at {@code now}: new ones, and failed ones whose retry is due. A sink failing
   * is recorded per alert and does not stop the others.
   */
  public DeliverySummary deliverDue(Instant now) {
    List<SinkRound> rounds = new ArrayList<>();
    for (AlertSink sink : sinks) {
      AlertRows.Sink registered = rows.registerSink(sink.name(), now, backfill);
      SinkRound round = sink.deliver(registered, now);
      if (round.delivered() + round.failed() + round.givenUp() > 0) {
        log.info("alerts to {} {}: {} delivered, {} failed (tried again later), {} given up, {} pending",
            round.sink(), round.target(), round.delivered(), round.failed(), round.givenUp(), round.pending());
      }
      rounds.add(round);
    }
    return DeliverySummary.of(rounds);
  }

  /** The newest {@code limit} alerts of the archive, newest first, each with its delivery to each sink. */
  public List<AlertStatus> recent(int limit) {
    return recent(rows, limit);
  }

  /** As {@link #recent(int)}, over {@code rows} (an archive opened for reading). */
  public static List<AlertStatus> recent(AlertRows rows, int limit) {
    return rows.newest(limit).stream().map(a -> new AlertStatus(a, rows.deliveries(a))).toList();
  }
}
