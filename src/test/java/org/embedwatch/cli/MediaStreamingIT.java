package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTruncationReason;

/** Media are streamed to disk through {@code HttpFetcher.download}, up to {@code media.max-bytes}. */
class MediaStreamingIT {
  @TempDir Path work;

  @Test
  void aMediaFileOverMediaMaxBytesIsNotStoredAndItsWarcRecordIsMarkedTruncatedAtTheLimit() throws IOException {
    try (SandboxedCli env = SandboxedCli.start(work, Map.of("media.max-bytes", "512"))) {
      CliRunner cli = env.cli();
      Path article = Files.writeString(work.resolve("photo.html"), Articles.twoEmbeds());

      CliRunner.Run run = cli.run("archive", article.toString());

      assertThat(run.exit()).as(run.err()).isZero();
      List<Map<String, Object>> rows = cli.query("select source_url, outcome, media_id from post_capture_media"
          + " where kind = 'photo'");
      assertThat(rows).isNotEmpty().allSatisfy(r -> {
        assertThat(r.get("outcome")).isEqualTo("too-large (limit 512 bytes)");
        assertThat(r.get("media_id")).isNull();
      });
      long stored = (long) cli.query("select count(*) as n from media").get(0).get("n");
      assertThat(filesUnder(cli.archiveDir().resolve("media"))).hasSize((int) stored);
      assertThat(filesUnder(cli.archiveDir().resolve("tmp"))).isEmpty();
      List<Seen> truncated = responses(cli, rows.get(0).get("source_url").toString());
      assertThat(truncated).isNotEmpty().allSatisfy(r -> {
        assertThat(r.truncated()).isEqualTo(WarcTruncationReason.LENGTH);
        assertThat(r.payload()).hasSize(512);
        assertThat(r.payloadSha256()).isEqualTo(Sha256.of(r.payload()).hex());
      });
    }
  }

  @Test
  void aPhotoIsStreamedToTheStoreWithTheDigestOfItsWarcPayloadAndTheTypeTikaFinds()
      throws IOException {
    try (SandboxedCli env = SandboxedCli.start(work, Map.of())) {
      CliRunner cli = env.cli();
      Path article = Files.writeString(work.resolve("photo.html"), Articles.twoEmbeds());

      CliRunner.Run run = cli.run("archive", article.toString());

      assertThat(run.exit()).as(run.err()).isZero();
      List<Map<String, Object>> photos = cli.query("select pcm.source_url, pcm.outcome, m.sha256, m.path,"
          + " m.content_type, m.byte_length from post_capture_media pcm join media m on m.id = pcm.media_id"
          + " where pcm.kind = 'photo'");
      assertThat(photos).isNotEmpty();
      for (Map<String, Object> p : photos) {
        byte[] bytes = Files.readAllBytes(cli.archiveDir().resolve((String) p.get("path")));
        assertThat(p.get("content_type")).isEqualTo("image/jpeg");
        assertThat(Sha256.of(bytes).hex()).isEqualTo(p.get("sha256"));
        List<Seen> records = responses(cli, (String) p.get("source_url"));
        assertThat(records).isNotEmpty();
        Seen record = records.get(records.size() - 1);
        assertThat(record.truncated()).isEqualTo(WarcTruncationReason.NOT_TRUNCATED);
        assertThat(record.payloadSha256()).isEqualTo(p.get("sha256"));
        assertThat(record.payload()).isEqualTo(bytes);
      }
      assertThat(filesUnder(cli.archiveDir().resolve("tmp"))).isEmpty();
    }
  }

  /** What one WARC response record holds, read while its reader is open. */
  private record Seen(WarcTruncationReason truncated, String payloadSha256, byte[] payload) {}

  private static List<Path> filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  /** The WARC response records for {@code uri}, with their bodies read (so they can be inspected after the reader). */
  private static List<Seen> responses(CliRunner cli, String uri) throws IOException {
    List<Seen> found = new ArrayList<>();
    for (Path warc : filesUnder(cli.archiveDir().resolve("warc"))) {
      try (WarcReader reader = new WarcReader(warc)) {
        for (WarcRecord record : reader) {
          if (record instanceof WarcResponse r && r.target().equals(uri)) {
            found.add(new Seen(r.truncated(), r.payloadDigest().orElseThrow().hex(),
                r.http().body().stream().readAllBytes()));
          }
        }
      }
    }
    return found;
  }
}
