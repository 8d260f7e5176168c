package org.embedwatch.schedule;

import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Clock;
import java.time.Duration;
import org.embedwatch.alert.AlertDispatcher;
import org.embedwatch.alert.DeliverySummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code deliver-alerts} task: one instance ({@value EveryInterval#INSTANCE}, made by migration V21) that delivers
 * the alerts due now to every configured sink ({@link AlertDispatcher#deliverDue}) every {@code alert.interval}.
 * Alerts recorded by any process (a manual {@code check} included) are delivered by whichever daemon runs it; the
 * dispatcher's claims keep two daemons from sending one alert twice. Without a configured sink it does nothing.
 */
public final class AlertDeliveries {
  static final String TASK = "deliver-alerts";
  private static final Logger log = LoggerFactory.getLogger(AlertDeliveries.class);

  private final AlertDispatcher alerts;
  private final Clock clock;
  private final Task<Void> task;

  public AlertDeliveries(AlertDispatcher alerts, Duration every, Clock clock) {
    this.alerts = alerts;
    this.clock = clock;
    this.task = EveryInterval.task(TASK, every, clock, this::run);
  }

  /** The task, for the scheduler's list of known tasks. */
  public Task<Void> task() {
    return task;
  }

  private void run() {
    if (!alerts.hasSinks()) {
      return;
    }
    DeliverySummary s = alerts.deliverDue(clock.instant());
    if (s.delivered() + s.failed() + s.givenUp() > 0) {
      log.info("deliver-alerts: {} delivered, {} failed (retried later), {} given up, {} pending", s.delivered(),
          s.failed(), s.givenUp(), s.pending());
    }
  }
}
