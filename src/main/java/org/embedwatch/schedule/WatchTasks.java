package org.embedwatch.schedule;

import com.github.kagkarlsson.scheduler.task.Task;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import org.embedwatch.Archiver;
import org.embedwatch.config.ScheduleSettings;
import org.embedwatch.extract.Reference;
import org.embedwatch.read.InputExpander;
import org.embedwatch.store.EvidenceReader;
import org.embedwatch.store.WatchTable;

/**
 * Builds the task kinds of watches and articles for the scheduler: {@code poll-watch}, {@code archive-article},
 * {@code recapture-article} and {@code retry-remnant}. Relative article inputs (files archived by path) are resolved
 * against the process's working directory, as the CLI resolves them.
 */
public final class WatchTasks {
  /** What the tasks archive: the references in the article body, as {@code archive} does by default. */
  static final Predicate<Reference> IN_SCOPE = r -> r.scope() == Reference.Scope.ARTICLE;

  private final Archiver archiver;
  private final InputExpander inputs;
  private final EvidenceReader evidence;
  private final WatchTable watches;
  private final ScheduleSettings schedule;
  private final Clock clock;

  /** Six parts, each one App owns already; a record of them would only repeat App's fields. */
  public WatchTasks(Archiver archiver, InputExpander inputs, EvidenceReader evidence, WatchTable watches,
      ScheduleSettings schedule, Clock clock) {
    this.archiver = archiver.leavingKnownPosts(); // a known post keeps its own check-post cadence
    this.inputs = inputs;
    this.evidence = evidence;
    this.watches = watches;
    this.schedule = schedule;
    this.clock = clock;
  }

  /** The four task kinds, for the scheduler's list of known tasks. */
  public List<Task<?>> tasks() {
    Path baseDir = Path.of("").toAbsolutePath();
    ArticleArchives archives = new ArticleArchives(archiver, evidence, baseDir);
    return List.of(
        new WatchPoll(inputs, evidence, watches, archives, schedule.watchEvery(), clock).task(),
        archives.task(),
        new ArticleRecaptures(archiver, evidence, schedule, baseDir, clock).task(),
        new RemnantRetries(archiver, schedule.remnantRetry(), clock).task());
  }
}
