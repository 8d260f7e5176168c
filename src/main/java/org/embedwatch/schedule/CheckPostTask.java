package org.embedwatch.schedule;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.embedwatch.capture.CheckResult;
import org.embedwatch.capture.CheckRunner;
import org.embedwatch.evidence.PostRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code check-post} task: one execution per post (its instance is the post's row id), due when the post's last
 * check said. A run checks the post through the check pipeline under the key of its due time, so that a run repeated
 * for one due time (another worker, a revived execution) records one check, then reschedules the execution to the
 * next due time the recorded check stored. The store makes each new post's execution in the transaction that makes
 * the post, and moves it with every check recorded outside the task ({@code check --all}, {@code archive}).
 */
public final class CheckPostTask {
  private static final Logger log = LoggerFactory.getLogger(CheckPostTask.class);
  /** The task's name in {@code scheduled_tasks}. */
  public static final String NAME = "check-post";

  private final CheckRunner checker;
  private final Consumer<CheckResult> results;
  private final Duration retry;
  private final Duration unsupportedWait;
  private final Clock clock;

  /**
   * @param results told each check's result (a post no client observes yet gives none)
   * @param retry the wait before a run that failed, or that recorded no check, is tried again
   *     ({@code schedule.retry-first})
   * @param unsupportedWait the wait before a post of a platform no client observes is looked at again
   */
  public CheckPostTask(CheckRunner checker, Consumer<CheckResult> results, Duration retry, Duration unsupportedWait,
      Clock clock) {
    this.checker = checker;
    this.results = results;
    this.retry = retry;
    this.unsupportedWait = unsupportedWait;
    this.clock = clock;
  }

  /** The db-scheduler task; a dead execution (its worker killed) is run again at once by another worker. */
  public CustomTask<Void> task() {
    return Tasks.custom(NAME, Void.class)
        .defaultPriority(Priority.MEDIUM)
        .onFailure(new FailureHandler.OnFailureRetryLater<>(retry))
        .onDeadExecutionRevive()
        .execute(this::run);
  }

  private CompletionHandler<Void> run(TaskInstance<Void> instance, ExecutionContext context) {
    Instant due = context.getExecution().executionTime;
    Optional<PostRecord> post = parse(instance.getId()).flatMap(checker::post);
    if (post.isEmpty()) {
      log.warn("check-post task {} names no stored post; removed", instance.getId());
      return (done, operations) -> operations.remove();
    }
    Instant now = clock.instant();
    if (!checker.supports(post.get().platform())) {
      return (done, operations) -> operations.reschedule(done, now.plus(unsupportedWait));
    }
    CheckResult result = checker.checkScheduled(post.get(), due);
    results.accept(result);
    Instant next = checker.post(post.get().id()).map(PostRecord::nextCheckAt).orElse(null);
    // A check that recorded nothing (it failed; no endpoint answered) leaves the post due: tried again after a wait.
    Instant at = next == null || !next.isAfter(now) ? now.plus(retry) : next;
    return (done, operations) -> operations.reschedule(done, at);
  }

  private static Optional<Long> parse(String id) {
    try {
      return Optional.of(Long.parseLong(id));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
