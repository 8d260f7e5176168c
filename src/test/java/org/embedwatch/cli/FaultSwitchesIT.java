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
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/**
 * Broken transfers and answers slower than {@code net.read-timeout}, end to end: posts archived under them are
 * unreachable (transport errors, retried, each attempt a WARC failure record), never unavailable; once the faults end,
 * {@code check --all} captures them.
 */
class FaultSwitchesIT {
  private static final String SYNDICATION = "cdn.syndication.twimg.com";
  private static final String OEMBED = "publish.twitter.com";
  private static final List<String> POSTS = List.of(Articles.PHOTO_POST, Articles.VIDEO_POST);

  @TempDir Path work;
  private SandboxedCli env;
  private MutableClock clock;
  private Sandbox sandbox;
  private CliRunner cli;
  private Path article;

  @BeforeEach
  void start() throws IOException {
    // No request spacing: the only waits the HTTP stack asks for are then the retries' backoffs.
    env = SandboxedCli.start(work, Map.of("net.read-timeout", "PT0.3S", "net.rate.default", "off"));
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
    return (String) cli.query("select state from post where post_id = ?", postId).get(0).get("state");
  }

  private List<Map<String, Object>> liveObservations(String postId) {
    return cli.query("select o.* from observation o join post p on p.id = o.post_ref where p.post_id = ?"
        + " and o.endpoint not like 'wayback-%' order by o.id", postId);
  }

  @Test
  void postsArchivedUnderTruncatedBodiesAndSlowAnswersAreUnreachableThenAvailableOnceTheFaultsEnd()
      throws IOException {
    sandbox.setFault(SYNDICATION, Fault.truncated());
    sandbox.setFault(OEMBED, Fault.slow(Duration.ofMinutes(10)));

    CliRunner.Run archive = cli.run("archive", article.toString());

    assertThat(archive.exit()).as(archive.err()).isZero();
    assertThat(archive.out()).contains("-> UNREACHABLE — x-syndication no response, transport error (io:"
        + " ConnectionClosedException: Premature end of Content-L...), not evidence; x-oembed no response, transport"
        + " error (timeout: SocketTimeoutException: Read timed out), not evidence");
    for (String post : POSTS) {
      assertThat(state(post)).isEqualTo("UNREACHABLE");
      List<Map<String, Object>> observations = liveObservations(post);
      assertThat(observations).extracting(o -> o.get("endpoint") + " " + o.get("outcome") + " " + o.get("http_status"))
          .containsExactly("x-syndication TRANSPORT_ERROR null", "x-oembed TRANSPORT_ERROR null");
      assertThat((String) observations.get(0).get("detail")).startsWith("io: ")
          .contains("Premature end of Content-Length delimited message body");
      assertThat((String) observations.get(1).get("detail")).startsWith("timeout: ");
      for (Map<String, Object> o : observations) {
        assertThat(failureRecord(o)).startsWith("embedwatch-exchange-failure: ");
      }
      assertThat(cli.query("select s.state from post_state s join post p on p.id = s.post_ref where p.post_id = ?",
          post)).extracting(r -> r.get("state")).containsExactly("UNREACHABLE");
      // net.retries=2: each endpoint was asked three times about each post.
      assertThat(requests(SYNDICATION, post)).isEqualTo(3);
      assertThat(requests(OEMBED, post)).isEqualTo(3);
    }
    assertThat(cli.waits()).containsOnly(Duration.ofSeconds(1), Duration.ofSeconds(2)).hasSize(8)
        .filteredOn(w -> w.equals(Duration.ofSeconds(2))).hasSize(4);
    assertThat(cli.query("select count(*) n from post_capture").get(0).get("n")).isEqualTo(0L);
    // Nothing was said to be gone, so no memento is fetched in place of the post.
    assertThat(sandbox.requests()).noneMatch(r -> r.path().contains("id_/"));

    sandbox.setFault(SYNDICATION, Fault.none());
    sandbox.setFault(OEMBED, Fault.none());
    sandbox.releaseHeldRequests();
    clock.advance(Duration.ofDays(1));
    CliRunner.Run check = cli.run("check", "--all");

    assertThat(check.exit()).as(check.err()).isZero();
    assertThat(check.out()).contains(Articles.PHOTO_POST + " @SamuelSusla: UNREACHABLE -> AVAILABLE")
        .contains(Articles.VIDEO_POST + " @Rainmaker1973: UNREACHABLE -> AVAILABLE")
        .contains("checked 2 posts: 0 flagged");
    for (String post : POSTS) {
      assertThat(state(post)).isEqualTo("AVAILABLE");
      assertThat(cli.query("select c.endpoint from post_capture c join post p on p.id = c.post_ref"
          + " where p.post_id = ? order by c.id", post)).extracting(r -> r.get("endpoint"))
          .containsExactly("x-syndication", "x-oembed");
    }
  }

  @Test
  void anAvailablePostStaysAvailableThroughRechecksUnderBothFaults() {
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    sandbox.setFault(Fault.random(7, Map.of(Fault.truncated(), 0.5, Fault.slow(Duration.ofMinutes(10)), 0.5)));

    for (int day = 1; day <= 3; day++) {
      clock.advance(Duration.ofDays(1));
      CliRunner.Run check = cli.run("check");
      assertThat(check.exit()).as(check.err()).isZero();
      assertThat(check.out()).contains("AVAILABLE (unchanged)").doesNotContain("UNAVAILABLE", "UNREACHABLE");
    }

    for (String post : POSTS) {
      assertThat(state(post)).isEqualTo("AVAILABLE");
      List<Map<String, Object>> later = liveObservations(post).subList(2, 8);
      assertThat(later).extracting(o -> o.get("outcome")).containsOnly("TRANSPORT_ERROR");
    }
    sandbox.releaseHeldRequests();
  }

  private long requests(String host, String postId) {
    return sandbox.requests().stream()
        .filter(r -> r.host().equals(host) && (r.query().contains("id=" + postId) || r.query().contains(postId)))
        .count();
  }

  /** The body of the WARC record an observation points at, which must be a failure (metadata) record. */
  private String failureRecord(Map<String, Object> observation) throws IOException {
    Path file = cli.archiveDir().resolve("warc").resolve((String) observation.get("warc_file"));
    try (FileChannel channel = FileChannel.open(file);
        WarcReader reader = new WarcReader(channel.position((Long) observation.get("warc_offset")))) {
      WarcRecord record = reader.next().orElseThrow();
      assertThat(record.id().toString()).isEqualTo(observation.get("warc_record_id"));
      assertThat(record).isInstanceOf(WarcMetadata.class);
      assertThat(record.headers().first("WARC-Target-URI")).hasValue((String) observation.get("request_url"));
      return new String(record.body().stream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
