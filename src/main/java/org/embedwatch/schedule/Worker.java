package org.embedwatch.schedule;

import com.github.kagkarlsson.scheduler.PollingStrategyConfig;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.TaskResolver;
import com.github.kagkarlsson.scheduler.Waiter;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.event.SchedulerListener;
import com.github.kagkarlsson.scheduler.event.SchedulerListeners;
import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcTaskRepository;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.embedwatch.store.ScheduledTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker of the persistent scheduler: db-scheduler's {@link Scheduler} on the store's database, with the tasks
 * the composition root gives it. {@link #start()} runs it until {@link #stop()} (the daemon); {@link #drain()} runs
 * what is due now, and what those runs make due now, then returns ({@code daemon --once}, {@code check}). Claiming is
 * db-scheduler's: lock-and-fetch ({@code for update skip locked}) on PostgreSQL, optimistic picks elsewhere, so that
 * any number of workers on one database run each execution once per due time. A worker that stops heart-beating
 * (killed) has its picked executions revived by another after {@code daemon.heartbeat} times the missed-heartbeat
 * limit. Extends db-scheduler's scheduler, as its own {@code ManualScheduler} does, to run a poll on the caller's
 * demand. Thread-safe.
 */
public final class Worker extends Scheduler {
  private static final Logger log = LoggerFactory.getLogger(Worker.class);
  /** Heart-beats a worker may miss before its executions count as dead (db-scheduler's default). */
  static final int MISSED_HEARTBEATS = 6;
  /**
   * How long executions of a task kind this worker does not know are kept: for ever, in effect (db-scheduler's default
   * deletes them after 14 days, which would drop another worker's tasks, e.g. those of a newer version, or the watch
   * tasks while a {@code check} that knows only {@code check-post} runs long).
   */
  static final Duration UNRESOLVED_KEPT = Duration.ofDays(365L * 100);

  private final Clock clock;
  private final ScheduledTasks tasks;
  private final Set<String> names;
  private final Duration heartbeat;
  private final Object idle = new Object();
  private final AtomicInteger starts = new AtomicInteger();
  private final String name;

  /**
   * How a worker runs.
   *
   * @param name the worker's identity in the task table ({@code host-pid})
   * @param threads executions run at once
   * @param lockAndFetch whether the database claims with {@code select … for update skip locked} (PostgreSQL)
   */
  public record Config(String name, int threads, Duration pollInterval, Duration heartbeat, Duration shutdownWait,
      boolean lockAndFetch) {
    public Config {
      if (threads < 1) {
        throw new IllegalArgumentException("a worker runs at least 1 thread, got " + threads);
      }
    }
  }

  private Worker(Clock clock, JdbcTaskRepository schedulerRepository, JdbcTaskRepository clientRepository,
      TaskResolver resolver, SchedulerListeners listeners, Config config, ScheduledTasks tasks, Set<String> names) {
    super(clock::instant, schedulerRepository, clientRepository, resolver, config.threads(),
        Executors.newFixedThreadPool(config.threads(), named(config.name() + "-task-")),
        new SchedulerName.Fixed(config.name()), new Waiter(config.pollInterval(), clock::instant),
        config.heartbeat(), MISSED_HEARTBEATS, List.of(listeners), List.of(),
        config.lockAndFetch() ? new PollingStrategyConfig(PollingStrategyConfig.Type.LOCK_AND_FETCH, 0.5, 1.0)
            : PollingStrategyConfig.DEFAULT_FETCH,
        UNRESOLVED_KEPT, config.shutdownWait(), LogLevel.WARN, true, List.of(),
        Executors.newSingleThreadExecutor(named(config.name() + "-due-")),
        Executors.newScheduledThreadPool(2, named(config.name() + "-housekeeper-")));
    this.clock = clock;
    this.tasks = tasks;
    this.names = names;
    this.heartbeat = config.heartbeat();
    this.name = config.name();
    listeners.add(new AbstractSchedulerListener() {
      @Override
      public void onExecutionStart(com.github.kagkarlsson.scheduler.CurrentlyExecuting running) {
        starts.incrementAndGet();
      }

      @Override
      public void onExecutionComplete(ExecutionComplete done) {
        synchronized (idle) {
          idle.notifyAll();
        }
      }
    });
  }

  /**
   * A worker on {@code dataSource} (the evidence database, whose {@code scheduled_tasks} table migration V16 made)
   * running {@code known} tasks.
   *
   * @param clock the time the worker reads for due times and heart-beats (a settable clock in tests)
   */
  public static Worker of(DataSource dataSource, List<Task<?>> known, Config config, Clock clock,
      ScheduledTasks tasks, Set<String> leftToOthers) {
    com.github.kagkarlsson.scheduler.Clock time = clock::instant;
    SchedulerListeners listeners = new SchedulerListeners(new ArrayList<SchedulerListener>());
    TaskResolver resolver = new TaskResolver(listeners, time, known);
    // Kinds this worker leaves to others are excluded from its fetches from the start (db-scheduler would otherwise
    // warn about each as an unknown kind when it first met it).
    leftToOthers.forEach(kind -> resolver.resolve(com.github.kagkarlsson.scheduler.Resolvable.of(kind, clock.instant()),
        true));
    AutodetectJdbcCustomization jdbc = new AutodetectJdbcCustomization(dataSource, true);
    SchedulerName name = new SchedulerName.Fixed(config.name());
    // Due executions in priority order on PostgreSQL only: H2 cannot use the (priority, execution_time) index for a
    // range of due times and sorts every due row (112 ms per claim among 200,000 posts, 8 ms by due time alone).
    boolean priority = config.lockAndFetch();
    JdbcTaskRepository scheduler = new JdbcTaskRepository(dataSource, true, jdbc, "scheduled_tasks", resolver, name,
        Serializer.DEFAULT_JAVA_SERIALIZER, priority, time);
    JdbcTaskRepository client = new JdbcTaskRepository(dataSource, true, jdbc, "scheduled_tasks", resolver, name,
        Serializer.DEFAULT_JAVA_SERIALIZER, priority, time);
    return new Worker(clock, scheduler, client, resolver, listeners, config, tasks,
        known.stream().map(Task::getName).collect(Collectors.toUnmodifiableSet()));
  }

  /** This worker's identity in the task table ({@code picked_by}) and in recorded runs. */
  public String name() {
    return name;
  }

  /** The identity of this process's worker: host name and process id ({@code news-1-4242}). */
  public static String processName() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "unknown-host"; // a name only: the pid still tells this process from the others on the machine
    }
    return host + "-" + ProcessHandle.current().pid();
  }

  /**
   * Runs every execution of this worker's tasks due now, then those the runs made due now (a post a check named),
   * until none is due and none runs; first revives executions whose worker stopped heart-beating. Executions another
   * worker runs are left to it. Heart-beats its running executions meanwhile.
   *
   * @return how many executions it started
   */
  public int drain() {
    detectDeadExecutions();
    ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(named(name + "-heartbeat-"));
    beats.scheduleWithFixedDelay(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    int first = starts.get();
    try {
      int idleRounds = 0;
      while (tasks.due(clock.instant(), names) > 0 && idleRounds < 3) {
        int before = starts.get();
        executeDue();
        awaitIdle();
        // None started: the due ones were picked by another worker meanwhile; look again a few times, no more.
        idleRounds = starts.get() > before ? 0 : idleRounds + 1;
      }
    } finally {
      beats.shutdownNow();
    }
    return starts.get() - first;
  }

  private void beat() {
    Instant now = clock.instant();
    getCurrentlyExecuting().forEach(e -> updateHeartbeatForExecution(now, e));
  }

  /** Waits until no execution of this worker is queued or running. */
  private void awaitIdle() {
    synchronized (idle) {
      while (executor.getNumberInQueueOrProcessing() > 0) {
        try {
          // Woken at each completion; the timeout covers the moment between the completion and the count's decrement.
          idle.wait(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for running tasks", e);
        }
      }
    }
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public String toString() {
    return "worker " + name;
  }
}
