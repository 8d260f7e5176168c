package org.embedwatch.schedule;

import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.embedwatch.Archiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code retry-remnant} task: one instance ({@value EveryInterval#INSTANCE}, made by migration V18) that tries
 * every unresolved remnant again ({@link Archiver#resolveUnresolved}, as {@code resolve} does) every
 * {@code schedule.remnant-retry}. One instance for the whole archive rather than one per article: resolution asks the
 * Wayback Machine per handle and date, so one batch per period asks each once, and nothing has to be scheduled when an
 * article is stored; a period with no remnant left costs one query.
 */
final class RemnantRetries {
  static final String TASK = "retry-remnant";
  private static final Logger log = LoggerFactory.getLogger(RemnantRetries.class);

  private final Archiver archiver;
  private final Task<Void> task;

  RemnantRetries(Archiver archiver, Duration every, Clock clock) {
    this.archiver = archiver;
    this.task = EveryInterval.task(TASK, every, clock, this::run);
  }

  Task<Void> task() {
    return task;
  }

  private void run() {
    List<Archiver.RemnantResult> results = archiver.resolveUnresolved();
    long resolved = results.stream().filter(r -> r.resolution().post().isPresent()).count();
    if (!results.isEmpty()) {
      log.info("retry-remnant: tried {} remnant(s): {} resolved, {} still unresolved", results.size(), resolved,
          results.size() - resolved);
    }
  }
}
