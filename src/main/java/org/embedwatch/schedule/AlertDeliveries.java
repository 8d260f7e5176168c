package org.embedwatch.schedule;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.embedwatch.alert.AlertDispatcher;
import org.embedwatch.alert.DeliverySummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code deliver-alerts} task: one instance ({@value #INSTANCE}, made by migration V21) that delivers the alerts
 * due now to every configured sink ({@link AlertDispatcher#deliverDue}) every {@code alert.interval}. Alerts recorded
 * by any process (a manual {@code check} included) are delivered by whichever daemon runs it; the dispatcher's claims
 * keep two daemons from sending one alert twice. Without a configured sink it does nothing and comes back later.
 */
public final class AlertDeliveries {
  static final String TASK = "deliver-alerts";
  static final String INSTANCE = "all";
  private static final Logger log = LoggerFactory.getLogger(AlertDeliveries.class);

  private final AlertDispatcher alerts;
  private final Duration every;
  private final Clock clock;
  private final Task<Void> task;

  public AlertDeliveries(AlertDispatcher alerts, Duration every, Clock clock) {
    this.alerts = alerts;
    this.every = every;
    this.clock = clock;
    this.task = Tasks.custom(TASK, Void.class).onFailure(new FailureHandler.OnFailureRetryLater<>(every))
        .execute((instance, context) -> run());
  }

  /** The task, for the scheduler's list of known tasks. */
  public Task<Void> task() {
    return task;
  }

  private CompletionHandler<Void> run() {
    if (alerts.hasSinks()) {
      DeliverySummary s = alerts.deliverDue(clock.instant());
      if (s.delivered() + s.failed() + s.givenUp() > 0) {
        log.info("deliver-alerts: {} delivered, {} failed (retried later), {} given up, {} pending", s.delivered(),
            s.failed(), s.givenUp(), s.pending());
      }
    }
    Instant next = clock.instant().plus(every);
    return (complete, operations) -> operations.reschedule(complete, next);
  }
}
