package org.embedwatch.schedule;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import com.github.kagkarlsson.scheduler.task.Task;
import java.util.List;
import org.embedwatch.config.ScheduleSettings;
import org.embedwatch.config.Settings;
import org.embedwatch.store.Database;
import org.embedwatch.store.ScheduledTasks;
import org.embedwatch.store.SchedulerRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run of this process's {@link Worker}, recorded in {@code scheduler_run}: until stopped ({@code daemon}), with one
 * summary line per cycle on stderr, or until nothing is due ({@code daemon --once}, {@code check}). Each run is
 * recorded when it starts and when it ends, with its counts and how it ended; a killed run keeps no end.
 */
public final class Daemon {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  private final Worker worker;
  private final RunTally tally;
  private final SchedulerRuns runs;
  private final ScheduledTasks tasks;
  private final Duration summaryEvery;
  private final Clock clock;

  /** @param summaryEvery how often a running daemon prints its summary line ({@code daemon.summary-every}) */
  public Daemon(Worker worker, RunTally tally, SchedulerRuns runs, ScheduledTasks tasks, Duration summaryEvery,
      Clock clock) {
    this.worker = worker;
    this.tally = tally;
    this.runs = runs;
    this.tasks = tasks;
    this.summaryEvery = summaryEvery;
    this.clock = clock;
  }

  /**
   * This process's scheduler run: a {@link Worker} named by host and pid on the store's database (lock-and-fetch on
   * PostgreSQL) with {@code check.concurrency} threads (16 when unlimited) running {@code tasks}, its runs recorded in
   * {@code scheduler_run}.
   */
  public static Daemon of(Database db, List<Task<?>> tasks, Settings settings, RunTally tally, Clock clock) {
    return of(db, tasks, java.util.Set.of(), settings, tally, clock);
  }

  /**
   * As {@link #of(Database, List, Settings, RunTally, Clock)}, running only {@code tasks} and leaving the executions
   * of the kinds named in {@code leftToOthers} alone, unfetched and unwarned about (for {@code check}, which runs the
   * due {@code check-post} executions only).
   */
  public static Daemon of(Database db, List<Task<?>> tasks, java.util.Set<String> leftToOthers, Settings settings,
      RunTally tally, Clock clock) {
    ScheduleSettings s = settings.schedule();
    int threads = settings.check().concurrency() == 0 ? 16 : settings.check().concurrency();
    ScheduledTasks scheduled = new ScheduledTasks(db);
    Worker worker = Worker.of(db.dataSource(), tasks, new Worker.Config(Worker.processName(), threads,
        s.pollInterval(), s.heartbeat(), s.shutdownWait(), db.vendor() == Database.Vendor.POSTGRESQL), clock,
        scheduled, leftToOthers);
    return new Daemon(worker, tally, new SchedulerRuns(db), scheduled, s.summaryEvery(), clock);
  }

  /** What {@code schedule} reads: the executions and the recorded runs. */
  public record Reads(ScheduledTasks tasks, SchedulerRuns runs) {}

  /**
   * Runs everything due now, and what those runs make due now, then returns what it did.
   *
   * @param mode what started the run, as recorded ({@code once}, {@code check})
   */
  public RunTally.Snapshot once(String mode) {
    long run = runs.start(worker.name(), mode, clock.instant());
    RunTally.Snapshot before = tally.snapshot();
    try {
      worker.drain();
    } catch (RuntimeException e) {
      runs.update(run, tally.snapshot().since(before).counts(), clock.instant(), "failed: " + e);
      throw e;
    }
    RunTally.Snapshot done = tally.snapshot().since(before);
    runs.update(run, done.counts(), clock.instant(), "drained");
    return done;
  }

  /**
   * Runs the worker until {@code stop} is counted down, printing a summary line every {@code daemon.summary-every};
   * then stops it (running executions finish within {@code daemon.shutdown-wait}) and records the end.
   *
   * @param how the recorded ending ({@code stopped by SIGTERM or Ctrl-C})
   */
  public RunTally.Snapshot runUntil(CountDownLatch stop, String how) throws InterruptedException {
    long run = runs.start(worker.name(), "daemon", clock.instant());
    RunTally.Snapshot first = tally.snapshot();
    AtomicInteger cycle = new AtomicInteger();
    RunTally.Snapshot[] last = {first};
    ScheduledExecutorService summaries = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, worker.name() + "-summary");
      t.setDaemon(true);
      return t;
    });
    Runnable summary = () -> {
      try {
        RunTally.Snapshot now = tally.snapshot();
        log.info("cycle {}: {}", cycle.incrementAndGet(), line(now.since(last[0])));
        last[0] = now;
        runs.update(run, now.since(first).counts(), null, null);
      } catch (RuntimeException e) {
        // Caught once per cycle (house style): the daemon goes on; the next cycle tries again.
        log.warn("cycle {}: cannot record the summary: {}", cycle.get(), e.toString());
      }
    };
    log.info("daemon {} started", worker.name());
    worker.start();
    summaries.scheduleWithFixedDelay(summary, summaryEvery.toMillis(), summaryEvery.toMillis(),
        TimeUnit.MILLISECONDS);
    try {
      stop.await();
    } finally {
      summaries.shutdownNow();
      stop();
      summary.run();
      RunTally.Snapshot done = tally.snapshot().since(first);
      runs.update(run, done.counts(), clock.instant(), how);
      log.info("daemon {} stopped: {}", worker.name(), how);
    }
    return tally.snapshot().since(first);
  }

  /** Stops the worker (idempotent: a daemon's run stopped it already); executions running finish first. */
  public void stop() {
    if (!worker.getSchedulerState().isShuttingDown()) {
      worker.stop();
    }
  }

  /** {@code checked 3, captured 1, flagged 1, failed 0; next due 2026-12-08T02:00:00Z}. */
  private String line(RunTally.Snapshot s) {
    return "checked " + s.checked() + ", captured " + s.captured() + ", flagged " + s.flagged() + ", failed "
        + s.failed() + "; next due " + tasks.nextDue().map(Object::toString).orElse("none");
  }
}
