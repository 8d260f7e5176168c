package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.RecordedRequest;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.testsupport.ArchiveFile;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.ManyPosts;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcResponse;

/**
 * With v1.1 credentials, {@code archive} asks {@code statuses/lookup} once per chunk of up to 100 posts, stores each
 * served post's part of the one recorded array, and asks {@code statuses/show} only for the posts the lookup left out.
 */
class TwitterV1LookupIT {
  private static final String SECRET = "l00kup-s3cr3t";
  private static final String LOOKUP_PATH = "/1.1/statuses/lookup.json";

  @TempDir Path work;
  private final ObjectMapper json = new ObjectMapper();
  private SandboxedCli env;
  private CliRunner cli;

  private static Map<String, String> credentials() {
    Map<String, String> settings = new HashMap<>();
    settings.put("x.v1.consumer-key", "consumer-" + SECRET);
    settings.put("x.v1.consumer-secret", "consumer-secret-" + SECRET);
    settings.put("x.v1.access-token", "access-" + SECRET);
    settings.put("x.v1.access-token-secret", "access-secret-" + SECRET);
    return settings;
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  private List<RecordedRequest> v1Requests(Sandbox sandbox) {
    return sandbox.requests().stream().filter(r -> r.host().equals("api.twitter.com")).toList();
  }

  private static String threeEmbeds() {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Three posts</title></head><body><article>"
        + embed("SamuelSusla", Articles.PHOTO_POST) + embed("Rainmaker1973", Articles.VIDEO_POST)
        + embed("mattcarrollcode", Articles.QUOTE_POST) + "</article></body></html>";
  }

  private static String embed(String handle, String id) {
    return "<blockquote class=\"twitter-tweet\"><p lang=\"en\" dir=\"ltr\">A cited post.</p>&mdash; " + handle
        + " (@" + handle + ") <a href=\"https://twitter.com/" + handle + "/status/" + id + "\">2023</a></blockquote>";
  }

  private WarcResponse warcRecord(Map<String, Object> observation, byte[][] payload) throws IOException {
    Path file = cli.archiveDir().resolve("warc").resolve((String) observation.get("warc_file"));
    try (FileChannel channel = FileChannel.open(file);
        WarcReader reader = new WarcReader(channel.position((Long) observation.get("warc_offset")))) {
      WarcResponse record = (WarcResponse) reader.next().orElseThrow();
      payload[0] = record.http().body().stream().readAllBytes();
      return record;
    }
  }

  private List<Map<String, Object>> v1Observations(String postId) {
    return cli.query("select o.id, o.outcome, o.reason, o.detail, o.http_status, o.request_url, o.body_sha256,"
        + " o.warc_file, o.warc_offset from observation o join post p on p.id = o.post_ref"
        + " where p.post_id = ? and o.endpoint = 'x-v1.1' order by o.id", postId);
  }

  @Test
  void archiveAsksOneLookupStoresEachPostsPartAndAsksShowOnlyForTheDeletedPost() throws IOException {
    env = SandboxedCli.start(work, credentials());
    cli = env.cli();
    env.sandbox().apply(Articles.QUOTE_POST, Change.deleted());
    Path article = Files.writeString(work.resolve("three.html"), threeEmbeds());

    CliRunner.Run run = cli.run("archive", article.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    List<RecordedRequest> v1 = v1Requests(env.sandbox());
    assertThat(v1).extracting(RecordedRequest::hostPath)
        .containsExactlyInAnyOrder(LOOKUP_PATH, "/1.1/statuses/show/" + Articles.QUOTE_POST + ".json");
    RecordedRequest lookup = v1.stream().filter(r -> r.hostPath().equals(LOOKUP_PATH)).findFirst().orElseThrow();
    assertThat(lookup.queryParam("id").orElseThrow().split(","))
        .containsExactlyInAnyOrder(Articles.PHOTO_POST, Articles.VIDEO_POST, Articles.QUOTE_POST);

    // The served posts: one WARC record (the lookup), and each capture is its own part of that record's array.
    Map<String, Object> photo = v1Observations(Articles.PHOTO_POST).get(0);
    Map<String, Object> video = v1Observations(Articles.VIDEO_POST).get(0);
    assertThat(List.of(photo, video)).allSatisfy(o -> {
      assertThat(o.get("outcome")).isEqualTo("AVAILABLE");
      assertThat(o.get("request_url")).as("the address Twitter4J asked for, before routing")
          .isEqualTo("https://api.twitter.com/1.1/statuses/lookup.json?" + lookup.query());
    });
    assertThat(video.get("warc_offset")).isEqualTo(photo.get("warc_offset"));
    assertThat(video.get("warc_file")).isEqualTo(photo.get("warc_file"));
    byte[][] payload = new byte[1][];
    WarcResponse record = warcRecord(photo, payload);
    assertThat(record.target()).isEqualTo(photo.get("request_url"));
    assertThat(record.http().status()).isEqualTo(200);
    assertThat(record.http().headers().first("X-Embedwatch-Transport")).hasValueSatisfying(
        t -> assertThat(t).startsWith("twitter4j (body: the JSON array Twitter4J kept"));
    assertThat(record.headers().first("WARC-Embedwatch-Routed-To")).hasValueSatisfying(
        t -> assertThat(t).startsWith(env.sandbox().baseUri() + "/api.twitter.com/1.1/statuses/lookup.json?id="));
    assertThat(record.http().headers().all("Authorization")).isEmpty();
    assertThat(Sha256.of(payload[0]).hex()).isEqualTo(photo.get("body_sha256"));
    JsonNode array = json.readTree(payload[0]);
    assertThat(array).hasSize(2);

    List<Map<String, Object>> captures = cli.query("select p.post_id, c.body, c.body_sha256, c.body_scope,"
        + " c.observation_id from post_capture c join post p on p.id = c.post_ref where c.endpoint = 'x-v1.1'"
        + " order by p.post_id");
    assertThat(captures).extracting(c -> c.get("post_id"))
        .containsExactly(Articles.PHOTO_POST, Articles.VIDEO_POST);
    for (Map<String, Object> c : captures) {
      byte[] body = (byte[]) c.get("body");
      assertThat(Sha256.of(body).hex()).isEqualTo(c.get("body_sha256"));
      String scope = (String) c.get("body_scope");
      assertThat(scope).matches("json-pointer /[01]");
      JsonNode part = array.at(scope.substring("json-pointer ".length()));
      assertThat(part.path("id_str").asText()).isEqualTo(c.get("post_id"));
      assertThat(body).as("the capture is the part re-serialized compactly").isEqualTo(json.writeValueAsBytes(part));
    }

    // The deleted post: left out of the lookup, answered by show with its reason.
    Map<String, Object> quote = v1Observations(Articles.QUOTE_POST).get(0);
    assertThat(quote).containsEntry("outcome", "UNAVAILABLE").containsEntry("reason", "DELETED")
        .containsEntry("http_status", 404);
    assertThat((String) quote.get("request_url"))
        .startsWith("https://api.twitter.com/1.1/statuses/show/" + Articles.QUOTE_POST + ".json?");
    WarcResponse shown = warcRecord(quote, payload);
    assertThat(shown.http().status()).isEqualTo(404);
    assertThat(new String(payload[0], java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("No status found with that ID.");
    assertThat(run.out()).contains("x-v1.1 HTTP 404, unavailable: HTTP 404 code 144: No status found with that ID.");

    for (ArchiveFile f : ArchiveFile.allUnder(cli.archiveDir())) {
      assertThat(f.text()).as(f.path().toString()).doesNotContain(SECRET);
    }
  }

  @Test
  void aLaterCheckAsksOneLookupAgainAndSeesTheDeletionThroughShow() throws IOException {
    env = SandboxedCli.start(work, credentials());
    cli = env.cli();
    Path article = Files.writeString(work.resolve("three.html"), threeEmbeds());
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    env.clock().advance(Duration.ofDays(1));
    env.sandbox().apply(Articles.VIDEO_POST, Change.suspended());

    CliRunner.Run check = cli.run("check");

    assertThat(check.exit()).as(check.err()).isZero();
    // The archive asks one lookup for its three posts; a scheduled check checks each post in its own check-post
    // execution, so each asks a lookup of its own (executions picked together are not batched yet, issue 13).
    assertThat(v1Requests(env.sandbox())).extracting(RecordedRequest::hostPath).containsExactlyInAnyOrder(LOOKUP_PATH,
        LOOKUP_PATH, LOOKUP_PATH, LOOKUP_PATH, "/1.1/statuses/show/" + Articles.VIDEO_POST + ".json");
    assertThat(v1Observations(Articles.VIDEO_POST)).extracting(o -> o.get("outcome") + " " + o.get("reason"))
        .containsExactly("AVAILABLE null", "UNAVAILABLE SUSPENDED");
    assertThat(cli.query("select count(*) n from post_capture where endpoint = 'x-v1.1'").get(0).get("n"))
        .as("unchanged posts are not captured again").isEqualTo(3L);
  }

  @Test
  void aHundredAndFiftyPostsAreAskedInTwoLookupsOfAHundredAndFifty() throws IOException {
    ManyPosts many = ManyPosts.of(150);
    Map<String, String> settings = credentials();
    settings.put("net.rate.default", "off");
    settings.put("net.concurrency.default", "off");
    env = SandboxedCli.start(work, many.scenario(), settings);
    cli = env.cli();
    Path article = Files.writeString(work.resolve("many.html"), many.article());

    CliRunner.Run run = cli.run("archive", article.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    List<RecordedRequest> v1 = v1Requests(env.sandbox());
    assertThat(v1).extracting(RecordedRequest::hostPath).containsOnly(LOOKUP_PATH);
    // Then one more lookup: the post the quote tweets quote, found in their captures and checked after them.
    assertThat(v1).extracting(r -> r.queryParam("id").orElseThrow().split(",").length).containsExactly(100, 50, 1);
    assertThat(v1.get(2).queryParam("id")).contains(ManyPosts.QUOTED);
    assertThat(cli.query("select count(*) n from observation where endpoint = 'x-v1.1' and outcome = 'AVAILABLE'")
        .get(0).get("n")).isEqualTo(151L);
    assertThat(cli.query("select count(distinct body_scope) n from post_capture where endpoint = 'x-v1.1'"
        + " and body_scope like 'json-pointer /%'").get(0).get("n")).as("pointers /0 … /99").isEqualTo(100L);
    assertThat(cli.query("select count(distinct warc_offset) n from observation where endpoint = 'x-v1.1'")
        .get(0).get("n")).as("three recorded lookups: 100, 50, then the quoted post").isEqualTo(3L);
  }
}
