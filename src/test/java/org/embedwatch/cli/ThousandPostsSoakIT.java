package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.ManyPosts;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One article citing 1,000 X posts while the platform rate-limits: no post is lost, and a later check gets them all. */
class ThousandPostsSoakIT {
  private static final int POSTS = 1000;

  @TempDir Path work;
  private SandboxedCli env;
  private CliRunner cli;
  private ManyPosts many;

  @BeforeEach
  void start() throws IOException {
    many = ManyPosts.of(POSTS);
    env = SandboxedCli.start(work, many.scenario(),
        Map.of("net.rate.default", "off", "net.concurrency.default", "off"));
    cli = env.cli();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void everyOneOfAThousandPostsIsStoredCapturedOrRateLimitedAndACheckAfterTheResetCapturesTheRest()
      throws IOException {
    Path article = Files.writeString(work.resolve("many.html"), many.article());
    // Enough 429s to park both X hosts whichever posts' requests are in flight first (posts are checked 8 at a time).
    env.sandbox().setFault(Fault.retryAfter(Duration.ofMinutes(10)).times(20));

    CliRunner.Run run = cli.run("archive", article.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(cli.query("select post_id from post where post_id <> ?", ManyPosts.QUOTED))
        .extracting(r -> r.get("post_id"))
        .as("every cited post is stored (and the post the quote tweets quote, once one of them was captured)")
        .containsExactlyInAnyOrderElementsOf(many.ids());
    assertThat(cli.query("select p.post_id from post p where not exists"
        + " (select 1 from observation o where o.post_ref = p.id)")).as("posts never observed").isEmpty();
    List<Map<String, Object>> lost = cli.query("select p.post_id, p.state from post p"
        + " where not exists (select 1 from post_capture c where c.post_ref = p.id)"
        + " and not (p.state in ('PENDING', 'UNREACHABLE') and exists (select 1 from observation o"
        + " where o.post_ref = p.id and o.outcome = 'RATE_LIMITED'))");
    assertThat(lost).as("posts neither captured nor pending/unreachable with a RATE_LIMITED observation").isEmpty();
    long rateLimited = count("select count(*) as n from post p where not exists"
        + " (select 1 from post_capture c where c.post_ref = p.id)");
    assertThat(rateLimited).as("the 429s left posts to check again").isPositive();

    // The storm is over: 429s left over (how many the archive run used depends on which requests were in flight)
    // must not park the hosts again, or the check would prove nothing about the reset.
    env.sandbox().setFault(Fault.none());
    env.clock().advance(Duration.ofMinutes(10));
    CliRunner.Run check = cli.run("check", "--all");

    assertThat(check.exit()).as(check.err()).isZero();
    assertThat(count("select count(distinct post_ref) as n from post_capture")).as("the cited posts and the quoted one")
        .isEqualTo(POSTS + 1);
    assertThat(cli.query("select distinct state from post")).containsExactly(Map.of("state", "AVAILABLE"));
  }

  private long count(String sql) {
    return ((Number) cli.query(sql).get(0).get("n")).longValue();
  }
}
