package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.RecordedRequest;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.ManyPosts;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;

/**
 * X's v2 lookup through the real CLI: with {@code x.v2.bearer-token} set, one {@code /2/tweets?ids=} request answers
 * for every post of a check, each post's capture is its own part of the shared payload, and no credential of any
 * client reaches the archive.
 */
class XV2IT {
  private static final String TOKEN = "AAAAAAAAAAAAAAAAAAAAAEmbedwatchV2Token%2Fq7Zx9%3DsecretTail";
  private static final String V1_SECRET = "v1-s3cr3t-0xC0FFEE";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;
  private SandboxedCli env;

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  private CliRunner start(Map<String, String> extra) throws IOException {
    Map<String, String> settings = new HashMap<>(extra);
    settings.put("x.v2.bearer-token", TOKEN);
    env = SandboxedCli.start(work, settings);
    return env.cli();
  }

  private List<RecordedRequest> v2Requests() {
    return env.sandbox().requests().stream()
        .filter(r -> r.host().equals("api.twitter.com") && r.hostPath().equals("/2/tweets"))
        .toList();
  }

  /** An article embedding the photo, video and quote posts of the demo scenario. */
  private Path threeEmbeds() throws IOException {
    String html = Articles.twoEmbeds().replace("</article>", "<blockquote class=\"twitter-tweet\"><p>Quote.</p>"
        + "&mdash; Matt (@mattcarrollcode) <a href=\"https://twitter.com/mattcarrollcode/status/" + Articles.QUOTE_POST
        + "\">March 31, 2023</a></blockquote></article>");
    return Files.writeString(work.resolve("three.html"), html);
  }

  private byte[] warcPayload(Map<String, Object> observation) throws IOException {
    Path file = env.cli().archiveDir().resolve("warc").resolve((String) observation.get("warc_file"));
    try (FileChannel channel = FileChannel.open(file);
        WarcReader reader = new WarcReader(channel.position((Long) observation.get("warc_offset")))) {
      WarcResponse record = (WarcResponse) reader.next().orElseThrow();
      assertThat(record.target()).isEqualTo(observation.get("request_url"));
      return record.http().body().stream().readAllBytes();
    }
  }

  @Test
  void oneV2RequestCoversEveryCitedPostAndEachCaptureIsItsOwnPartOfTheSharedPayload() throws IOException {
    CliRunner cli = start(Map.of());

    CliRunner.Run run = cli.run("archive", threeEmbeds().toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("x-v2 HTTP 200, served, 2 media", "x-v2 HTTP 200, served, 4 media",
        "x-v2 HTTP 200, served, 1 media");
    assertThat(v2Requests()).singleElement().satisfies(r -> {
      assertThat(r.header("Authorization")).hasValue("Bearer " + TOKEN);
      assertThat(r.queryParam("ids").orElseThrow().split(",")).containsExactlyInAnyOrder(Articles.PHOTO_POST,
          Articles.VIDEO_POST, Articles.QUOTE_POST);
    });

    List<Map<String, Object>> observations = cli.query("select p.post_id, o.outcome, o.http_status, o.request_url,"
        + " o.body_sha256, o.warc_file, o.warc_offset from observation o join post p on p.id = o.post_ref"
        + " where o.endpoint = 'x-v2' order by p.post_id");
    assertThat(observations).hasSize(3).allSatisfy(o -> {
      assertThat(o.get("outcome")).isEqualTo("AVAILABLE");
      assertThat(o.get("http_status")).isEqualTo(200);
    });
    assertThat(observations).extracting(o -> o.get("warc_file") + "@" + o.get("warc_offset") + " "
        + o.get("body_sha256") + " " + o.get("request_url")).as("one exchange behind all three").containsOnly(
        observations.get(0).get("warc_file") + "@" + observations.get(0).get("warc_offset") + " "
            + observations.get(0).get("body_sha256") + " " + observations.get(0).get("request_url"));
    byte[] payload = warcPayload(observations.get(0));
    assertThat(Sha256.of(payload).hex()).isEqualTo(observations.get(0).get("body_sha256"));
    JsonNode shared = JSON.readTree(payload);

    List<Map<String, Object>> captures = cli.query("select p.post_id, c.body, c.body_sha256, c.body_scope, c.text,"
        + " c.author_handle from post_capture c join post p on p.id = c.post_ref where c.endpoint = 'x-v2'"
        + " order by p.post_id");
    assertThat(captures).hasSize(3);
    assertThat(captures).extracting(c -> c.get("body_scope")).containsExactlyInAnyOrder(
        "json-pointer /data/0", "json-pointer /data/1", "json-pointer /data/2");
    for (Map<String, Object> c : captures) {
      byte[] body = (byte[]) c.get("body");
      String pointer = ((String) c.get("body_scope")).substring("json-pointer ".length());
      assertThat(Sha256.of(body).hex()).isEqualTo(c.get("body_sha256"));
      assertThat(body).as("the part re-serialized from the WARC payload")
          .isEqualTo(JSON.writeValueAsBytes(shared.at(pointer)));
      assertThat(JSON.readTree(body).path("id").asText()).isEqualTo(c.get("post_id"));
    }
    assertThat(captures.get(0)).containsEntry("author_handle", "SamuelSusla");
    assertThat(cli.query("select m.kind, m.outcome from post_capture_media m join post_capture c"
        + " on c.id = m.post_capture_id join post p on p.id = c.post_ref where c.endpoint = 'x-v2'"
        + " and p.post_id = ? order by m.id", Articles.VIDEO_POST))
        .extracting(m -> m.get("kind") + " " + m.get("outcome"))
        .containsExactly("thumbnail stored", "video stored", "playlist stored", "avatar stored");
  }

  @Test
  void aDeletionThenCheckAllIsNotFoundForThatPostOnlyAndCountsDoNotMakeTheOthersAltered() throws IOException {
    CliRunner cli = start(Map.of());
    assertThat(cli.run("archive", threeEmbeds().toString()).exit()).isZero();
    env.clock().advance(Duration.ofDays(1));
    env.sandbox().apply(Articles.PHOTO_POST, Change.deleted());

    CliRunner.Run run = cli.run("check", "--all");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("x-v2 HTTP 200, not found: Could not find tweet with ids: ["
        + Articles.PHOTO_POST + "].");
    assertThat(v2Requests()).hasSize(2);
    assertThat(cli.query("select p.post_id, o.outcome from observation o join post p on p.id = o.post_ref"
        + " where o.endpoint = 'x-v2' and o.observed_at > ? order by p.post_id",
        java.sql.Timestamp.from(SandboxedCli.START.plus(Duration.ofHours(1)))))
        .extracting(o -> o.get("post_id") + " " + o.get("outcome"))
        .containsExactly(Articles.PHOTO_POST + " NOT_FOUND", Articles.QUOTE_POST + " AVAILABLE",
            Articles.VIDEO_POST + " AVAILABLE");
    assertThat(cli.query("select count(*) n from post_capture where endpoint = 'x-v2'").get(0).get("n"))
        .as("public_metrics changed, the fingerprints did not: no new capture").isEqualTo(3L);
    assertThat(cli.query("select post_id, state from post order by post_id")).extracting(
        p -> p.get("post_id") + " " + p.get("state")).containsExactly(Articles.PHOTO_POST + " SUSPECTED_UNAVAILABLE",
        Articles.QUOTE_POST + " AVAILABLE", Articles.VIDEO_POST + " AVAILABLE");
  }

  @Test
  void a150PostArticleIsLookedUpInTwoV2Requests() throws IOException {
    ManyPosts many = ManyPosts.of(150);
    Map<String, String> settings = new HashMap<>(Map.of("x.v2.bearer-token", TOKEN,
        "net.rate.default", "off", "net.concurrency.default", "off"));
    env = SandboxedCli.start(work, many.scenario(), settings);
    CliRunner cli = env.cli();

    CliRunner.Run run = cli.run("archive", Files.writeString(work.resolve("many.html"), many.article()).toString());

    assertThat(run.exit()).as(run.err()).isZero();
    // Then one more: the post the quote tweets quote, found in their captures and checked after them.
    assertThat(v2Requests()).extracting(r -> r.queryParam("ids").orElseThrow().split(",").length)
        .containsExactly(100, 50, 1);
    assertThat(cli.query("select count(distinct o.post_ref) n from observation o where o.endpoint = 'x-v2'"
        + " and o.outcome = 'AVAILABLE'").get(0).get("n")).isEqualTo(151L);
  }

  @Test
  void noCredentialOfAnyClientIsWrittenAnywhereUnderTheArchive() throws IOException {
    CliRunner cli = start(Map.of(
        "x.v1.consumer-key", "ck-" + V1_SECRET,
        "x.v1.consumer-secret", "cs-" + V1_SECRET,
        "x.v1.access-token", "at-" + V1_SECRET,
        "x.v1.access-token-secret", "ats-" + V1_SECRET));

    CliRunner.Run run = cli.run("archive", threeEmbeds().toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(env.sandbox().requests()).anySatisfy(r ->
        assertThat(r.header("Authorization")).hasValue("Bearer " + TOKEN));
    assertThat(run.out() + run.err()).doesNotContain(TOKEN, V1_SECRET);
    List<String> secrets = List.of(TOKEN, "EmbedwatchV2Token", V1_SECRET);
    List<Path> files;
    try (Stream<Path> s = Files.walk(cli.archiveDir())) {
      files = s.filter(Files::isRegularFile).toList();
    }
    assertThat(files).anySatisfy(f -> assertThat(f.toString()).endsWith(".warc.gz"));
    if (cli.storesInArchiveDir()) {
      assertThat(files).anySatisfy(f -> assertThat(f.toString()).endsWith(".mv.db"));
    }
    assertThat(cli.storedText()).contains("x-v2").doesNotContain(secrets);
    for (Path f : files) {
      String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      assertThat(raw).as(f.toString()).doesNotContain(secrets);
      if (f.toString().endsWith(".warc.gz")) {
        String inflated = new String(gunzipEveryMember(f), StandardCharsets.ISO_8859_1);
        assertThat(count(inflated, "\r\nWARC-Record-ID: ")).as("every member of " + f + " was read")
            .isEqualTo(records(f).size());
        assertThat(inflated).as(f + " inflated").doesNotContain(secrets);
      }
    }
    List<String> authorizations = new ArrayList<>();
    for (Path f : files) {
      if (f.toString().endsWith(".warc.gz")) {
        for (WarcRecord record : records(f)) {
          if (record instanceof WarcRequest request && request.target().startsWith("https://api.twitter.com/")) {
            String api = request.target().startsWith("https://api.twitter.com/2/") ? "v2" : "v1.1";
            authorizations.add(api + " " + request.http().headers().first("Authorization").orElse("(none)"));
          }
        }
      }
    }
    assertThat(authorizations).contains("v2 Bearer [redacted]", "v1.1 OAuth [redacted]")
        .allSatisfy(a -> assertThat(a).endsWith(" [redacted]"));
  }

  /** Every gzip member of {@code file}, inflated one after the other. */
  private static byte[] gunzipEveryMember(Path file) throws IOException {
    // GZIPInputStream goes on to the next member after each one ends, to the end of the file.
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }

  private static List<WarcRecord> records(Path file) throws IOException {
    List<WarcRecord> out = new ArrayList<>();
    try (WarcReader reader = new WarcReader(FileChannel.open(file))) {
      for (WarcRecord record : reader) {
        if (record instanceof WarcRequest request) {
          request.http(); // parse the HTTP block while the record is current
        }
        out.add(record);
      }
    }
    return out;
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
