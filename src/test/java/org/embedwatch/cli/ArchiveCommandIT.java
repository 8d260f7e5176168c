package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.Warcinfo;

/** {@code archive} end to end through the CLI, against the sandbox: what is stored in H2, on disk and in WARC. */
class ArchiveCommandIT {
  @TempDir Path work;
  private SandboxedCli env;
  private MutableClock clock;
  private Sandbox sandbox;
  private CliRunner cli;

  @BeforeEach
  void start() throws IOException {
    env = SandboxedCli.start(work, Map.of());
    clock = env.clock();
    sandbox = env.sandbox();
    cli = env.cli();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void archiveStoresBothPostsTheirMediaAndWarcRecordsWithMatchingDigests() throws IOException {
    Path article = Files.writeString(work.resolve("two-embeds.html"), Articles.twoEmbeds());

    CliRunner.Run run = cli.run("archive", article.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("2 references")
        .contains("x " + Articles.PHOTO_POST + " @SamuelSusla")
        .contains("x " + Articles.VIDEO_POST + " @Rainmaker1973")
        .contains("AVAILABLE");
    List<Map<String, Object>> posts = cli.query("select post_id, state from post order by post_id");
    assertThat(posts).extracting(p -> p.get("post_id") + "=" + p.get("state"))
        .containsExactly(Articles.PHOTO_POST + "=AVAILABLE", Articles.VIDEO_POST + "=AVAILABLE");

    // Post captures: raw JSON bytes whose SHA-256 is the stored one, and which name the right tweet.
    // One capture per post from each X endpoint (syndication and oEmbed).
    List<Map<String, Object>> captures = cli.query("select p.post_id, c.endpoint, c.body, c.body_sha256"
        + " from post_capture c join post p on p.id = c.post_ref");
    assertThat(captures).hasSize(4);
    for (Map<String, Object> c : captures) {
      byte[] body = (byte[]) c.get("body");
      assertThat(Sha256.of(body).hex()).isEqualTo(c.get("body_sha256"));
      assertThat(new String(body, StandardCharsets.UTF_8)).contains(c.get("endpoint").equals("x-oembed")
          ? "\\/status\\/" + c.get("post_id") + "\""
          : "\"id_str\":\"" + c.get("post_id") + "\"");
    }

    // Media: files on disk whose digest is the stored one; content type from the bytes.
    List<Map<String, Object>> media = cli.query("select m.sha256, m.path, m.content_type, pcm.kind from media m"
        + " join post_capture_media pcm on pcm.media_id = m.id");
    assertThat(media).extracting(m -> m.get("kind"))
        .contains("photo", "video", "thumbnail", "avatar");
    for (Map<String, Object> m : media) {
      byte[] bytes = Files.readAllBytes(cli.archiveDir().resolve((String) m.get("path")));
      assertThat(Sha256.of(bytes).hex()).isEqualTo(m.get("sha256"));
    }
    assertThat(media).filteredOn(m -> m.get("kind").equals("photo"))
        .extracting(m -> m.get("content_type")).containsOnly("image/jpeg");

    // The article capture: raw bytes stored, digest matches the file we gave.
    Map<String, Object> articleRow = cli.query("select sha256, body_path, media_type from article_capture").get(0);
    assertThat(articleRow.get("sha256")).isEqualTo(Sha256.of(Files.readAllBytes(article)).hex());
    assertThat(articleRow.get("media_type")).isEqualTo("text/html");
    assertThat(Files.readAllBytes(cli.archiveDir().resolve((String) articleRow.get("body_path"))))
        .isEqualTo(Files.readAllBytes(article));

    // WARC: every record reads back, declared block and payload digests match, and each observation's body hash is
    // the payload of the WARC record at the stored file and offset.
    List<Path> warcs;
    try (Stream<Path> s = Files.list(cli.archiveDir().resolve("warc"))) {
      warcs = s.toList();
    }
    assertThat(warcs).isNotEmpty();
    int responses = 0;
    for (Path warc : warcs) {
      try (WarcReader reader = new WarcReader(warc)) {
        reader.calculateBlockDigest();
        for (WarcRecord record : reader) {
          if (record instanceof WarcResponse response) {
            responses++;
            byte[] payload = response.http().body().stream().readAllBytes();
            assertThat(response.payloadDigest().orElseThrow().hex()).isEqualTo(Sha256.of(payload).hex());
          }
          record.body().consume();
          Optional<WarcDigest> declared = record.blockDigest();
          if (declared.isPresent()) {
            assertThat(record.calculatedBlockDigest()).contains(declared.get());
          }
        }
      }
    }
    assertThat(responses).isGreaterThanOrEqualTo(4 + media.size());
    List<Map<String, Object>> observations = cli.query(
        "select endpoint, body_sha256, warc_file, warc_offset, warc_record_id, request_url from observation"
            + " where endpoint not like 'wayback-%'");
    assertThat(observations).extracting(o -> o.get("endpoint"))
        .containsExactlyInAnyOrder("x-syndication", "x-syndication", "x-oembed", "x-oembed");
    for (Map<String, Object> o : observations) {
      Path file = cli.archiveDir().resolve("warc").resolve((String) o.get("warc_file"));
      try (FileChannel channel = FileChannel.open(file);
          WarcReader reader = new WarcReader(channel.position((Long) o.get("warc_offset")))) {
        WarcResponse record = (WarcResponse) reader.next().orElseThrow();
        assertThat(record.id().toString()).isEqualTo(o.get("warc_record_id"));
        String host = o.get("endpoint").equals("x-oembed") ? "publish.twitter.com" : "cdn.syndication.twimg.com";
        assertThat(record.target()).isEqualTo(o.get("request_url")).startsWith("https://" + host + "/");
        // The platform's address is the logical target; the request itself went to the local sandbox.
        assertThat(record.headers().first("WARC-Embedwatch-Routed-To"))
            .hasValueSatisfying(to -> assertThat(to).startsWith(sandbox.baseUri() + "/" + host + "/"));
        byte[] payload = record.http().body().stream().readAllBytes();
        assertThat(Sha256.of(payload).hex()).isEqualTo(o.get("body_sha256"));
      }
    }
  }

  @Test
  void requestsCarryTheTokenAndUserAgentAndGoOnlyToTheSandbox() throws IOException {
    Path article = Files.writeString(work.resolve("a.html"), Articles.twoEmbeds());

    assertThat(cli.run("archive", article.toString()).exit()).isZero();

    var syndication = sandbox.requests().stream()
        .filter(r -> r.host().equals("cdn.syndication.twimg.com")).toList();
    assertThat(syndication).hasSize(2);
    assertThat(syndication).allSatisfy(r -> {
      assertThat(r.queryParam("token")).contains(
          org.embedwatch.platform.x.SyndicationToken.of(r.queryParam("id").orElseThrow()));
      assertThat(r.header("User-Agent")).hasValueSatisfying(ua -> assertThat(ua).startsWith("Mozilla/5.0"));
    });
  }

  @Test
  void everyWarcFileStartsWithAWarcinfoNamingTheSoftwareAndSettingsButNoSecret() throws IOException {
    Path article = Files.writeString(work.resolve("a.html"), Articles.twoEmbeds());
    CliRunner.Run run = cli.run("--set", "x.v2.bearer-token=warcinfo-secret-token", "--set", "check.concurrency=3",
        "archive", article.toString());
    assertThat(run.exit()).as(run.err()).isZero();

    List<Path> files;
    try (Stream<Path> s = Files.list(cli.archiveDir().resolve("warc"))) {
      files = s.filter(f -> f.toString().endsWith(".warc.gz")).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      try (WarcReader reader = new WarcReader(FileChannel.open(file))) {
        WarcRecord first = reader.next().orElseThrow();
        assertThat(first).isInstanceOf(Warcinfo.class);
        Map<String, List<String>> fields = ((Warcinfo) first).fields().map();
        assertThat(fields.get("software").get(0)).startsWith("Embedwatch/");
        assertThat(fields.get("embedwatch-check").get(0)).contains("concurrency 3");
        assertThat(fields.get("embedwatch-politeness").get(0)).startsWith("rate ").contains("retries ");
        assertThat(fields.get("embedwatch-credentials").get(0)).contains("x.v2 configured").contains("x.v1 none");
        assertThat(fields.get("embedwatch-routes").get(0)).contains("cdn.syndication.twimg.com -> http://127.0.0.1:");
        assertThat(fields.toString()).doesNotContain("warcinfo-secret-token");
      }
    }
  }

  @Test
  void missingFileIsAClearErrorAndStoresNothing() {
    CliRunner.Run run = cli.run("archive", work.resolve("nope.html").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip()).isEqualTo("error: " + work.resolve("nope.html") + ": unreadable: no such file"
        + " (give an existing file or an http(s) URL)");
    assertThat(run.out().strip()).isEqualTo(work.resolve("nope.html") + ": unreadable: no such file");
    assertThat(cli.query("select count(*) n from article").get(0).get("n")).isEqualTo(0L);
  }

  @Test
  void binaryFileNamedHtmlIsRefusedAsNotAnArticle() throws IOException {
    byte[] png = java.util.Base64.getDecoder().decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    Path file = Files.write(work.resolve("photo.html"), png);

    CliRunner.Run run = cli.run("archive", file.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip()).isEqualTo("error: " + file + ": unsupported: image/png"
        + " (give an HTML, text, PDF or DOCX article, an RSS or Atom feed, or a sitemap)");
    assertThat(cli.query("select count(*) n from article_capture").get(0).get("n")).isEqualTo(0L);
  }

  @Test
  void malformedUrlIsAClearError() {
    CliRunner.Run run = cli.run("archive", "https://exa mple.com/story");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip()).startsWith("error: https://exa mple.com/story: unreadable: malformed URL: ")
        .endsWith("(give an http(s) URL or a file path)").hasLineCount(1);
  }

  @Test
  void oneBadInputDoesNotStopTheBatchNorLoseTheGoodOne() throws IOException {
    Path good = Files.writeString(work.resolve("good.html"), Articles.twoEmbeds());

    CliRunner.Run run = cli.run("archive", work.resolve("missing.txt").toString(), good.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("no such file");
    assertThat(run.out()).contains("article " + good + ": 2 references");
    assertThat(cli.query("select count(*) n from post where state = 'AVAILABLE'").get(0).get("n")).isEqualTo(2L);
  }

  @Test
  void archivingWithoutInputsIsAUsageError() {
    CliRunner.Run run = cli.run("archive");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter");
  }

  @Test
  void unknownConfigurationKeyIsAnOperationalError() {
    CliRunner.Run run = cli.run("--set", "archive.dri=x", "status");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip()).startsWith("error: unknown configuration key 'archive.dri'").hasLineCount(1);
  }
}
