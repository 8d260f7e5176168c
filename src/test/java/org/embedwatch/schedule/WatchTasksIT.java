package org.embedwatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.embedwatch.App;
import org.embedwatch.config.Settings;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.sandbox.Scenario;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.MappedDns;
import org.embedwatch.testsupport.PageServer;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch and article tasks driven by db-scheduler's {@link ManualScheduler} on the App's data source, with the
 * clock moved by hand (no sleeps): watches added, paused, resumed and removed through the real CLI, a feed served on
 * 127.0.0.1, posts from the sandbox. On H2, or PostgreSQL with {@code -Dembedwatch.test.postgres=URL}.
 */
class WatchTasksIT {
  private static final Map<String, String> HTML = Map.of("Content-Type", "text/html; charset=utf-8");
  private static final Map<String, String> RSS = Map.of("Content-Type", "application/rss+xml");

  @TempDir Path work;
  private SandboxedCli env;
  private PageServer pages;
  private CliRunner cli;

  private void start(Scenario scenario) throws IOException {
    env = SandboxedCli.start(work, scenario, Map.of());
    pages = PageServer.start();
    cli = env.cli().allow(pages);
  }

  @AfterEach
  void stop() {
    if (pages != null) {
      pages.close();
    }
    if (env != null) {
      env.close();
    }
  }

  @Test
  void aWatchedFeedsNewItemIsArchivedOnceAndTheOldOnesNotAgain() throws IOException {
    start(Scenario.demo());
    page("/one.html", Articles.twoEmbeds());
    page("/two.html", quoting(Articles.QUOTE_POST));
    feed(pages.url("/one.html"));

    CliRunner.Run add = cli.run("watch", "add", pages.url("/feed.xml"), "--every", "2h");
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.out()).isEqualTo("watch 1: " + pages.url("/feed.xml") + " (page, until its first poll tells),"
        + " every PT2H; next poll 2026-03-01T10:00:00Z (now)\n");

    runDue();
    assertThat(articleCaptures()).containsExactly(pages.url("/one.html"));
    assertThat(watch()).containsEntry("kind", "feed").containsEntry("articles_found", 1)
        .containsEntry("articles_scheduled", 1)
        .containsEntry("last_result", "RSS feed, 1 article: 1 new scheduled, 0 archived before, 0 already scheduled");
    assertThat(cli.query("select post_id from post order by post_id")).extracting(p -> p.get("post_id"))
        .containsExactly(Articles.PHOTO_POST, Articles.VIDEO_POST);

    feed(pages.url("/one.html"), "/two.html");
    env.clock().advance(Duration.ofHours(1));
    runDue();
    assertThat(articleCaptures()).as("not polled before its turn").containsExactly(pages.url("/one.html"));

    env.clock().advance(Duration.ofHours(1));
    runDue();
    env.clock().advance(Duration.ofHours(2));
    runDue();

    assertThat(articleCaptures()).containsExactly(pages.url("/one.html"), pages.url("/two.html"));
    assertThat(pages.requested().stream().filter(r -> r.contains("/one.html")).count()).isEqualTo(1);
    assertThat(pages.requested().stream().filter(r -> r.contains("/two.html")).count()).isEqualTo(1);
    assertThat(pages.requested().stream().filter(r -> r.contains("/feed.xml")).count()).isEqualTo(3);
    assertThat(watch()).containsEntry("articles_found", 2).containsEntry("articles_scheduled", 2)
        .containsEntry("last_result", "RSS feed, 2 articles: 0 new scheduled, 2 archived before, 0 already scheduled")
        .containsEntry("last_polled_at", at("2026-03-01T14:00:00Z"));
    assertThat(task("poll-watch", "1")).isEqualTo(at("2026-03-01T16:00:00Z"));
    assertThat(cli.query("select count(*) n from scheduled_tasks where task_name='archive-article'").get(0))
        .containsEntry("n", 0L);
    // Each article got its re-capture task when it was stored, a day after its first capture.
    assertThat(cli.query("select t.execution_time from scheduled_tasks t join article a"
        + " on t.task_instance = cast(a.id as varchar(40)) where t.task_name='recapture-article' order by a.id"))
        .extracting(r -> r.get("execution_time"))
        .containsExactly(at("2026-03-02T10:00:00Z"), at("2026-03-02T12:00:00Z"));
  }

  @Test
  void aPausedWatchIsNotPolledAtItsTurnAResumedOneIsAndARemovedOneLosesItsTask() throws IOException {
    start(Scenario.demo());
    page("/one.html", Articles.twoEmbeds());
    feed(pages.url("/one.html"));
    assertThat(cli.run("watch", "add", pages.url("/feed.xml")).exit()).isZero();
    runDue();
    assertThat(feedFetches()).isEqualTo(1);

    CliRunner.Run pause = cli.run("watch", "pause", "1");
    assertThat(pause.exit()).as(pause.err()).isZero();
    assertThat(pause.out()).isEqualTo("watch 1 paused: not polled until 'embedwatch watch resume 1'\n");
    env.clock().advance(Duration.ofHours(1));
    runDue();
    assertThat(feedFetches()).as("paused: not polled at its turn").isEqualTo(1);
    assertThat(watch()).containsEntry("last_polled_at", at("2026-03-01T10:00:00Z"));
    assertThat(task("poll-watch", "1")).isEqualTo(at("2026-03-01T12:00:00Z"));

    env.clock().advance(Duration.ofMinutes(30));
    CliRunner.Run resume = cli.run("watch", "resume", "1");
    assertThat(resume.out()).isEqualTo("watch 1 resumed: polled now (its turn passed while it was paused)\n");
    runDue();
    assertThat(feedFetches()).isEqualTo(2);
    assertThat(watch()).containsEntry("last_polled_at", at("2026-03-01T11:30:00Z"));

    CliRunner.Run list = cli.run("watch", "list");
    assertThat(list.out()).isEqualTo(
        "ID    KIND     EVERY      PAUSED  LAST POLLED           NEXT POLL             FOUND  INPUT\n"
            + "1     feed     PT1H       no      2026-03-01T11:30:00Z  2026-03-01T12:30:00Z  1      "
            + pages.url("/feed.xml") + "\n");

    CliRunner.Run remove = cli.run("watch", "remove", "1");
    assertThat(remove.out()).isEqualTo("watch 1 removed; the 1 articles it scheduled stay archived\n");
    assertThat(cli.query("select count(*) n from scheduled_tasks where task_name='poll-watch'").get(0))
        .containsEntry("n", 0L);
    env.clock().advance(Duration.ofDays(1));
    runDue();
    assertThat(feedFetches()).isEqualTo(2);
    assertThat(articleCaptures()).contains(pages.url("/one.html"));
    assertThat(cli.run("watch", "list").out()).isEqualTo("no watches (add one with 'embedwatch watch add INPUT')\n");
  }

  @Test
  void anArticleIsRecapturedDailyForAWeekThenMonthlyAndItsDriftIsRecorded() throws IOException {
    start(Scenario.demo());
    String story = Articles.twoEmbeds();
    page("/story.html", story);
    assertThat(cli.run("archive", pages.url("/story.html")).exit()).isZero();
    Instant first = SandboxedCli.START;

    List<OffsetDateTime> runs = new ArrayList<>();
    for (int day = 1; day <= 9; day++) {
      OffsetDateTime due = task("recapture-article", "1");
      runs.add(due);
      env.clock().set(due.toInstant());
      if (day == 3) {
        page("/story.html", story.substring(0, story.indexOf("<p>And another.</p>")) + "</article></body></html>");
      }
      runDue();
    }

    List<OffsetDateTime> expected = new ArrayList<>();
    for (int day = 1; day <= 7; day++) {
      expected.add(at(first.plus(Duration.ofDays(day)).toString()));
    }
    expected.add(at(first.plus(Duration.ofDays(37)).toString()));
    expected.add(at(first.plus(Duration.ofDays(67)).toString()));
    assertThat(runs).containsExactlyElementsOf(expected);
    assertThat(task("recapture-article", "1")).isEqualTo(at(first.plus(Duration.ofDays(97)).toString()));
    assertThat(cli.query("select count(*) n from article_capture").get(0)).containsEntry("n", 10L);
    assertThat(cli.query("select f.summary, p.post_id from finding f join post p on p.id = f.post_ref"
        + " where f.kind = 'ARTICLE_DRIFT'")).extracting(f -> f.get("post_id")).containsExactly(Articles.VIDEO_POST);
  }

  @Test
  void unresolvedRemnantsAreTriedAgainEachPeriodAndTheTaskReschedulesItself() throws IOException {
    start(Scenario.of(new Scenario.Post("1767000000000000004", "photo_tweet_1641086480675225601.json",
        "An old post from January", "quietuser", "Quiet User", Instant.parse("2024-01-02T09:00:00Z"), List.of())));
    Path article = Files.writeString(work.resolve("remnant.txt"),
        "Flattened.\n\nNothing archived near this day — Quiet User (@quietuser) March 12, 2024\n");
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    assertThat(attempts()).isEqualTo(1);

    runDue();
    assertThat(attempts()).isEqualTo(2);
    assertThat(task("retry-remnant", "all")).isEqualTo(at("2026-03-02T10:00:00Z"));

    env.clock().advance(Duration.ofHours(23));
    runDue();
    assertThat(attempts()).as("not before its period").isEqualTo(2);
    env.clock().advance(Duration.ofHours(1));
    runDue();
    assertThat(attempts()).isEqualTo(3);
    assertThat(task("retry-remnant", "all")).isEqualTo(at("2026-03-03T10:00:00Z"));
  }

  @Test
  void aPollThatCannotReadItsFeedRecordsWhyAndIsTriedAtItsNextTurn() throws IOException {
    start(Scenario.demo());
    assertThat(cli.run("watch", "add", pages.url("/feed.xml"), "--every", "30m").exit()).isZero();

    runDue();
    assertThat(watch().get("last_result").toString()).startsWith("poll failed: unreadable: ")
        .endsWith("; tried again at its next turn");
    assertThat(watch()).containsEntry("kind", "page").containsEntry("articles_found", 0);
    assertThat(task("poll-watch", "1")).isEqualTo(at("2026-03-01T10:30:00Z"));

    page("/one.html", Articles.twoEmbeds());
    feed(pages.url("/one.html"));
    env.clock().advance(Duration.ofMinutes(30));
    runDue();
    assertThat(watch()).containsEntry("kind", "feed").containsEntry("articles_scheduled", 1);
    assertThat(articleCaptures()).containsExactly(pages.url("/one.html"));
  }

  @Test
  void anArticleThatCannotBeFetchedIsRetriedWithBackoffThenGivenUp() throws IOException {
    start(Scenario.demo());
    feed(pages.url("/gone.html"));
    assertThat(cli.run("watch", "add", pages.url("/feed.xml"), "--every", "P1D").exit()).isZero();

    runDue();
    List<OffsetDateTime> retries = new ArrayList<>();
    for (int failures = 1; failures < ArticleArchives.MAX_TRIES; failures++) {
      Map<String, Object> row = cli.query("select execution_time, consecutive_failures from scheduled_tasks"
          + " where task_name='archive-article'").get(0);
      assertThat(row).containsEntry("consecutive_failures", failures);
      retries.add((OffsetDateTime) row.get("execution_time"));
      env.clock().set(((OffsetDateTime) row.get("execution_time")).toInstant());
      runDue();
    }
    assertThat(retries).containsExactly(at("2026-03-01T10:05:00Z"), at("2026-03-01T10:15:00Z"),
        at("2026-03-01T10:35:00Z"), at("2026-03-01T11:15:00Z"));
    assertThat(cli.query("select count(*) n from scheduled_tasks where task_name='archive-article'").get(0))
        .as("given up after " + ArticleArchives.MAX_TRIES + " tries").containsEntry("n", 0L);
    assertThat(pages.requested().stream().filter(r -> r.contains("/gone.html")).count())
        .isEqualTo(ArticleArchives.MAX_TRIES);
    assertThat(articleCaptures()).isEmpty();
  }

  /** Runs the due tasks as a daemon would at the test clock's time (twice: a poll's archives are due when it ends). */
  private void runDue() {
    List<String> sets = cli.settingArgs();
    List<String> overrides = new ArrayList<>();
    for (int i = 1; i < sets.size(); i += 2) {
      overrides.add(sets.get(i));
    }
    Settings settings = new SettingsLoader(work).load(Optional.empty(), overrides);
    try (App app = App.open(settings, env.clock(), d -> {}, new MappedDns())) {
      SettableClock clock = new SettableClock();
      clock.set(env.clock().instant());
      ManualScheduler scheduler = TestHelper.createManualScheduler(app.database().dataSource(), app.watchTasks())
          .clock(clock).build();
      scheduler.runAnyDueExecutions();
      scheduler.runAnyDueExecutions();
    }
  }

  private void page(String path, String html) {
    pages.page(path, html.getBytes(StandardCharsets.UTF_8), HTML);
  }

  private void feed(String... links) {
    StringBuilder rss = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title>");
    for (String link : links) {
      rss.append("<item><link>").append(link).append("</link></item>");
    }
    pages.page("/feed.xml", rss.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8), RSS);
  }

  private static String quoting(String postId) {
    return "<html><body><article><p>Quoted:</p><p><a href=\"https://x.com/mattcarrollcode/status/" + postId
        + "\">the post</a></p></article></body></html>";
  }

  private long feedFetches() {
    return pages.requested().stream().filter(r -> r.contains("/feed.xml")).count();
  }

  private List<Object> articleCaptures() {
    return cli.query("select a.input from article_capture c join article a on a.id = c.article_id order by c.id")
        .stream().map(r -> r.get("input")).toList();
  }

  private Map<String, Object> watch() {
    return cli.query("select * from watch where id = 1").get(0);
  }

  private OffsetDateTime task(String name, String instance) {
    List<Map<String, Object>> rows = cli.query("select execution_time from scheduled_tasks where task_name=?"
        + " and task_instance=?", name, instance);
    assertThat(rows).as(name + " " + instance + " is scheduled").hasSize(1);
    return (OffsetDateTime) rows.get(0).get("execution_time");
  }

  /** The attempts to resolve the remnant of the article's first capture (a re-capture stores a citation of its own). */
  private long attempts() {
    return (Long) cli.query("select count(*) n from remnant_resolution where citation_id ="
        + " (select min(id) from citation)").get(0).get("n");
  }

  private static OffsetDateTime at(String instant) {
    return OffsetDateTime.parse(instant).withOffsetSameInstant(java.time.ZoneOffset.UTC);
  }
}
