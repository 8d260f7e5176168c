package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.Scenario;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcResponse;

/** {@code archive} and {@code check} of Bluesky and Mastodon posts, through the sandbox's AppView and server. */
class FediverseCaptureIT {
  private static final String RKEY = "3l6oveex3ii2l";
  private static final String BSKY_HANDLE = "alice.bsky.social";
  private static final String TOOT = "113264455016329920";

  @TempDir Path work;
  private SandboxedCli env;
  private CliRunner cli;
  private Path article;

  @BeforeEach
  void start() throws IOException {
    env = SandboxedCli.start(work, Scenario.of(
        Scenario.Post.bluesky(RKEY, BSKY_HANDLE, "The bridge is closed until Friday."),
        Scenario.Post.mastodon(TOOT, "bob@mastodon.social", "Road works on the bridge.")), Map.of());
    cli = env.cli();
    article = Files.writeString(work.resolve("fedi.html"), "<html><body><article>"
        + "<p>Alice wrote <a href=\"https://bsky.app/profile/" + BSKY_HANDLE + "/post/" + RKEY + "\">this</a>.</p>"
        + "<p>Bob wrote <a href=\"https://mastodon.social/@bob/" + TOOT + "\">that</a>.</p>"
        + "</article></body></html>");
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private String state(String platform) {
    Map<String, Object> row = cli.query("select state, state_reason from post where platform = ?", platform).get(0);
    return row.get("state") + (row.get("state_reason") == null ? "" : "/" + row.get("state_reason"));
  }

  @Test
  void archiveCapturesABlueskyAndAMastodonPostWithRawJsonHashesAndWarcRecords() throws IOException {
    CliRunner.Run run = cli.run("archive", article.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("bluesky " + RKEY).contains("mastodon " + TOOT)
        .contains("bluesky-appview HTTP 200, served").contains("mastodon-api HTTP 200, served")
        .doesNotContain("no client");
    List<Map<String, Object>> observations = cli.query("select p.platform, o.endpoint, o.outcome, o.http_status,"
        + " o.body_sha256, o.warc_file, o.warc_offset, o.request_url from observation o"
        + " join post p on p.id = o.post_ref order by p.platform");
    assertThat(observations).extracting(o -> o.get("platform") + " " + o.get("endpoint") + " " + o.get("outcome")
        + " " + o.get("http_status"))
        .containsExactly("bluesky bluesky-appview AVAILABLE 200", "mastodon mastodon-api AVAILABLE 200");
    for (Map<String, Object> o : observations) {
      Path file = cli.archiveDir().resolve("warc").resolve((String) o.get("warc_file"));
      try (FileChannel channel = FileChannel.open(file);
          WarcReader reader = new WarcReader(channel.position((Long) o.get("warc_offset")))) {
        WarcResponse record = (WarcResponse) reader.next().orElseThrow();
        assertThat(record.target()).isEqualTo(o.get("request_url"));
        byte[] payload = record.http().body().stream().readAllBytes();
        assertThat(Sha256.of(payload).hex()).isEqualTo(o.get("body_sha256"));
      }
    }
    assertThat(observations.get(0).get("request_url").toString())
        .startsWith("https://public.api.bsky.app/xrpc/app.bsky.feed.getPostThread?uri=at%3A%2F%2Fdid%3Aplc%3A");
    assertThat(observations.get(1).get("request_url"))
        .isEqualTo("https://mastodon.social/api/v1/statuses/" + TOOT);

    List<Map<String, Object>> captures = cli.query("select p.platform, c.endpoint, c.body, c.body_sha256, c.text,"
        + " c.author_handle from post_capture c join post p on p.id = c.post_ref order by p.platform");
    assertThat(captures).extracting(c -> c.get("platform") + " " + c.get("endpoint") + " " + c.get("author_handle")
        + ": " + c.get("text"))
        .containsExactly("bluesky bluesky-appview " + BSKY_HANDLE + ": The bridge is closed until Friday.",
            "mastodon mastodon-api bob@mastodon.social: Road works on the bridge.");
    for (Map<String, Object> c : captures) {
      byte[] body = (byte[]) c.get("body");
      assertThat(Sha256.of(body).hex()).isEqualTo(c.get("body_sha256"));
    }
    assertThat(new String((byte[]) captures.get(0).get("body"), StandardCharsets.UTF_8))
        .contains("\"$type\":\"app.bsky.feed.defs#threadViewPost\"");
    assertThat(new String((byte[]) captures.get(1).get("body"), StandardCharsets.UTF_8))
        .contains("\"content\":\"<p>Road works on the bridge.</p>\"");
    // The Bluesky image and both avatars went through the media fetcher, into WARC and content-addressed files.
    assertThat(cli.query("select pcm.kind, m.content_type from post_capture_media pcm join media m"
        + " on m.id = pcm.media_id join post_capture c on c.id = pcm.post_capture_id join post p on p.id = c.post_ref"
        + " order by p.platform, pcm.id"))
        .extracting(m -> m.get("kind") + " " + m.get("content_type"))
        .containsExactly("photo image/jpeg", "avatar image/jpeg", "avatar image/jpeg");
    assertThat(state("bluesky")).isEqualTo("AVAILABLE");
    assertThat(state("mastodon")).isEqualTo("AVAILABLE");
  }

  @Test
  void aDeletedMastodonPostIsRecordedAs404AndAnOutageChangesNothing() {
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    env.clock().advance(Duration.ofHours(25));
    env.sandbox().apply(TOOT, Change.deleted());

    CliRunner.Run checked = cli.run("check");

    assertThat(checked.exit()).as(checked.err()).isZero();
    assertThat(checked.out())
        .contains("mastodon " + TOOT + " @bob@mastodon.social: AVAILABLE -> SUSPECTED_UNAVAILABLE (unknown) — mastodon-api"
            + " HTTP 404, not found")
        .contains("bluesky " + RKEY + " @" + BSKY_HANDLE + ": AVAILABLE (unchanged)")
        .contains("checked 2 posts: 1 flagged, 0 with an unreachable endpoint")
        .doesNotContain("no client yet");
    assertThat(state("mastodon")).isEqualTo("SUSPECTED_UNAVAILABLE/UNKNOWN");

    // Three days after the archive: the available post's turn on the decay cadence, the suspected one's long since.
    env.clock().advance(Duration.ofHours(47));
    env.sandbox().setFault(Fault.status(503));
    CliRunner.Run outage = cli.run("check");

    assertThat(outage.out()).contains("checked 2 posts: 1 flagged, 2 with an unreachable endpoint");
    assertThat(state("mastodon")).isEqualTo("SUSPECTED_UNAVAILABLE/UNKNOWN");
    assertThat(state("bluesky")).isEqualTo("AVAILABLE");
    assertThat(cli.query("select o.outcome, o.http_status from observation o join post p on p.id = o.post_ref"
        + " where p.platform = 'mastodon' order by o.id"))
        .extracting(r -> r.get("outcome") + " " + r.get("http_status"))
        .containsExactly("AVAILABLE 200", "NOT_FOUND 404", "SERVER_ERROR 503");
  }

  @Test
  void anEditedMastodonPostIsAlteredWithItsNewTextCaptured() {
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    env.clock().advance(Duration.ofHours(25));
    env.sandbox().apply(TOOT, Change.edited("Road works on the bridge end on Friday."));

    CliRunner.Run checked = cli.run("check");

    assertThat(checked.out()).contains("mastodon " + TOOT + " @bob@mastodon.social: AVAILABLE -> ALTERED");
    assertThat(state("mastodon")).isEqualTo("ALTERED");
    List<Map<String, Object>> captures = cli.query("select c.text, c.body from post_capture c join post p"
        + " on p.id = c.post_ref where p.platform = 'mastodon' order by c.id");
    assertThat(captures).extracting(c -> c.get("text"))
        .containsExactly("Road works on the bridge.", "Road works on the bridge end on Friday.");
    assertThat(new String((byte[]) captures.get(1).get("body"), StandardCharsets.UTF_8))
        .contains("\"edited_at\":\"2026-03-02T11:00:00.000Z\"");
  }
}
