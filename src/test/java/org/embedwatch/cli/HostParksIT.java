package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.Scenario;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host parks are stored as they are taken, one row per host: a run's park is in the archive while the run still goes
 * on, and two runs at once each keep theirs (the last one to end used to replace every park with its own).
 */
class HostParksIT {
  private static final String SYNDICATION = "cdn.syndication.twimg.com";
  private static final String OEMBED = "publish.twitter.com";
  private static final String MASTODON = "mastodon.social";
  private static final String TOOT = "113264455016329920";

  @TempDir Path work;
  private SandboxedCli env;
  private CliRunner cli;

  @BeforeEach
  void start() throws IOException {
    List<Scenario.Post> posts = new ArrayList<>(Scenario.demo().posts());
    posts.add(Scenario.Post.mastodon(TOOT, "bob@" + MASTODON, "Road works on the bridge."));
    // One post at a time, so that run 1 asks oEmbed only after syndication's 429; and a read timeout far above the
    // hold below: the held answer must come late, not be given up on.
    env = SandboxedCli.start(work, new Scenario(posts, List.of()), Map.of("check.concurrency", "1",
        "net.read-timeout", "PT5M"));
    cli = env.cli();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private List<String> parks() {
    return cli.query("select host, parked_until from host_park order by host").stream()
        .map(r -> r.get("host") + " " + ((OffsetDateTime) r.get("parked_until")).toInstant()).toList();
  }

  @Test
  void aParkIsStoredWhenTakenAndAnotherRunsParkOfAnotherHostAtTheSameTimeIsKept() throws Exception {
    Path xArticle = Files.writeString(work.resolve("x.html"), Articles.twoEmbeds());
    Path tootArticle = Files.writeString(work.resolve("toot.html"), "<html><body><article><p>Bob wrote"
        + " <a href=\"https://" + MASTODON + "/@bob/" + TOOT + "\">that</a>.</p></article></body></html>");
    env.sandbox().setFault(SYNDICATION, Fault.retryAfter(Duration.ofMinutes(10)));
    env.sandbox().setFault(OEMBED, Fault.slow(Duration.ofMinutes(10)));
    env.sandbox().setFault(MASTODON, Fault.retryAfter(Duration.ofMinutes(20)));

    // Run 1 is told to wait by syndication, then stays in the middle of its run on oEmbed's held answer.
    CompletableFuture<CliRunner.Run> first = CompletableFuture.supplyAsync(() -> cli.run("archive",
        xArticle.toString()));
    assertThat(env.sandbox().awaitHeldRequests(1, Duration.ofSeconds(60))).as("run 1 is held on oEmbed").isTrue();
    assertThat(parks()).as("run 1's park, stored while run 1 goes on")
        .containsExactly(SYNDICATION + " " + Instant.parse("2026-03-01T10:10:00Z"));

    // Run 2, at the same time, is told to wait by the Mastodon server, and ends first.
    CliRunner.Run second = cli.run("archive", tootArticle.toString());
    assertThat(second.exit()).as(second.err()).isZero();

    env.sandbox().setFault(OEMBED, Fault.none());
    env.sandbox().releaseHeldRequests();
    CliRunner.Run firstDone = first.get(60, TimeUnit.SECONDS);
    assertThat(firstDone.exit()).as(firstDone.err()).isZero();
    assertThat(parks()).as("each run's park is kept").containsExactly(
        SYNDICATION + " " + Instant.parse("2026-03-01T10:10:00Z"),
        MASTODON + " " + Instant.parse("2026-03-01T10:20:00Z"));
  }
}
