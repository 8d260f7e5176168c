package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.store.Database;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler through the CLI: {@code archive} gives each post its check-post execution, {@code daemon --once} and
 * {@code check} run what is due under a settable clock, and the decay cadence decides when each post comes again.
 */
class SchedulerIT {
  private static final Instant T0 = SandboxedCli.START;

  @TempDir Path work;
  private SandboxedCli env;
  private MutableClock clock;
  private Sandbox sandbox;
  private CliRunner cli;

  @BeforeEach
  void archiveTwoPosts() throws IOException {
    env = SandboxedCli.start(work, Map.of("check.concurrency", "2"));
    clock = env.clock();
    sandbox = env.sandbox();
    cli = env.cli();
    Path article = Files.writeString(work.resolve("two.html"), Articles.twoEmbeds());
    CliRunner.Run archived = cli.run("archive", article.toString());
    assertThat(archived.exit()).as(archived.err()).isZero();
  }

  @AfterEach
  void close() {
    env.close();
  }

  private void at(Duration sinceArchive) {
    clock.advance(Duration.between(clock.instant(), T0.plus(sinceArchive)));
  }

  private long checks() {
    return (Long) cli.query("select count(*) n from post_check").get(0).get("n");
  }

  private CliRunner.Run once() {
    CliRunner.Run run = cli.run("daemon", "--once");
    assertThat(run.exit()).as(run.err()).isZero();
    return run;
  }

  private String state(String postId) {
    Map<String, Object> row = cli.query("select state, state_reason from post where post_id = ?", postId).get(0);
    return row.get("state") + (row.get("state_reason") == null ? "" : "/" + row.get("state_reason"));
  }

  /** The post's check-post execution time and its cached next check, which must agree. */
  private Instant due(String postId) {
    Map<String, Object> row = cli.query("select t.execution_time, p.next_check_at from scheduled_tasks t join post p"
        + " on t.task_instance = cast(p.id as varchar(40)) where t.task_name = 'check-post' and p.post_id = ?",
        postId).get(0);
    Instant task = instant(row.get("execution_time"));
    assertThat(instant(row.get("next_check_at"))).as("post.next_check_at caches the execution time").isEqualTo(task);
    return task;
  }

  private static Instant instant(Object value) {
    return value instanceof OffsetDateTime t ? t.toInstant() : ((java.sql.Timestamp) value).toInstant();
  }

  private String lastCadence(String postId) {
    return (String) cli.query("select c.cadence from post_check c join post p on p.id = c.post_ref where p.post_id = ?"
        + " order by c.check_no desc", postId).get(0).get("cadence");
  }

  @Test
  void archivedPostsAreCheckedOnTheDecayCurveAndNotInBetween() {
    assertThat(checks()).as("the archive's own check of each post").isEqualTo(2);
    assertThat(due(Articles.PHOTO_POST)).isEqualTo(T0.plus(Duration.ofHours(1)));

    List<Duration> curve = List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24), Duration.ofDays(3),
        Duration.ofDays(7));
    long expected = 2;
    for (Duration point : curve) {
      at(point.minusMinutes(1));
      assertThat(once().out()).as("a minute before +" + point).contains("checked 0,");
      assertThat(checks()).isEqualTo(expected);
      at(point);
      assertThat(once().out()).as("at +" + point).contains("checked 2,");
      expected += 2;
      assertThat(checks()).isEqualTo(expected);
      assertThat(lastCadence(Articles.VIDEO_POST)).startsWith("cadence +");
    }
    assertThat(due(Articles.VIDEO_POST)).isEqualTo(T0.plus(Duration.ofDays(30)));
    assertThat(lastCadence(Articles.VIDEO_POST)).isEqualTo("cadence +PT720H");
  }

  @Test
  void aSuspectedDeletionIsCheckedEveryTwelveHoursAndConfirmedADayAfterItWasFirstSeen() {
    at(Duration.ofHours(24));
    sandbox.apply(Articles.PHOTO_POST, Change.deleted());
    once();
    assertThat(state(Articles.PHOTO_POST)).isEqualTo("SUSPECTED_UNAVAILABLE/DELETED");
    assertThat(due(Articles.PHOTO_POST)).isEqualTo(T0.plus(Duration.ofHours(36)));
    assertThat(lastCadence(Articles.PHOTO_POST)).isEqualTo("confirmation every PT12H");

    at(Duration.ofHours(36));
    once();
    assertThat(state(Articles.PHOTO_POST)).isEqualTo("SUSPECTED_UNAVAILABLE/DELETED");
    at(Duration.ofHours(48).minusMinutes(1));
    once();
    assertThat(state(Articles.PHOTO_POST)).isEqualTo("SUSPECTED_UNAVAILABLE/DELETED");
    at(Duration.ofHours(48));
    once();
    assertThat(state(Articles.PHOTO_POST)).as("the third unavailable check, 24 hours after the first")
        .isEqualTo("CONFIRMED_UNAVAILABLE/DELETED");
    assertThat(due(Articles.PHOTO_POST)).as("back on the curve").isEqualTo(T0.plus(Duration.ofDays(3)));
  }

  @Test
  void aCheckThatReachedNoEndpointIsRetriedSoonWithBackoff() {
    at(Duration.ofHours(1));
    sandbox.setFault(Fault.status(503));
    once();
    Instant first = clock.instant();
    assertThat(due(Articles.PHOTO_POST)).isEqualTo(first.plus(Duration.ofMinutes(10)));
    assertThat(lastCadence(Articles.PHOTO_POST)).isEqualTo("retry after PT10M (1 check reached no endpoint)");
    assertThat(state(Articles.PHOTO_POST)).as("an outage is not evidence").isEqualTo("AVAILABLE");

    clock.advance(Duration.ofMinutes(10));
    once();
    assertThat(due(Articles.PHOTO_POST)).as("doubled").isEqualTo(first.plus(Duration.ofMinutes(30)));
    clock.advance(Duration.ofMinutes(19));
    assertThat(once().out()).contains("checked 0,");

    sandbox.setFault(Fault.none());
    clock.advance(Duration.ofMinutes(1));
    assertThat(once().out()).contains("checked 2,");
    assertThat(due(Articles.PHOTO_POST)).as("reached again: back on the curve").isEqualTo(T0.plus(Duration.ofHours(6)));
  }

  @Test
  void anExecutionRunTwiceForOneDueTimeRecordsOneCheck() {
    at(Duration.ofHours(1));
    assertThat(cli.run("check").out()).contains("checked 2 posts");
    assertThat(checks()).isEqualTo(4);
    Instant next = due(Articles.PHOTO_POST);

    // As if a worker ran the execution and died before its reschedule was stored: the execution is due again at the
    // same due time, and another run finds its check recorded.
    try (Database db = cli.database()) {
      db.inTransaction(c -> {
        try (var ps = c.prepareStatement("update scheduled_tasks set execution_time = ? where task_name = 'check-post'")) {
          ps.setObject(1, T0.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC));
          return ps.executeUpdate();
        }
      });
    }
    CliRunner.Run again = cli.run("check");

    assertThat(again.out()).contains("checked by another run at this due time; nothing recorded by this one");
    assertThat(checks()).as("no check recorded twice").isEqualTo(4);
    assertThat(cli.query("select check_key from post_check order by id")).extracting(r -> r.get("check_key"))
        .filteredOn(k -> ((String) k).contains(" due ")).hasSize(2)
        .allMatch(k -> ((String) k).endsWith(" due " + T0.plus(Duration.ofHours(1))));
    assertThat(due(Articles.PHOTO_POST)).as("rescheduled to the stored next check").isEqualTo(next);
  }

  @Test
  void scheduleShowsWhatIsDueAndWhatRan() {
    CliRunner.Run before = cli.run("schedule");
    assertThat(before.exit()).as(before.err()).isZero();
    // deliver-alerts and retry-remnant, made by migrations, are due from the start until a run reschedules them.
    assertThat(before.out()).contains("check-post: 2 scheduled, 0 due now").contains("overdue: 2")
        .contains(T0.plus(Duration.ofHours(1)) + "  check-post  x " + Articles.PHOTO_POST)
        .contains("no runs recorded");

    at(Duration.ofHours(2));
    assertThat(cli.run("schedule").out()).contains("check-post: 2 scheduled, 2 due now").contains("overdue: 4");
    once();
    CliRunner.Run after = cli.run("schedule");

    assertThat(after.out()).contains("check-post: 2 scheduled, 0 due now").contains("overdue: 0")
        .contains(T0.plus(Duration.ofHours(6)) + "  check-post  x ")
        .containsPattern("recent runs:\n  " + T0.plus(Duration.ofHours(2)) + "  once on \\S+: checked 2, captured 0,"
            + " flagged 0, failed 0; ended " + T0.plus(Duration.ofHours(2)) + ", drained");
  }
}
