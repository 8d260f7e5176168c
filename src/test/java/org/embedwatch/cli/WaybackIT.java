package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

/** Wayback corroboration end to end: mementos listed at first capture, stored once, never read as the post's state. */
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
  void archiveStoresTheListedMementosWithTheWarcRecordOfTheCdxExchange() throws IOException {
    assertThat(cli.run("archive", article.toString()).exit()).isZero();

    // One CDX request per form: twitter.com and x.com list captures, the i/web form none.
    assertThat(waybackObservations(Articles.PHOTO_POST)).containsExactly(
        "wayback-cdx AVAILABLE 200", "wayback-cdx AVAILABLE 200", "wayback-cdx NOT_FOUND 200");
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
    assertThat(cli.query("select state from post where post_id = ?", Articles.PHOTO_POST).get(0).get("state"))
        .isEqualTo("AVAILABLE");

    CliRunner.Run status = cli.run("status", Articles.PHOTO_POST);
    assertThat(status.out()).contains("wayback: 3 mementos, ")
        .contains("https://web.archive.org/web/" + rows.get(0).get("memento_ts") + "/https://twitter.com/SamuelSusla")
        .contains("https://web.archive.org/web/" + rows.get(2).get("memento_ts") + "/https://x.com/SamuelSusla")
        .doesNotContain("wayback-cdx");
  }

  @Test
  void aSecondArchiveAndACheckDoNotDuplicateTheMementos() {
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    int requests = cdxRequests();
    clock.advance(Duration.ofDays(2));

    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    assertThat(cli.run("check").exit()).isZero();

    assertThat(mementos(Articles.PHOTO_POST)).hasSize(3);
    assertThat(cli.query("select count(*) n from memento").get(0).get("n")).isEqualTo(6L);
    // Once the CDX server has answered for a post, it is not asked again.
    assertThat(cdxRequests()).isEqualTo(requests);
  }

  @Test
  void aRateLimitFromCdxLeavesTheStateAloneAndIsAskedAgainAtTheNextCheck() {
    sandbox.setWaybackFault(Fault.status(429));

    CliRunner.Run run = cli.run("archive", article.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).doesNotContain("wayback");
    // The round stops at the first 429; the availability API (429 too) is the fallback. The two posts are checked
    // at once, so the other post's 429 may have parked a host first: then the request is not sent (no status).
    assertThat(waybackObservations(Articles.PHOTO_POST))
        .extracting(o -> o.replaceAll(" (429|null)$", ""))
        .containsExactly("wayback-cdx RATE_LIMITED", "wayback-available RATE_LIMITED");
    assertThat(mementos(Articles.PHOTO_POST)).isEmpty();
    assertThat(cli.query("select state from post where post_id = ?", Articles.PHOTO_POST).get(0).get("state"))
        .isEqualTo("AVAILABLE");
    assertThat(cli.query("select s.state from post_state s join post p on p.id = s.post_ref where p.post_id = ?",
        Articles.PHOTO_POST)).extracting(r -> r.get("state")).containsExactly("AVAILABLE");
    assertThat(cli.run("status", Articles.PHOTO_POST).out()).doesNotContain("could not reach")
        .contains("wayback: no mementos stored");

    sandbox.setWaybackFault(Fault.none());
    clock.advance(Duration.ofDays(1));
    assertThat(cli.run("check").exit()).isZero();
    assertThat(mementos(Articles.PHOTO_POST)).hasSize(3);
    assertThat(cli.query("select state from post where post_id = ?", Articles.PHOTO_POST).get(0).get("state"))
        .isEqualTo("AVAILABLE");
  }

  private int cdxRequests() {
    return (int) sandbox.requests().stream().filter(r -> r.host().equals("web.archive.org")).count();
  }
}
