package org.embedwatch.schedule;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.embedwatch.Archiver;
import org.embedwatch.EmbedwatchException;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.read.InputItem;
import org.embedwatch.store.EvidenceReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code archive-article} task: archives one article address a watch found (data = the address; instance = the
 * address, or {@code sha256:<hex>} of it when longer than the instance column) exactly as {@code archive URL} does. An
 * article stored already is not archived again. An article that could not be read (a transport failure) is tried
 * again with backoff, {@value #MAX_TRIES} times in all, then given up with a WARN; an unsupported one is given up at
 * once.
 */
final class ArticleArchives {
  static final String TASK = "archive-article";
  /** How many times an unreadable article is tried before it is given up. */
  static final int MAX_TRIES = 5;
  /** The wait before the first retry, doubled at each retry (5 min, 10, 20, 40). */
  static final Duration FIRST_RETRY = Duration.ofMinutes(5);
  /** db-scheduler's task_instance column. */
  private static final int INSTANCE_WIDTH = 250;
  private static final Logger log = LoggerFactory.getLogger(ArticleArchives.class);

  private final Archiver archiver;
  private final EvidenceReader evidence;
  private final Path baseDir;
  private final OneTimeTask<String> task;

  ArticleArchives(Archiver archiver, EvidenceReader evidence, Path baseDir) {
    this.archiver = archiver;
    this.evidence = evidence;
    this.baseDir = baseDir;
    this.task = Tasks.oneTime(TASK, String.class).onFailure(new Backoff())
        .execute((instance, context) -> archive(instance.getData()));
  }

  Task<String> task() {
    return task;
  }

  /** The task instance that archives {@code url}, due at {@code at}. */
  SchedulableInstance<String> instance(String url, Instant at) {
    String id = url.length() <= INSTANCE_WIDTH ? url
        : "sha256:" + Sha256.of(url.getBytes(StandardCharsets.UTF_8)).hex();
    return task.instanceBuilder(id).data(url).scheduledTo(at);
  }

  private void archive(String url) {
    if (evidence.findArticle(url).isPresent()) {
      log.debug("{} is archived already; not archived again", url);
      return;
    }
    List<InputItem.Problem> problems = new ArrayList<>();
    Archiver.Summary summary = archiver.archiveAll(List.of(url), baseDir, InputStream.nullInputStream(),
        WatchTasks.IN_SCOPE, false, item -> {
          if (item instanceof Archiver.Item.Input in && in.item() instanceof InputItem.Problem p) {
            problems.add(p);
          }
        });
    for (InputItem.Problem p : problems) {
      if (p.problem() == InputItem.ProblemKind.UNREADABLE) {
        // Thrown to db-scheduler, whose failure handler (Backoff) tries again later.
        throw new EmbedwatchException(p.input() + ": unreadable: " + p.reason());
      }
      log.warn("{}: unsupported: {}; not archived, not tried again", p.input(), p.reason());
    }
    log.info("archive-article {}: {} article(s) archived", url, summary.articles());
  }

  /** Retries a failed archive with doubling waits, and gives it up with a WARN after {@value #MAX_TRIES} tries. */
  private static final class Backoff implements FailureHandler<String> {
    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<String> operations) {
      int tries = complete.getExecution().consecutiveFailures + 1;
      Object url = complete.getExecution().taskInstance.getData();
      String why = complete.getCause().map(Throwable::getMessage).orElse("unknown");
      if (tries >= MAX_TRIES) {
        log.warn("archive-article {}: given up after {} tries ({})", url, tries, why);
        operations.stop();
        return;
      }
      Instant next = complete.getTimeDone().plus(FIRST_RETRY.multipliedBy(1L << (tries - 1)));
      log.info("archive-article {}: try {} failed ({}); next try at {}", url, tries, why, next);
      operations.reschedule(complete, next);
    }
  }
}
