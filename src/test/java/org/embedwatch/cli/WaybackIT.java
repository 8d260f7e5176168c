package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcResponse;

/**
 * Wayback corroboration end to end: an available post is only queued for a later lookup; the check that first finds a
 * post gone lists its mementos, once per URL form, never read as the post's state.
 */
class WaybackIT {
  @TempDir Path work;
  private SandboxedCli env;
  private MutableClock clock;
  private Sandbox sandbox;
  private CliRunner cli;
  private Path article;

  @BeforeEach
  void start() throws IOException {
    env = SandboxedCli.start(work, Map.of());
    clock = env.clock();
    sandbox = env.sandbox();
    cli = env.cli();
    article = Files.writeString(work.resolve("two.html"), Articles.twoEmbeds());
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private List<Map<String, Object>> mementos(String postId) {
    return cli.query("select m.* from memento m join post p on p.id = m.post_ref where p.post_id = ?"
        + " order by m.memento_at", postId);
  }

  private List<String> waybackObservations(String postId) {
    return cli.query("select o.endpoint, o.outcome, o.http_status from observation o join post p on p.id = o.post_ref"
        + " where p.post_id = ? and o.endpoint like 'wayback-%' order by o.id", postId).stream()
        .map(r -> r.get("endpoint") + " " + r.get("outcome") + " " + r.get("http_status")).toList();
  }

  @Test
  void anAvailablePostIsNotLookedUpAtItsFirstCaptureButQueuedForALowPriorityLookup() {
    assertThat(cli.run("archive", article.toString()).exit()).isZero();

    assertThat(cdxRequests()).isZero();
    assertThat(waybackObservations(Articles.PHOTO_POST)).isEmpty();
    assertThat(cli.query("select count(*) n from scheduled_tasks where task_name = 'wayback-lookup'").get(0)
        .get("n")).isEqualTo(6L);
    assertThat(cli.run("status", Articles.PHOTO_POST).out()).contains("wayback: no mementos stored");
  }

  @Test
  void theCheckThatFirstFindsAPostGoneListsItsMementosWithTheWarcRecordOfTheCdxExchange() throws IOException {
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    sandbox.apply(Articles.PHOTO_POST, Change.deleted());
    clock.advance(Duration.ofDays(1));

    assertThat(cli.run("check").exit()).isZero();

    // One CDX request per form, for the post found gone only: twitter.com and x.com list captures, the i/web form
    // none.
    assertThat(waybackObservations(Articles.PHOTO_POST)).containsExactly(
        "wayback-cdx AVAILABLE 200", "wayback-cdx AVAILABLE 200", "wayback-cdx NOT_FOUND 200");
    assertThat(waybackObservations(Articles.VIDEO_POST)).isEmpty();
    List<Map<String, Object>> rows = mementos(Articles.PHOTO_POST);
    assertThat(rows).extracting(r -> r.get("status_code") + " " + r.get("original_url")).containsExactly(
        "200 https://twitter.com/SamuelSusla/status/" + Articles.PHOTO_POST,
        "302 http://twitter.com/SamuelSusla/status/" + Articles.PHOTO_POST + "?s=20",
        "200 https://x.com/SamuelSusla/status/" + Articles.PHOTO_POST);
    for (Map<String, Object> m : rows) {
      assertThat(m.get("source")).isEqualTo("cdx");
      assertThat((String) m.get("memento_ts")).matches("[0-9]{14}");
      assertThat(m.get("memento_uri"))
          .isEqualTo("https://web.archive.org/web/" + m.get("memento_ts") + "/" + m.get("original_url"));
      Map<String, Object> o = cli.query("select * from observation where id = ?", m.get("observation_id")).get(0);
      assertThat(o.get("endpoint")).isEqualTo("wayback-cdx");
      assertThat(m.get("warc_record_id")).isEqualTo(o.get("warc_record_id"));
      Path file = cli.archiveDir().resolve("warc").resolve((String) m.get("warc_file"));
      try (FileChannel channel = FileChannel.open(file);
          WarcReader reader = new WarcReader(channel.position((Long) m.get("warc_offset")))) {
        WarcResponse record = (WarcResponse) reader.next().orElseThrow();
        assertThat(record.id().toString()).isEqualTo(m.get("warc_record_id"));
        assertThat(record.target()).startsWith("https://web.archive.org/cdx/search/cdx?url=");
        String body = new String(record.http().body().stream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body).contains((String) m.get("memento_ts")).contains((String) m.get("original_url"));
      }
    }
    // The mementos corroborate; the state is what the live endpoints said.
    assertThat(cli.query("select state from post where post_id = ?", Articles.PHOTO_POST).get(0).get("state"))
        .isEqualTo("SUSPECTED_UNAVAILABLE");

    CliRunner.Run status = cli.run("status", Articles.PHOTO_POST);
    assertThat(status.out()).contains("wayback: 3 mementos, ")
        .contains("https://web.archive.org/web/" + rows.get(0).get("memento_ts") + "/https://twitter.com/SamuelSusla")
        .contains("https://web.archive.org/web/" + rows.get(2).get("memento_ts") + "/https://x.com/SamuelSusla")
        .doesNotContain("wayback-cdx");
  }

  @Test
  void eachFormIsAskedOnceLaterChecksAndArchivesDoNotAskAgainNorDuplicateTheMementos() {
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    sandbox.apply(Articles.PHOTO_POST, Change.deleted());
    clock.advance(Duration.ofDays(1));
    assertThat(cli.run("check").exit()).isZero();
    int requests = cdxRequests();
    assertThat(requests).isEqualTo(3);
    clock.advance(Duration.ofDays(2));

    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    assertThat(cli.run("check", "--all").exit()).isZero();

    assertThat(mementos(Articles.PHOTO_POST)).hasSize(3);
    assertThat(cdxRequests()).isEqualTo(requests);
  }

  @Test
  void aRateLimitFromCdxLeavesTheStateAloneAndIsAskedAgainAtTheNextCheckWhileTheFormIsUnanswered() {
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    sandbox.apply(Articles.PHOTO_POST, Change.deleted());
    sandbox.setWaybackFault(Fault.status(429));
    clock.advance(Duration.ofDays(1));

    CliRunner.Run run = cli.run("check");

    assertThat(run.exit()).isZero();
    // The round stops at the first 429; the availability API (429 too, or not sent while the host is parked) is the
    // fallback.
    assertThat(waybackObservations(Articles.PHOTO_POST))
        .extracting(o -> o.replaceAll(" (429|null)$", ""))
        .containsExactly("wayback-cdx RATE_LIMITED", "wayback-available RATE_LIMITED");
    assertThat(mementos(Articles.PHOTO_POST)).isEmpty();
    assertThat(cli.query("select s.state from post_state s join post p on p.id = s.post_ref where p.post_id = ?"
        + " order by s.id", Articles.PHOTO_POST)).extracting(r -> r.get("state"))
        .containsExactly("AVAILABLE", "SUSPECTED_UNAVAILABLE");

    sandbox.setWaybackFault(Fault.none());
    clock.advance(Duration.ofDays(1));
    assertThat(cli.run("check").exit()).isZero();
    assertThat(mementos(Articles.PHOTO_POST)).hasSize(3);
    assertThat(waybackObservations(Articles.PHOTO_POST)).filteredOn(o -> o.startsWith("wayback-cdx"))
        .extracting(o -> o.replaceAll(" (429|null)$", ""))
        .containsExactly("wayback-cdx RATE_LIMITED", "wayback-cdx AVAILABLE 200", "wayback-cdx AVAILABLE 200",
            "wayback-cdx NOT_FOUND 200");
  }

  private int cdxRequests() {
    return (int) sandbox.requests().stream().filter(r -> r.host().equals("web.archive.org")).count();
  }
}
