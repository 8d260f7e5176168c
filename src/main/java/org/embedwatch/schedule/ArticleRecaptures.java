package org.embedwatch.schedule;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.embedwatch.Archiver;
import org.embedwatch.config.ScheduleSettings;
import org.embedwatch.evidence.ArticleCaptureRecord;
import org.embedwatch.read.InputItem;
import org.embedwatch.store.EvidenceReader;
import org.embedwatch.store.WatchTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code recapture-article} task (instance = the article id): re-captures the article as
 * {@code archive --recapture} does (references removed or replaced are stored as {@code ARTICLE_DRIFT} findings),
 * daily until {@code schedule.article-daily-for} after its first capture, then every {@code schedule.article-then}.
 * The store schedules it when it stores the article. A re-capture that cannot read the article is logged and tried at
 * the next turn; an article read from standard input has no address to fetch again, and its task ends.
 */
final class ArticleRecaptures {
  private static final Logger log = LoggerFactory.getLogger(ArticleRecaptures.class);
  private static final Duration DAILY = Duration.ofDays(1);

  private final Archiver archiver;
  private final EvidenceReader evidence;
  private final ScheduleSettings schedule;
  private final Path baseDir;
  private final Clock clock;
  private final Task<Void> task;

  ArticleRecaptures(Archiver archiver, EvidenceReader evidence, ScheduleSettings schedule, Path baseDir,
      Clock clock) {
    this.archiver = archiver;
    this.evidence = evidence;
    this.schedule = schedule;
    this.baseDir = baseDir;
    this.clock = clock;
    this.task = Tasks.custom(WatchTable.RECAPTURE_TASK, Void.class)
        .onFailure(new FailureHandler.OnFailureRetryLater<>(DAILY))
        .execute((instance, context) -> run(Long.parseLong(instance.getId()),
            context.getExecution().executionTime));
  }

  Task<Void> task() {
    return task;
  }

  private CompletionHandler<Void> run(long articleId, Instant due) {
    List<ArticleCaptureRecord> captures = evidence.articleCapturesOf(articleId);
    if (captures.isEmpty()) {
      log.warn("recapture-article {}: no such article; its task ends", articleId);
      return new CompletionHandler.OnCompleteRemove<>();
    }
    String input = captures.get(0).capture().input();
    if (input.startsWith("stdin:")) {
      log.info("recapture-article {}: read from standard input, with no address to fetch again; its task ends",
          articleId);
      return new CompletionHandler.OnCompleteRemove<>();
    }
    archiver.archiveAll(List.of(input), baseDir, InputStream.nullInputStream(), WatchTasks.IN_SCOPE, true, item -> {
      if (item instanceof Archiver.Item.Archived a && a.recapture() != null) {
        log.info("recapture-article {} ({}): {} reference(s) removed or replaced", articleId, input,
            a.recapture().drift().size());
      } else if (item instanceof Archiver.Item.Input in && in.item() instanceof InputItem.Problem p) {
        log.warn("recapture-article {} ({}): {}: {}; tried again at its next turn", articleId, input,
            p.problem().key(), p.reason());
      }
    });
    Instant next = next(captures.get(0).capture().capturedAt(), due);
    return (complete, operations) -> operations.reschedule(complete, next);
  }

  /** Daily while the next day is within the daily period after the first capture, then every article-then. */
  Instant next(Instant firstCapture, Instant due) {
    Instant now = clock.instant();
    Instant base = now.isAfter(due) ? now : due;
    Instant daily = base.plus(DAILY);
    return daily.isAfter(firstCapture.plus(schedule.articleDailyFor())) ? base.plus(schedule.articleThen()) : daily;
  }
}
