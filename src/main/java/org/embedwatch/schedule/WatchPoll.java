package org.embedwatch.schedule;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.embedwatch.read.InputExpander;
import org.embedwatch.read.InputItem;
import org.embedwatch.store.EvidenceReader;
import org.embedwatch.store.Watch;
import org.embedwatch.store.WatchTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code poll-watch} task (instance = the watch id): lists the articles of the watched input
 * ({@link InputExpander#list}, without reading them) and schedules an {@code archive-article} task for each one that
 * is neither archived nor scheduled; records what the poll gave on the watch; comes again after the watch's interval.
 * A paused watch is not polled at its turn; a removed one's task ends. A poll that cannot read its input records why
 * and is tried at its next turn.
 */
final class WatchPoll {
  private static final Logger log = LoggerFactory.getLogger(WatchPoll.class);

  private final InputExpander inputs;
  private final EvidenceReader evidence;
  private final WatchTable watches;
  private final ArticleArchives archives;
  private final Clock clock;
  private final Task<Void> task;

  /** @param retry when a poll that failed unexpectedly (a bug, the database) is tried again */
  WatchPoll(InputExpander inputs, EvidenceReader evidence, WatchTable watches, ArticleArchives archives,
      Duration retry, Clock clock) {
    this.inputs = inputs;
    this.evidence = evidence;
    this.watches = watches;
    this.archives = archives;
    this.clock = clock;
    this.task = Tasks.custom(WatchTable.POLL_TASK, Void.class)
        .onFailure(new FailureHandler.OnFailureRetryLater<>(retry))
        .execute((instance, context) -> run(Long.parseLong(instance.getId()), context.getSchedulerClient()));
  }

  Task<Void> task() {
    return task;
  }

  private CompletionHandler<Void> run(long id, SchedulerClient scheduler) {
    Optional<Watch> found = watches.find(id);
    if (found.isEmpty()) {
      log.info("watch {} was removed; its poll-watch task ends", id);
      return new CompletionHandler.OnCompleteRemove<>();
    }
    Watch watch = found.get();
    Instant now = clock.instant();
    if (watch.paused()) {
      log.debug("watch {} is paused; not polled", id);
    } else {
      WatchTable.Poll poll = poll(watch, scheduler, now);
      watches.polled(id, poll);
      log.info("watch {} ({}): {}", id, watch.input(), poll.result());
    }
    Instant next = now.plus(watch.every());
    return (complete, operations) -> operations.reschedule(complete, next);
  }

  private WatchTable.Poll poll(Watch watch, SchedulerClient scheduler, Instant now) {
    Set<String> articles = new LinkedHashSet<>();
    InputItem[] first = new InputItem[1];
    int[] problems = new int[1];
    String[] failure = new String[1];
    inputs.list(watch.input(), Path.of("").toAbsolutePath(), item -> {
      if (first[0] == null) {
        first[0] = item;
      }
      if (item instanceof InputItem.Problem p) {
        problems[0]++;
        if (p.input().equals(watch.input())) {
          failure[0] = p.problem().key() + ": " + p.reason();
        }
      }
    }, articles::add);
    if (failure[0] != null) {
      return new WatchTable.Poll(now, null, "poll failed: " + failure[0] + "; tried again at its next turn", 0, 0);
    }
    int scheduled = 0;
    int archived = 0;
    for (String url : articles) {
      if (evidence.findArticle(url).isPresent()) {
        archived++;
      } else if (scheduler.scheduleIfNotExists(archives.instance(url, now))) {
        scheduled++;
      }
    }
    Watch.Kind kind = first[0] instanceof InputItem.Expansion e ? kind(e.container()) : Watch.Kind.PAGE;
    String what = first[0] instanceof InputItem.Expansion e ? e.container().label() : "page";
    return new WatchTable.Poll(now, kind, what + ", " + articles.size() + (articles.size() == 1 ? " article" : " articles")
        + ": " + scheduled + " new scheduled, " + archived + " archived before, "
        + (articles.size() - scheduled - archived) + " already scheduled"
        + (problems[0] == 0 ? "" : "; " + problems[0] + " entries unreadable"), articles.size(), scheduled);
  }

  private static Watch.Kind kind(InputItem.Container container) {
    return switch (container) {
      case RSS_FEED, ATOM_FEED -> Watch.Kind.FEED;
      case SITEMAP, SITEMAP_INDEX -> Watch.Kind.SITEMAP;
      case LIST, DIRECTORY -> Watch.Kind.LIST;
    };
  }
}
