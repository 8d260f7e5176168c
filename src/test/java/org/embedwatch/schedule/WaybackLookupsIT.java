package org.embedwatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.embedwatch.App;
import org.embedwatch.capture.WaybackCorroboration;
import org.embedwatch.platform.wayback.UrlForm;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.store.Database;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The low-priority 'wayback-lookup' task on the archive's own database, run by db-scheduler's ManualScheduler: queued
 * by {@code archive} for each post and URL form, a week after the first capture; once run, the mementos are stored and
 * a second run of the same instance asks nothing.
 */
class WaybackLookupsIT {
  @TempDir Path work;
  private SandboxedCli env;
  private App app;
  private Database db;
  private ManualScheduler scheduler;
  private final SettableClock time = new SettableClock();

  @BeforeEach
  void archive() throws IOException {
    env = SandboxedCli.start(work, Map.of());
    Path article = Files.writeString(work.resolve("two.html"), Articles.twoEmbeds());
    assertThat(env.cli().run("archive", article.toString()).exit()).isZero();
    app = env.cli().openApp();
    db = env.cli().database();
    scheduler = TestHelper.createManualScheduler(db.dataSource(), app.tasks()).clock(time).build();
  }

  @AfterEach
  void stop() {
    try {
      app.close();
      db.close();
    } finally {
      env.close();
    }
  }

  private void runDueAt(Duration sinceStart) {
    env.clock().set(SandboxedCli.START.plus(sinceStart));
    time.set(env.clock().instant());
    scheduler.runAnyDueExecutions();
  }

  private long waybackRequests() {
    return env.sandbox().requests().stream().filter(r -> r.host().equals("web.archive.org")).count();
  }

  private List<Map<String, Object>> lookups() {
    return env.cli().query("select task_instance, execution_time, priority, task_data from scheduled_tasks"
        + " where task_name = 'wayback-lookup' order by task_instance");
  }

  private long postRef(String postId) {
    return (Long) env.cli().query("select id from post where post_id = ?", postId).get(0).get("id");
  }

  private List<String> cdxObservations(String postId) {
    return env.cli().query("select o.outcome, o.request_url from observation o join post p on p.id = o.post_ref"
        + " where p.post_id = ? and o.endpoint = 'wayback-cdx' order by o.id", postId).stream()
        .map(r -> r.get("outcome") + " " + r.get("request_url")).toList();
  }

  @Test
  void archiveQueuesOneLowPriorityLookupPerPostAndFormAWeekLaterAndAsksTheArchiveNothing() {
    long photo = postRef(Articles.PHOTO_POST);
    long video = postRef(Articles.VIDEO_POST);
    assertThat(waybackRequests()).isZero();
    List<Map<String, Object>> rows = lookups();
    assertThat(rows).extracting(r -> r.get("task_instance")).containsExactlyInAnyOrder(
        photo + ":twitter", photo + ":x", photo + ":i-web", video + ":twitter", video + ":x", video + ":i-web");
    Instant firstServed = (Instant) ((OffsetDateTime) env.cli().query("select min(observed_at) t from observation"
        + " where outcome = 'AVAILABLE' and endpoint not like 'wayback-%'").get(0).get("t")).toInstant();
    for (Map<String, Object> r : rows) {
      assertThat(((Number) r.get("priority")).intValue()).isEqualTo(Priority.LOW);
      assertThat(((OffsetDateTime) r.get("execution_time")).toInstant())
          .isBetween(firstServed.plus(WaybackCorroboration.LOOKUP_DELAY),
              SandboxedCli.START.plus(WaybackCorroboration.LOOKUP_DELAY).plusSeconds(60));
    }

    runDueAt(Duration.ofDays(6));

    assertThat(waybackRequests()).isZero();
    assertThat(lookups()).hasSize(6);
  }

  @Test
  void aDueLookupStoresTheMementosOnceAndASecondRunOfTheSameInstanceAsksNothing() {
    runDueAt(Duration.ofDays(7).plusMinutes(5));

    assertThat(waybackRequests()).isEqualTo(6);
    assertThat(lookups()).isEmpty();
    assertThat(cdxObservations(Articles.PHOTO_POST)).hasSize(3)
        .allMatch(o -> o.startsWith("AVAILABLE ") || o.startsWith("NOT_FOUND "));
    List<Map<String, Object>> mementos = env.cli().query("select m.original_url from memento m join post p"
        + " on p.id = m.post_ref where p.post_id = ? order by m.memento_at", Articles.PHOTO_POST);
    assertThat(mementos).extracting(r -> r.get("original_url")).containsExactly(
        "https://twitter.com/SamuelSusla/status/" + Articles.PHOTO_POST,
        "http://twitter.com/SamuelSusla/status/" + Articles.PHOTO_POST + "?s=20",
        "https://x.com/SamuelSusla/status/" + Articles.PHOTO_POST);
    assertThat(env.cli().query("select state from post where post_id = ?", Articles.PHOTO_POST).get(0).get("state"))
        .isEqualTo("AVAILABLE");

    // The same instance again (queued by hand): answered before, so nothing is asked and it is done.
    String instance = WaybackLookups.instance(postRef(Articles.PHOTO_POST), UrlForm.TWITTER);
    scheduler.schedule(WaybackLookups.DESCRIPTOR.instance(instance).priority(Priority.LOW).build(), time.now());
    assertThat(lookups()).hasSize(1);
    runDueAt(Duration.ofDays(7).plusMinutes(10));

    assertThat(waybackRequests()).isEqualTo(6);
    assertThat(lookups()).isEmpty();
    assertThat(cdxObservations(Articles.PHOTO_POST)).hasSize(3);
    assertThat(env.cli().query("select count(*) n from memento").get(0).get("n")).isEqualTo(6L);

    // A later check asks the archive nothing either.
    env.clock().advance(Duration.ofDays(1));
    assertThat(env.cli().run("check", "--all").exit()).isZero();
    assertThat(waybackRequests()).isEqualTo(6);
  }

  @Test
  void aLookupTheArchiveDoesNotAnswerIsTriedAgainLaterAndNeverReadAsTheState() {
    env.sandbox().setWaybackFault(Fault.status(503));

    runDueAt(Duration.ofDays(7).plusMinutes(5));

    long asked = waybackRequests();
    assertThat(asked).isPositive();
    assertThat(lookups()).hasSize(6).allSatisfy(r -> {
      assertThat(r.get("task_data")).isNotNull();
      assertThat(((OffsetDateTime) r.get("execution_time")).toInstant())
          .isAfter(SandboxedCli.START.plus(Duration.ofDays(7)).plus(WaybackLookups.RETRY).minusSeconds(1));
    });
    assertThat(env.cli().query("select count(*) n from memento").get(0).get("n")).isEqualTo(0L);
    assertThat(env.cli().query("select state from post where post_id = ?", Articles.PHOTO_POST).get(0).get("state"))
        .isEqualTo("AVAILABLE");

    env.sandbox().setWaybackFault(Fault.none());
    runDueAt(Duration.ofDays(7).plus(WaybackLookups.RETRY).plusMinutes(10));

    assertThat(lookups()).isEmpty();
    assertThat(cdxObservations(Articles.PHOTO_POST)).filteredOn(o -> !o.startsWith("SERVER_ERROR")).hasSize(3);
    assertThat(env.cli().query("select count(*) n from memento").get(0).get("n")).isEqualTo(6L);
  }
}
