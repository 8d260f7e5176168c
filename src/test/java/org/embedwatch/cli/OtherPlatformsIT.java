package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.sandbox.Scenario;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcResponse;

/** YouTube, TikTok, Instagram and Facebook posts through their oEmbed endpoints, end to end through the CLI. */
class OtherPlatformsIT {
  private static final String VIDEO = "dQw4w9WgXcQ";
  private static final String TIKTOK = "7301234567890123456";
  private static final String INSTAGRAM = "C1a2b3c4d5e";
  private static final String FACEBOOK = "10154009990506729";
  private static final String TOKEN = Sandbox.META_OEMBED_TOKEN;

  @TempDir Path work;
  private SandboxedCli env;
  private CliRunner cli;

  @AfterEach
  void stop() {
    env.close();
  }

  /** Starts the sandbox with one post per platform and writes the article citing all four. */
  private Path start(Map<String, String> settings) throws IOException {
    env = SandboxedCli.start(work, Scenario.of(
        Scenario.Post.youtube(VIDEO, "citynews", "The bridge is closed"),
        Scenario.Post.tiktok(TIKTOK, "newsdesk", "Flood on Main St"),
        Scenario.Post.instagram(INSTAGRAM, "alice.photos"),
        Scenario.Post.facebook(FACEBOOK, "citycouncil", "The council meets on Monday.")), settings);
    cli = env.cli();
    return Files.writeString(work.resolve("four.html"), "<html><body><article>"
        + "<p>The <a href=\"https://www.youtube.com/watch?v=" + VIDEO + "\">video</a>,"
        + " the <a href=\"https://www.tiktok.com/@newsdesk/video/" + TIKTOK + "\">clip</a>,"
        + " the <a href=\"https://www.instagram.com/p/" + INSTAGRAM + "/\">photo</a> and"
        + " the <a href=\"https://www.facebook.com/citycouncil/posts/" + FACEBOOK + "\">notice</a>.</p>"
        + "</article></body></html>");
  }

  private String state(String platform) {
    Map<String, Object> row = cli.query("select state, state_reason from post where platform = ?", platform).get(0);
    return row.get("state") + (row.get("state_reason") == null ? "" : "/" + row.get("state_reason"));
  }

  /** A WARC response record read back: its target URI and its HTTP payload. */
  private record Exchange(String target, byte[] payload) {}

  private Exchange warcResponse(Object file, Object offset) throws IOException {
    try (FileChannel channel = FileChannel.open(cli.archiveDir().resolve("warc").resolve((String) file));
        WarcReader reader = new WarcReader(channel.position((Long) offset))) {
      WarcResponse record = (WarcResponse) reader.next().orElseThrow();
      return new Exchange(record.target(), record.http().body().stream().readAllBytes());
    }
  }

  @Test
  void archiveCapturesEachPostWithItsThumbnailRawAnswerAndWarcRecords() throws IOException {
    Path article = start(Map.of("meta.oembed-token", TOKEN));

    CliRunner.Run run = cli.run("archive", article.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("youtube-oembed HTTP 200, served, 1 media", "tiktok-oembed HTTP 200, served, 1 media",
        "instagram-oembed HTTP 200, served, 1 media", "facebook-oembed HTTP 200, served, 0 media")
        .doesNotContain("no client");
    List<Map<String, Object>> observations = cli.query("select p.platform, o.endpoint, o.outcome, o.http_status,"
        + " o.request_url, o.body_sha256, o.warc_file, o.warc_offset from observation o"
        + " join post p on p.id = o.post_ref order by p.platform");
    assertThat(observations).extracting(o -> o.get("platform") + " " + o.get("endpoint") + " " + o.get("outcome")
        + " " + o.get("http_status")).containsExactly("facebook facebook-oembed AVAILABLE 200",
            "instagram instagram-oembed AVAILABLE 200", "tiktok tiktok-oembed AVAILABLE 200",
            "youtube youtube-oembed AVAILABLE 200");
    for (Map<String, Object> o : observations) {
      Exchange exchange = warcResponse(o.get("warc_file"), o.get("warc_offset"));
      assertThat(exchange.target()).isEqualTo(o.get("request_url"));
      assertThat(Sha256.of(exchange.payload()).hex()).isEqualTo(o.get("body_sha256"));
    }
    assertThat(observations.get(1).get("request_url")).isEqualTo("https://graph.facebook.com/v18.0/instagram_oembed"
        + "?url=https%3A%2F%2Fwww.instagram.com%2Fp%2F" + INSTAGRAM + "%2F&access_token=[redacted]");
    assertThat(observations.get(3).get("request_url")).isEqualTo("https://www.youtube.com/oembed?url="
        + "https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3D" + VIDEO + "&format=json");

    List<Map<String, Object>> captures = cli.query("select p.platform, c.text, c.author_handle, c.body,"
        + " c.body_sha256 from post_capture c join post p on p.id = c.post_ref order by p.platform");
    assertThat(captures).extracting(c -> c.get("platform") + " " + c.get("author_handle") + ": " + c.get("text"))
        .containsExactly("facebook citycouncil: The council meets on Monday.", "instagram alice.photos: ",
            "tiktok newsdesk: Flood on Main St", "youtube citynews: The bridge is closed");
    for (Map<String, Object> c : captures) {
      assertThat(Sha256.of((byte[]) c.get("body")).hex()).isEqualTo(c.get("body_sha256"));
    }
    assertThat(new String((byte[]) captures.get(3).get("body"), StandardCharsets.UTF_8))
        .contains("\"thumbnail_url\":\"https://i.ytimg.com/vi/" + VIDEO + "/hqdefault.jpg\"");

    List<Map<String, Object>> thumbnails = cli.query("select p.platform, pcm.kind, pcm.outcome, pcm.source_url,"
        + " pcm.warc_file, pcm.warc_offset, m.sha256, m.content_type, m.path from post_capture_media pcm"
        + " join media m on m.id = pcm.media_id join post_capture c on c.id = pcm.post_capture_id"
        + " join post p on p.id = c.post_ref order by p.platform");
    assertThat(thumbnails).extracting(t -> t.get("platform") + " " + t.get("kind") + " " + t.get("outcome") + " "
        + t.get("content_type")).containsExactly("instagram thumbnail stored image/jpeg",
            "tiktok thumbnail stored image/jpeg", "youtube thumbnail stored image/jpeg");
    for (Map<String, Object> t : thumbnails) {
      byte[] stored = Files.readAllBytes(cli.archiveDir().resolve((String) t.get("path")));
      assertThat(Sha256.of(stored).hex()).isEqualTo(t.get("sha256"));
      Exchange exchange = warcResponse(t.get("warc_file"), t.get("warc_offset"));
      assertThat(exchange.target()).isEqualTo(t.get("source_url"));
      assertThat(exchange.payload()).isEqualTo(stored);
    }
    assertThat(thumbnails.get(0).get("source_url").toString())
        .startsWith("https://scontent.cdninstagram.com/v/t51.2885-15/");
    assertThat(thumbnails.get(1).get("source_url").toString())
        .startsWith("https://p16-sign-va.tiktokcdn.com/obj/tos-maliva-p-0068/").contains("?x-expires=");
    for (String platform : List.of("youtube", "tiktok", "instagram", "facebook")) {
      assertThat(state(platform)).as(platform).isEqualTo("AVAILABLE");
    }
  }

  @Test
  void removalAndPrivacyAreReadAsEachEndpointSaidAndAnOutageChangesNothing() throws IOException {
    Path article = start(Map.of("meta.oembed-token", TOKEN));
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    env.clock().advance(Duration.ofHours(25));
    env.sandbox().apply(VIDEO, Change.protectedAccount());
    env.sandbox().apply(TIKTOK, Change.deleted());
    env.sandbox().apply(INSTAGRAM, Change.deleted());

    CliRunner.Run checked = cli.run("check");

    assertThat(checked.exit()).as(checked.err()).isZero();
    assertThat(checked.out())
        .contains("youtube " + VIDEO + ": AVAILABLE -> SUSPECTED_UNAVAILABLE (unknown) — youtube-oembed HTTP 401,"
            + " unavailable: HTTP 401 Unauthorized: embedding disabled or private (YouTube does not say which)")
        .contains("tiktok " + TIKTOK + " @newsdesk: AVAILABLE -> SUSPECTED_UNAVAILABLE (unknown) — tiktok-oembed HTTP 400,"
            + " not found: HTTP 400 Something went wrong")
        .contains("instagram " + INSTAGRAM + ": AVAILABLE -> SUSPECTED_UNAVAILABLE (unknown) — instagram-oembed HTTP 400,"
            + " not found: HTTP 400 Graph error 24: The requested resource does not exist")
        .contains("facebook " + FACEBOOK + " @citycouncil: AVAILABLE (unchanged)")
        .contains("checked 4 posts: 3 flagged, 0 with an unreachable endpoint");
    assertThat(cli.query("select p.platform, o.outcome, o.reason, o.http_status from observation o join post p"
        + " on p.id = o.post_ref where o.id in (select max(id) from observation group by post_ref)"
        + " order by p.platform"))
        .extracting(o -> o.get("platform") + " " + o.get("outcome") + " " + o.get("reason") + " " + o.get("http_status"))
        .containsExactly("facebook AVAILABLE null 200", "instagram NOT_FOUND UNKNOWN 400",
            "tiktok NOT_FOUND UNKNOWN 400", "youtube UNAVAILABLE UNKNOWN 401");

    // Three days after the archive: the available post's turn on the decay cadence, the suspected ones' long since.
    env.clock().advance(Duration.ofHours(47));
    env.sandbox().setFault(Fault.status(503));
    CliRunner.Run outage = cli.run("check");

    assertThat(outage.out()).contains("checked 4 posts: 3 flagged, 4 with an unreachable endpoint");
    assertThat(state("youtube")).isEqualTo("SUSPECTED_UNAVAILABLE/UNKNOWN");
    assertThat(state("tiktok")).isEqualTo("SUSPECTED_UNAVAILABLE/UNKNOWN");
    assertThat(state("instagram")).isEqualTo("SUSPECTED_UNAVAILABLE/UNKNOWN");
    assertThat(state("facebook")).isEqualTo("AVAILABLE");

    env.sandbox().setFault(Fault.none());
    env.clock().advance(Duration.ofHours(25));
    env.sandbox().apply(VIDEO, Change.restored());
    CliRunner.Run restored = cli.run("check");

    assertThat(restored.out()).contains("youtube " + VIDEO + ": SUSPECTED_UNAVAILABLE -> AVAILABLE — youtube-oembed HTTP 200,"
        + " served, 1 media");
    assertThat(state("youtube")).isEqualTo("AVAILABLE");
  }

  @Test
  void withoutTheTokenInstagramAndFacebookStayPendingAndTheLinesSayWhatTheyNeed() throws IOException {
    Path article = start(Map.of());

    CliRunner.Run archived = cli.run("archive", article.toString());
    CliRunner.Run checked = cli.run("check", "--all");

    assertThat(archived.exit()).as(archived.err()).isZero();
    assertThat(archived.out())
        .contains("not captured: no client for instagram posts yet (needs meta.oembed-token)")
        .contains("not captured: no client for facebook posts yet (needs meta.oembed-token)")
        .contains("youtube-oembed HTTP 200, served, 1 media", "tiktok-oembed HTTP 200, served, 1 media");
    assertThat(checked.out()).contains("checked 2 posts: 0 flagged, 0 with an unreachable endpoint;"
        + " not checked, no client yet: facebook=1 (needs meta.oembed-token), instagram=1 (needs meta.oembed-token)");
    assertThat(state("instagram")).isEqualTo("PENDING");
    assertThat(state("facebook")).isEqualTo("PENDING");
    assertThat(env.sandbox().requests()).noneMatch(r -> r.host().equals("graph.facebook.com"));
  }

  @Test
  void theTokenAppearsNowhereUnderTheArchive() throws IOException {
    Path article = start(Map.of("meta.oembed-token", TOKEN));
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    env.clock().advance(Duration.ofHours(25));
    env.sandbox().apply(INSTAGRAM, Change.deleted());
    env.sandbox().apply(FACEBOOK, Change.flaky(Fault.status(500)));
    assertThat(cli.run("check").exit()).isZero();

    String secret = TOKEN.substring(TOKEN.indexOf('|') + 1);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(cli.archiveDir())) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).anyMatch(f -> f.toString().endsWith(".warc.gz"));
    if (cli.storesInArchiveDir()) {
      assertThat(files).anyMatch(f -> f.toString().endsWith(".mv.db"));
    }
    assertThat(cli.storedText()).contains("instagram_oembed").doesNotContain(secret);
    StringBuilder warcText = new StringBuilder();
    for (Path file : files) {
      String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      assertThat(raw).as(file.toString()).doesNotContain(secret);
      if (file.toString().endsWith(".gz")) {
        String text = gunzip(file);
        assertThat(text).as(file + " (decompressed)").doesNotContain(secret);
        warcText.append(text);
      }
    }
    // The Graph requests were recorded, with the token's value replaced; they reached the sandbox with it.
    assertThat(warcText.toString()).contains("GET /v18.0/instagram_oembed?url=https%3A%2F%2Fwww.instagram.com%2Fp%2F"
        + INSTAGRAM + "%2F&access_token=[redacted] HTTP/1.1", "access_token=[redacted]\r\n");
    assertThat(env.sandbox().requests()).filteredOn(r -> r.host().equals("graph.facebook.com"))
        .hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(r -> assertThat(r.queryParam("access_token")).hasValue(TOKEN));
  }

  private static String gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
