package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

/** {@code check} end to end: deletions and edits are flagged; outages and rate limits never are. */
class CheckCommandIT {
  @TempDir Path work;
  private SandboxedCli env;
  private MutableClock clock;
  private Sandbox sandbox;
  private CliRunner cli;
  private Path article;

  @BeforeEach
  void start() throws IOException {
    // One post at a time: the outage test asserts which post's request parked a host.
    env = SandboxedCli.start(work, Map.of("check.concurrency", "1"));
    clock = env.clock();
    sandbox = env.sandbox();
    cli = env.cli();
    article = Files.writeString(work.resolve("two.html"), Articles.twoEmbeds());
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private String state(String postId) {
    Map<String, Object> row = cli.query("select state, state_reason from post where post_id = ?", postId).get(0);
    return row.get("state") + (row.get("state_reason") == null ? "" : "/" + row.get("state_reason"));
  }

  @Test
  void deletedPostBecomesUnavailableAndEditedPostBecomesAltered() {
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    clock.advance(Duration.ofHours(25));
    sandbox.apply(Articles.PHOTO_POST, Change.deleted());
    sandbox.apply(Articles.VIDEO_POST, Change.edited("LK-99 is not a superconductor after all."));

    CliRunner.Run run = cli.run("check");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(Articles.PHOTO_POST + " @SamuelSusla: AVAILABLE -> SUSPECTED_UNAVAILABLE (deleted)")
        .contains("tombstone: This Post was deleted by the Post author")
        .contains(Articles.VIDEO_POST + " @Rainmaker1973: AVAILABLE -> ALTERED")
        .contains("checked 2 posts: 2 flagged");
    assertThat(state(Articles.PHOTO_POST)).isEqualTo("SUSPECTED_UNAVAILABLE/DELETED");
    assertThat(state(Articles.VIDEO_POST)).isEqualTo("ALTERED");
    // The edit is kept as a second capture next to the first; the history says when each state began.
    assertThat(cli.query("select text from post_capture c join post p on p.id = c.post_ref where p.post_id = ?"
        + " and c.endpoint = 'x-syndication' order by c.id", Articles.VIDEO_POST)).extracting(r -> (String) r.get("text"))
        .hasSize(2).last().isEqualTo("LK-99 is not a superconductor after all.");
    // oEmbed, the second witness, sees the edit too, and the deletion as a 404.
    assertThat(cli.query("select text from post_capture c join post p on p.id = c.post_ref where p.post_id = ?"
        + " and c.endpoint = 'x-oembed' order by c.id", Articles.VIDEO_POST)).extracting(r -> (String) r.get("text"))
        .hasSize(2).last().isEqualTo("LK-99 is not a superconductor after all.");
    assertThat(run.out()).contains("x-oembed HTTP 404, not found: HTTP 404");
    assertThat(cli.query("select s.state from post_state s join post p on p.id = s.post_ref where p.post_id = ?"
        + " order by s.id", Articles.PHOTO_POST)).extracting(r -> r.get("state"))
        .containsExactly("AVAILABLE", "SUSPECTED_UNAVAILABLE");
  }

  @Test
  void engagementCountsChangingIsNotAnAlteration() {
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    clock.advance(Duration.ofDays(2));

    CliRunner.Run run = cli.run("check", "--all");

    assertThat(run.out()).contains("checked 2 posts: 0 flagged");
    assertThat(state(Articles.PHOTO_POST)).isEqualTo("AVAILABLE");
    // One capture per post and endpoint (syndication, oEmbed), none added by the re-check.
    assertThat(cli.query("select count(*) n from post_capture").get(0).get("n")).isEqualTo(4L);
  }

  @Test
  void outageAndRateLimitLeaveStatesUnchangedAndAreRecordedAsUnreachable() {
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    clock.advance(Duration.ofDays(1));
    sandbox.apply(Articles.PHOTO_POST, Change.deleted());
    assertThat(cli.run("check").exit()).isZero();

    // Three days after the archive both posts are due (the suspected one since 12 hours after its check).
    clock.advance(Duration.ofDays(2));
    sandbox.setFault(Fault.status(503));
    CliRunner.Run outage = cli.run("check");
    clock.advance(Duration.ofDays(1));
    sandbox.setFault(Fault.status(429));
    CliRunner.Run limited = cli.run("check");

    assertThat(outage.out()).contains("SUSPECTED_UNAVAILABLE (deleted) (unchanged)").contains("AVAILABLE (unchanged)")
        .contains("server error").contains("not evidence");
    assertThat(limited.out()).contains("rate limited").contains("checked 2 posts: 1 flagged, 2 with an unreachable");
    assertThat(state(Articles.PHOTO_POST)).isEqualTo("SUSPECTED_UNAVAILABLE/DELETED");
    assertThat(state(Articles.VIDEO_POST)).isEqualTo("AVAILABLE");
    List<Map<String, Object>> outcomes = cli.query("select endpoint, outcome, http_status from observation o"
        + " join post p on p.id = o.post_ref where p.post_id = ? and o.endpoint not like 'wayback-%' order by o.id",
        Articles.VIDEO_POST);
    assertThat(outcomes).extracting(r -> r.get("endpoint") + " " + r.get("outcome") + " " + r.get("http_status"))
        .as("the first post's 429s parked both hosts, so this post was not asked: rate limited, without a status")
        .containsExactly("x-syndication AVAILABLE 200", "x-oembed AVAILABLE 200",
            "x-syndication AVAILABLE 200", "x-oembed AVAILABLE 200",
            "x-syndication SERVER_ERROR 503", "x-oembed SERVER_ERROR 503",
            "x-syndication RATE_LIMITED null", "x-oembed RATE_LIMITED null");
  }

  @Test
  void postNeverReachedIsUnreachableNotUnavailable() {
    sandbox.setFault(Fault.status(503));

    CliRunner.Run run = cli.run("archive", article.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("UNREACHABLE");
    assertThat(state(Articles.PHOTO_POST)).isEqualTo("UNREACHABLE");
    assertThat(cli.query("select count(*) n from post_capture").get(0).get("n")).isEqualTo(0L);

    sandbox.setFault(Fault.none());
    clock.advance(Duration.ofDays(1));
    assertThat(cli.run("check").out()).contains("UNREACHABLE -> AVAILABLE");
  }

  @Test
  void checkWithoutAllSkipsPostsThatAreNotDue() {
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    clock.advance(Duration.ofMinutes(59));

    CliRunner.Run run = cli.run("check");

    assertThat(run.out().strip()).isEqualTo("checked 0 posts: 0 flagged, 0 with an unreachable endpoint");
    clock.advance(Duration.ofMinutes(1));
    assertThat(cli.run("check").out()).as("the decay cadence's first check, an hour after the archive")
        .contains("checked 2 posts: 0 flagged");
  }

  @Test
  void postsOfPlatformsWithoutAClientAreStoredButNamedAsNotChecked() throws IOException {
    Path withThreads = Files.writeString(work.resolve("threads.html"), "<html><body><article><p>As"
        + " <a href=\"https://www.threads.net/@alice/post/C1a2b3c4d5e\">Alice posted</a>.</p>"
        + "</article></body></html>");

    CliRunner.Run archived = cli.run("archive", withThreads.toString());
    CliRunner.Run checked = cli.run("check", "--all");

    assertThat(archived.out()).contains("threads C1a2b3c4d5e")
        .contains("not captured: no client for threads posts yet\n");
    assertThat(checked.out().strip()).isEqualTo(
        "checked 0 posts: 0 flagged, 0 with an unreachable endpoint; not checked, no client yet: threads=1");
    assertThat(cli.query("select state from post where platform = 'threads'")).extracting(r -> r.get("state"))
        .containsExactly("PENDING");
  }
}
