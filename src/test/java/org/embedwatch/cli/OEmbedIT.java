package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.sandbox.Change;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcResponse;

/** X's oEmbed endpoint as a second witness beside syndication, end to end through {@code archive} and {@code check}. */
class OEmbedIT {
  @TempDir Path work;
  private SandboxedCli env;
  private CliRunner cli;
  private Path article;

  @BeforeEach
  void start() throws IOException {
    env = SandboxedCli.start(work, Map.of());
    cli = env.cli();
    article = Files.writeString(work.resolve("two.html"), Articles.twoEmbeds());
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private List<Map<String, Object>> oEmbedObservations(String postId) {
    return cli.query("select o.outcome, o.http_status, o.reason, o.detail, o.request_url, o.body_sha256,"
        + " o.warc_file, o.warc_offset, o.fingerprint from observation o join post p on p.id = o.post_ref"
        + " where p.post_id = ? and o.endpoint = 'x-oembed' order by o.id", postId);
  }

  private WarcResponse warcRecord(Map<String, Object> observation) throws IOException {
    Path file = cli.archiveDir().resolve("warc").resolve((String) observation.get("warc_file"));
    try (FileChannel channel = FileChannel.open(file);
        WarcReader reader = new WarcReader(channel.position((Long) observation.get("warc_offset")))) {
      WarcResponse record = (WarcResponse) reader.next().orElseThrow();
      record.http().body().stream().readAllBytes();
      return record;
    }
  }

  @Test
  void archiveStoresAnOEmbedObservationWithTheWarcRecordOfItsExchange() throws IOException {
    CliRunner.Run run = cli.run("archive", article.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("x-oembed HTTP 200, served, 0 media");
    List<Map<String, Object>> rows = oEmbedObservations(Articles.PHOTO_POST);
    assertThat(rows).hasSize(1);
    Map<String, Object> o = rows.get(0);
    assertThat(o.get("outcome")).isEqualTo("AVAILABLE");
    assertThat(o.get("fingerprint")).isNotNull();
    assertThat((String) o.get("request_url")).isEqualTo("https://publish.twitter.com/oembed?url="
        + "https%3A%2F%2Ftwitter.com%2FSamuelSusla%2Fstatus%2F" + Articles.PHOTO_POST);
    Path file = cli.archiveDir().resolve("warc").resolve((String) o.get("warc_file"));
    try (FileChannel channel = FileChannel.open(file);
        WarcReader reader = new WarcReader(channel.position((Long) o.get("warc_offset")))) {
      WarcResponse record = (WarcResponse) reader.next().orElseThrow();
      assertThat(record.target()).isEqualTo(o.get("request_url"));
      assertThat(record.http().status()).isEqualTo(200);
      byte[] payload = record.http().body().stream().readAllBytes();
      assertThat(Sha256.of(payload).hex()).isEqualTo(o.get("body_sha256"));
      assertThat(new String(payload, java.nio.charset.StandardCharsets.UTF_8))
          .contains("\"author_name\":\"sammy\"", "\\u003Cblockquote class=\\\"twitter-tweet\\\"\\u003E");
    }
    assertThat(cli.query("select c.text, c.author_handle from post_capture c join post p on p.id = c.post_ref"
        + " where p.post_id = ? and c.endpoint = 'x-oembed'", Articles.PHOTO_POST))
        .extracting(r -> r.get("author_handle") + ": " + r.get("text"))
        .singleElement().asString().startsWith("SamuelSusla: If you are interested about View Flattening");
  }

  @Test
  void checkAfterTheDeletionRecordsTheOEmbed404NextToTheSyndicationTombstone() throws IOException {
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    env.clock().advance(Duration.ofDays(1));
    env.sandbox().apply(Articles.PHOTO_POST, Change.deleted());

    CliRunner.Run run = cli.run("check");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains(Articles.PHOTO_POST + " @SamuelSusla: AVAILABLE -> SUSPECTED_UNAVAILABLE (deleted)"
        + " — x-syndication HTTP 200, unavailable: tombstone: This Post was deleted by the Post author. Learn more;"
        + " x-oembed HTTP 404, not found: HTTP 404");
    assertThat(cli.query("select o.endpoint, o.outcome, o.http_status from observation o join post p"
        + " on p.id = o.post_ref where p.post_id = ? and o.endpoint not like 'wayback-%' order by o.id",
        Articles.PHOTO_POST))
        .extracting(r -> r.get("endpoint") + " " + r.get("outcome") + " " + r.get("http_status"))
        .containsExactly("x-syndication AVAILABLE 200", "x-oembed AVAILABLE 200",
            "x-syndication UNAVAILABLE 200", "x-oembed NOT_FOUND 404");
    // The bare 404 confirms the deletion without erasing the reason the tombstone gave.
    assertThat(cli.query("select state, state_reason from post where post_id = ?", Articles.PHOTO_POST).get(0))
        .containsEntry("state", "SUSPECTED_UNAVAILABLE").containsEntry("state_reason", "DELETED");
    Map<String, Object> notFound = oEmbedObservations(Articles.PHOTO_POST).get(1);
    assertThat(warcRecord(notFound).http().status()).isEqualTo(404);
    assertThat(warcRecord(notFound).target()).isEqualTo(notFound.get("request_url"));
  }
}
