package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code archive} and {@code check} while the platform rate-limits us: posts stay pending evidence, never lost. */
class RateLimitIT {
  @TempDir Path work;
  private SandboxedCli env;
  private CliRunner cli;

  @BeforeEach
  void start() throws IOException {
    // One post at a time: the test is about the second post not being asked once the first one's 429 parked the host.
    env = SandboxedCli.start(work, Map.of("check.concurrency", "1"));
    cli = env.cli();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private long syndicationRequests() {
    return env.sandbox().requests().stream().filter(r -> r.host().equals("cdn.syndication.twimg.com")).count();
  }

  @Test
  void postsThatHitA429AreStoredAsCheckedButRateLimitedAndTheParkedHostIsNotAskedAgain() throws IOException {
    Path article = Files.writeString(work.resolve("two-embeds.html"), Articles.twoEmbeds());
    env.sandbox().setFault(Fault.retryAfter(Duration.ofMinutes(10)));

    CliRunner.Run run = cli.run("archive", article.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("x-syndication HTTP 429, rate limited (HTTP 429")
        .contains("rate limited (rate_limited: cdn.syndication.twimg.com is rate limited");
    assertThat(syndicationRequests()).as("the second post is not asked while the host is parked").isEqualTo(1);
    assertThat(cli.query("select post_id, state from post order by post_id")).containsExactly(
        Map.of("post_id", Articles.PHOTO_POST, "state", "UNREACHABLE"),
        Map.of("post_id", Articles.VIDEO_POST, "state", "UNREACHABLE"));
    List<Map<String, Object>> observations = cli.query(
        "select p.post_id, o.endpoint, o.outcome, o.http_status, o.warc_file, o.detail from observation o"
            + " join post p on p.id = o.post_ref where o.endpoint = 'x-syndication' order by o.id");
    assertThat(observations).hasSize(2);
    assertThat(observations).allSatisfy(o -> assertThat(o.get("outcome")).isEqualTo("RATE_LIMITED"));
    assertThat(observations.get(0).get("http_status")).isEqualTo(429);
    assertThat(observations.get(0).get("warc_file")).as("the 429 is an exchange, in WARC").isNotNull();
    assertThat(observations.get(1).get("http_status")).isNull();
    assertThat(observations.get(1).get("warc_file")).as("a parked skip sent nothing").isNull();
    assertThat((String) observations.get(1).get("detail")).contains("rate limited until 2026-03-01T10:10:00Z");
    assertThat(cli.query("select outcome from observation where endpoint = 'x-oembed' order by id"))
        .as("the oEmbed host is parked by its own 429 and then not asked either")
        .extracting(o -> o.get("outcome")).containsExactly("RATE_LIMITED", "RATE_LIMITED");

    // A new run five minutes later, with the platform no longer limiting: the park is kept across runs, so the
    // hosts are still not asked before the time they gave.
    env.sandbox().setFault(Fault.none());
    env.clock().advance(Duration.ofMinutes(5));
    CliRunner.Run early = cli.run("check", "--all");
    assertThat(early.exit()).as(early.err()).isZero();
    assertThat(syndicationRequests()).as("not asked before 10:10, in another run").isEqualTo(1);
    assertThat(early.out()).contains("rate limited (rate_limited: cdn.syndication.twimg.com is rate limited");
    assertThat(cli.query("select state from post order by post_id")).containsExactly(
        Map.of("state", "UNREACHABLE"), Map.of("state", "UNREACHABLE"));

    env.clock().advance(Duration.ofMinutes(5));
    CliRunner.Run check = cli.run("check", "--all");

    assertThat(check.exit()).as(check.err()).isZero();
    assertThat(cli.query("select state from post order by post_id")).containsExactly(
        Map.of("state", "AVAILABLE"), Map.of("state", "AVAILABLE"));
    assertThat(syndicationRequests()).isEqualTo(3);
  }
}
