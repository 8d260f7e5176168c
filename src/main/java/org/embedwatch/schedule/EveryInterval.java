package org.embedwatch.schedule;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.Duration;

/**
 * A task of one instance ({@value #INSTANCE}, made by a migration) that does its work, then comes again
 * {@code every} later (and after a failure too): {@code retry-remnant} and {@code deliver-alerts}.
 */
final class EveryInterval {
  /** The one instance of such a task. */
  static final String INSTANCE = "all";

  private EveryInterval() {}

  static Task<Void> task(String name, Duration every, Clock clock, Runnable work) {
    return Tasks.custom(name, Void.class).onFailure(new FailureHandler.OnFailureRetryLater<>(every))
        .execute((instance, context) -> {
          work.run();
          return (CompletionHandler<Void>) (complete, operations) ->
              operations.reschedule(complete, clock.instant().plus(every));
        });
  }
}
