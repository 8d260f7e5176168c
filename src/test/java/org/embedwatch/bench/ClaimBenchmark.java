package org.embedwatch.bench;

import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.TaskResolver;
import com.github.kagkarlsson.scheduler.event.SchedulerListeners;
import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcTaskRepository;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.embedwatch.config.Settings;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.store.Database;
import org.embedwatch.testsupport.PostgresServer;

/**
 * How the scheduler's claims scale: seeds {@code posts} posts, each with its {@code check-post} execution (bulk SQL,
 * due times spread over a year), then prints the heap used and the time db-scheduler takes to claim the next due
 * batch as a worker does it: fetch the due candidates then pick each (H2), or lock-and-fetch them in one statement
 * (PostgreSQL, when {@code -Dembedwatch.test.postgres} gives a server). Prints figures, asserts nothing.
 */
final class ClaimBenchmark {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  /** A worker's batch: db-scheduler fetches up to 3 × threads (8 by default). */
  private static final int BATCH = 24;
  private static final int ROUNDS = 20;

  private ClaimBenchmark() {}

  static void run(int posts, PrintStream out) throws IOException {
    Path work = Files.createTempDirectory("embedwatch-bench-claims");
    Settings.Store h2 = new SettingsLoader(work).load(Optional.empty(), List.of("archive.dir=" + work)).store();
    measure("H2", Database.open(h2), posts, false, out);
    Optional<PostgresServer> pg = PostgresServer.configured();
    if (pg.isPresent()) {
      String name = pg.get().createDatabase();
      try {
        measure("PostgreSQL", Database.open(pg.get().store(name)), posts, true, out);
      } finally {
        pg.get().dropDatabase(name);
      }
    } else {
      out.println("claims on PostgreSQL: skipped (give -Dembedwatch.test.postgres=jdbc:postgresql://…)");
    }
  }

  private static void measure(String vendor, Database db, int posts, boolean lockAndFetch, PrintStream out) {
    try (db) {
      long seeding = System.nanoTime();
      seed(db, posts, lockAndFetch);
      out.printf("claims on %s: seeded %,d posts with their tasks in %.1f s%n", vendor, posts,
          (System.nanoTime() - seeding) / 1e9);
      claims(vendor, db, lockAndFetch, true, out);
      if (!lockAndFetch) {
        // H2 cannot use the (priority, execution_time) index for a range of due times: by due time alone instead.
        claims(vendor + " by due time only", db, false, false, out);
      }
    }
  }

  private static void claims(String vendor, Database db, boolean lockAndFetch, boolean priority, PrintStream out) {
    List<Task<?>> known = List.of(Tasks.custom("check-post", Void.class).execute((i, c) -> (d, o) -> o.remove()));
    // Due times run over a year from T0: at T0 + 30 days about 8% of the posts are due.
    Instant now = T0.plus(Duration.ofDays(30));
    com.github.kagkarlsson.scheduler.Clock clock = () -> now;
    SchedulerListeners listeners = new SchedulerListeners(new ArrayList<>());
    TaskResolver resolver = new TaskResolver(listeners, clock, known);
    JdbcTaskRepository repo = new JdbcTaskRepository(db.dataSource(), true,
        new AutodetectJdbcCustomization(db.dataSource(), true), "scheduled_tasks", resolver,
        new SchedulerName.Fixed("bench"), Serializer.DEFAULT_JAVA_SERIALIZER, priority, clock);
    List<Double> millis = new ArrayList<>();
    List<Double> fetches = new ArrayList<>();
    for (int round = 0; round < ROUNDS + 3; round++) {
      long start = System.nanoTime();
      int claimed;
      if (lockAndFetch) {
        claimed = repo.lockAndGetDue(now, BATCH).size();
      } else {
        claimed = 0;
        List<Execution> due = repo.getDue(now, BATCH);
        if (round >= 3) {
          fetches.add((System.nanoTime() - start) / 1e6);
        }
        for (Execution e : due) {
          claimed += repo.pick(e, now).isPresent() ? 1 : 0;
        }
      }
      if (claimed != BATCH) {
        throw new IllegalStateException(vendor + ": claimed " + claimed + " of " + BATCH + " due executions in round " + round);
      }
      if (round >= 3) { // the first rounds warm the JIT and the database's caches
        millis.add((System.nanoTime() - start) / 1e6);
      }
    }
    millis.sort(Double::compare);
    fetches.sort(Double::compare);
    System.gc();
    Runtime rt = Runtime.getRuntime();
    out.printf("claims on %s: next due batch of %d claimed in %.1f ms (median of %d; max %.1f ms); heap used %d MB"
        + " (max %d MB)%n", vendor, BATCH, millis.get(millis.size() / 2), ROUNDS, millis.get(millis.size() - 1),
        (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
    if (!fetches.isEmpty()) {
      out.printf("claims on %s: of which the fetch of the due candidates %.1f ms (median), the rest %d picks, one"
          + " committed update each%n", vendor, fetches.get(fetches.size() / 2), BATCH);
    }
  }

  private static void seed(Database db, int posts, boolean postgres) {
    String range = postgres ? "generate_series(1, " + posts + ") as r(x)" : "system_range(1, " + posts + ") r";
    String x = "r.x";
    // One post every 31.5 seconds over a year: due times spread evenly.
    String due = postgres ? "(timestamp with time zone '2026-01-01 00:00:00+00' + " + x + " * interval '31 seconds')"
        : "dateadd(second, " + x + " * 31, timestamp with time zone '2026-01-01 00:00:00+00')";
    db.inTransaction(c -> {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("insert into post(platform, post_id, handle, url, first_seen, state, next_check_at, identity)"
            + " select 'x', cast(" + x + " as varchar(40)), 'bench', '', timestamp with time zone"
            + " '2026-01-01 00:00:00+00', 'AVAILABLE', " + due + ", cast(" + x + " as varchar(40)) from " + range);
        // Only check-post executions: the claims below know no other kind (the migrations' own are left out).
        s.executeUpdate("delete from scheduled_tasks where task_name <> 'check-post'");
        s.executeUpdate("insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,"
            + " version, priority, consecutive_failures) select 'check-post', cast(id as varchar(40)), null,"
            + " next_check_at, false, 1, 50, 0 from post");
        if (postgres) {
          s.execute("analyze scheduled_tasks");
        }
      }
      return null;
    });
  }
}
