package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.sandbox.Scenario;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcResponse;

/**
 * A post already gone at its first capture is captured from the Wayback Machine instead: the raw bytes ({@code id_})
 * of its closest memento with status 200, stored as a {@code wayback-memento} capture that never changes the post's
 * state; a post without a memento gets none and a line saying so; a post the live endpoints served is never fetched
 * from the archive.
 */
class WaybackMementoIT {
  private static final String TEXT = "If you are interested about View Flattening in React Native";
  private static final String FRESH = "1700000000000000077";

  @TempDir Path work;
  private SandboxedCli env;
  private MutableClock clock;
  private Sandbox sandbox;
  private CliRunner cli;

  private void start(Scenario scenario) {
    try {
      env = SandboxedCli.start(work, scenario, Map.of());
    } catch (IOException e) {
      throw new AssertionError("cannot start the sandbox", e);
    }
    clock = env.clock();
    sandbox = env.sandbox();
    cli = env.cli();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private Path article(String html) throws IOException {
    return Files.writeString(work.resolve("article.html"), html);
  }

  private String state(String postId) {
    Map<String, Object> row = cli.query("select state, state_reason from post where post_id = ?", postId).get(0);
    return row.get("state") + (row.get("state_reason") == null ? "" : "/" + row.get("state_reason"));
  }

  private List<Map<String, Object>> captures(String postId) {
    return cli.query("select c.* from post_capture c join post p on p.id = c.post_ref where p.post_id = ?"
        + " order by c.id", postId);
  }

  private long replays() {
    return sandbox.requests().stream().filter(r -> r.path().contains("id_/")).count();
  }

  @Test
  void aPostDeletedBeforeItsFirstCaptureIsCapturedFromItsLatestMementoAndStaysUnavailable() throws IOException {
    start(Scenario.demo());
    sandbox.apply(Articles.PHOTO_POST, Change.deleted());

    CliRunner.Run run = cli.run("archive", article(Articles.twoEmbeds()).toString());

    assertThat(run.exit()).as(run.err()).isZero();
    Map<String, Object> memento = cli.query("select m.* from memento m join post p on p.id = m.post_ref"
        + " where p.post_id = ? and m.original_url like 'https://x.com/%'", Articles.PHOTO_POST).get(0);
    String raw = "https://web.archive.org/web/" + memento.get("memento_ts") + "id_/" + memento.get("original_url");
    assertThat(run.out()).contains("-> SUSPECTED_UNAVAILABLE (deleted) — x-syndication HTTP 200, unavailable: tombstone")
        .contains("\n       wayback-memento: stored " + raw + " (HTTP 200, sha256 ")
        .contains(", text from og:description); an archived copy, the post's state is what the live endpoints said");

    List<Map<String, Object>> captures = captures(Articles.PHOTO_POST);
    assertThat(captures).hasSize(1);
    Map<String, Object> capture = captures.get(0);
    assertThat(capture.get("endpoint")).isEqualTo("wayback-memento");
    assertThat(capture.get("body_scope")).isEqualTo("payload");
    assertThat(capture.get("memento_ref")).isEqualTo(memento.get("id"));
    assertThat((String) capture.get("text")).startsWith(TEXT);
    byte[] body = (byte[]) capture.get("body");
    assertThat(capture.get("body_sha256")).isEqualTo(Sha256.of(body).hex());

    Map<String, Object> observation = cli.query("select * from observation where id = ?",
        capture.get("observation_id")).get(0);
    assertThat(observation.get("endpoint")).isEqualTo("wayback-memento");
    assertThat(observation.get("request_url")).isEqualTo(raw);
    assertThat(observation.get("outcome")).isEqualTo("AVAILABLE");
    assertThat((String) observation.get("detail")).contains("payload SHA-1 matches the CDX digest");
    try (FileChannel channel = FileChannel.open(cli.archiveDir().resolve("warc")
        .resolve((String) observation.get("warc_file")));
        WarcReader reader = new WarcReader(channel.position((Long) observation.get("warc_offset")))) {
      WarcResponse record = (WarcResponse) reader.next().orElseThrow();
      assertThat(record.id().toString()).isEqualTo(observation.get("warc_record_id"));
      assertThat(record.target()).isEqualTo(raw);
      assertThat(record.http().headers().first("Memento-Datetime")).isPresent();
      assertThat(HexFormat.of().formatHex(record.payloadDigest().orElseThrow().bytes()))
          .isEqualTo(capture.get("body_sha256"));
      assertThat(record.http().body().stream().readAllBytes()).isEqualTo(body);
    }

    // The copy corroborates the past; the state is what syndication and oEmbed said.
    assertThat(state(Articles.PHOTO_POST)).isEqualTo("SUSPECTED_UNAVAILABLE/DELETED");
    assertThat(cli.query("select s.state from post_state s join post p on p.id = s.post_ref where p.post_id = ?",
        Articles.PHOTO_POST)).extracting(r -> r.get("state")).containsExactly("SUSPECTED_UNAVAILABLE");
    CliRunner.Run status = cli.run("status", Articles.PHOTO_POST);
    assertThat(status.out()).contains("UNAVAILABLE (deleted)").contains("via wayback-memento sha256 " + Sha256.of(body))
        .doesNotContain("observations could not reach");
    // The video post was served live: it is never fetched from the archive.
    assertThat(captures(Articles.VIDEO_POST)).extracting(c -> c.get("endpoint"))
        .containsExactly("x-syndication", "x-oembed");
    assertThat(replays()).isEqualTo(1);

    clock.advance(Duration.ofDays(1));
    CliRunner.Run check = cli.run("check", "--all");
    assertThat(check.exit()).as(check.err()).isZero();
    assertThat(check.out()).doesNotContain("wayback-memento");
    assertThat(replays()).as("the copy is fetched once").isEqualTo(1);
    assertThat(captures(Articles.PHOTO_POST)).hasSize(1);
    assertThat(state(Articles.PHOTO_POST)).isEqualTo("SUSPECTED_UNAVAILABLE/DELETED");
  }

  @Test
  void theArchivedSyndicationJsonIsPreferredToAPage() throws IOException {
    start(Scenario.demo());
    sandbox.setSyndicationArchived(true);
    sandbox.apply(Articles.PHOTO_POST, Change.deleted());

    CliRunner.Run run = cli.run("archive", article(Articles.twoEmbeds()).toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("wayback-memento: stored https://web.archive.org/web/")
        .contains("id_/https://cdn.syndication.twimg.com/tweet-result?id=" + Articles.PHOTO_POST)
        .contains("text from json text");
    Map<String, Object> capture = captures(Articles.PHOTO_POST).get(0);
    Map<String, Object> memento = cli.query("select * from memento where id = ?", capture.get("memento_ref")).get(0);
    assertThat(memento.get("mimetype")).isEqualTo("application/json");
    assertThat(memento.get("source")).isEqualTo("cdx");
    assertThat((String) capture.get("text")).startsWith(TEXT);
    assertThat(new String((byte[]) capture.get("body"), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("{").contains("\"id_str\":\"" + Articles.PHOTO_POST + "\"");
    // The syndication form is asked about only for the post found gone.
    assertThat(sandbox.requests()).filteredOn(r -> r.queryParam("url").orElse("").startsWith("cdn.syndication"))
        .singleElement().satisfies(r -> assertThat(r.queryParam("url"))
            .hasValue("cdn.syndication.twimg.com/tweet-result?id=" + Articles.PHOTO_POST));
    assertThat(state(Articles.PHOTO_POST)).isEqualTo("SUSPECTED_UNAVAILABLE/DELETED");
  }

  @Test
  void aGonePostWithoutAMementoGetsNoCaptureAndALineSayingSo() throws IOException {
    // Posted an hour before the first capture: the archive has no copy of it yet.
    start(new Scenario(List.of(new Scenario.Post(FRESH, "photo_tweet_1641086480675225601.json", "Just posted",
        "fresh", "Fresh", SandboxedCli.START.minus(Duration.ofHours(1)), List.of())), List.of()));
    sandbox.apply(FRESH, Change.deleted());
    Path article = article("<html><body><article><blockquote class=\"twitter-tweet\"><p>Just posted</p>&mdash; Fresh"
        + " (@fresh) <a href=\"https://twitter.com/fresh/status/" + FRESH + "\">March 1, 2026</a></blockquote>"
        + "</article></body></html>");

    CliRunner.Run run = cli.run("archive", article.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("-> SUSPECTED_UNAVAILABLE (deleted)").contains("\n       wayback-memento: no memento found:"
        + " the Wayback Machine lists no capture of the post with status 200");
    assertThat(captures(FRESH)).isEmpty();
    assertThat(cli.query("select count(*) n from memento").get(0).get("n")).isEqualTo(0L);
    assertThat(cli.query("select o.outcome, o.request_url from observation o where o.endpoint like 'wayback-%'"
        + " order by o.id")).extracting(o -> o.get("outcome")).containsExactly("NOT_FOUND", "NOT_FOUND",
        "NOT_FOUND", "NOT_FOUND");
    assertThat(replays()).isZero();
    long cdxRequests = sandbox.requests().stream().filter(r -> r.host().equals("web.archive.org")).count();

    clock.advance(Duration.ofDays(1));
    CliRunner.Run check = cli.run("check", "--all");
    assertThat(check.out()).doesNotContain("wayback-memento");
    assertThat(sandbox.requests().stream().filter(r -> r.host().equals("web.archive.org")).count())
        .isEqualTo(cdxRequests);
    assertThat(state(FRESH)).isEqualTo("SUSPECTED_UNAVAILABLE/DELETED");
  }

  @Test
  void anAvailablePostIsNeverFetchedFromTheArchive() throws IOException {
    start(Scenario.demo());

    assertThat(cli.run("archive", article(Articles.twoEmbeds()).toString()).exit()).isZero();

    assertThat(replays()).isZero();
    assertThat(cli.query("select count(*) n from observation where endpoint = 'wayback-memento'").get(0).get("n"))
        .isEqualTo(0L);
    assertThat(cli.query("select count(*) n from post_capture where endpoint = 'wayback-memento'").get(0).get("n"))
        .isEqualTo(0L);
  }

  @Test
  void whileTheArchiveDoesNotAnswerTheCopyWaitsForALaterCheck() throws IOException {
    start(Scenario.demo());
    sandbox.apply(Articles.PHOTO_POST, Change.deleted());
    sandbox.setWaybackFault(Fault.status(503));

    CliRunner.Run run = cli.run("archive", article(Articles.twoEmbeds()).toString());

    assertThat(run.out()).contains("wayback-memento: the Wayback Machine's CDX server has not answered yet; asked"
        + " again at the next check");
    assertThat(captures(Articles.PHOTO_POST)).isEmpty();

    sandbox.setWaybackFault(Fault.none());
    clock.advance(Duration.ofDays(1));
    CliRunner.Run check = cli.run("check");

    assertThat(check.exit()).as(check.err()).isZero();
    assertThat(check.out()).contains(Articles.PHOTO_POST + " @SamuelSusla: SUSPECTED_UNAVAILABLE (deleted) (unchanged)")
        .contains("\n  wayback-memento: stored https://web.archive.org/web/");
    assertThat(captures(Articles.PHOTO_POST)).extracting(c -> c.get("endpoint")).containsExactly("wayback-memento");
    assertThat(state(Articles.PHOTO_POST)).isEqualTo("SUSPECTED_UNAVAILABLE/DELETED");
  }
}
