package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
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

/**
 * Issue 6's fault-injection run: 1,000 posts, none deleted or changed, while the sandbox injects timeouts, 5xx, 429
 * storms and truncated bodies at random for three simulated days of checks. Network trouble is never evidence: no
 * post may end up suspected or confirmed unavailable, or altered.
 */
class FaultInjectionSoakIT {
  private static final int POSTS = 1000;

  @TempDir Path work;
  private SandboxedCli env;
  private CliRunner cli;
  private ManyPosts many;

  @BeforeEach
  void start() throws IOException {
    many = ManyPosts.of(POSTS);
    env = SandboxedCli.start(work, many.scenario(), Map.of("net.rate.default", "off", "net.concurrency.default", "off",
        // A held request (timeout, slow answer) costs one read timeout of real time.
        "net.read-timeout", "PT0.3S"));
    cli = env.cli();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private long count(String sql) {
    return (Long) cli.query(sql).get(0).get("n");
  }

  @Test
  void aThousandUnchangedPostsUnderRandomFaultsForThreeDaysAreNeverCalledGoneOrAltered() throws IOException {
    Map<Fault, Double> faults = new LinkedHashMap<>();
    faults.put(Fault.status(500), 0.03);
    faults.put(Fault.status(503), 0.03);
    faults.put(Fault.truncated(), 0.03);
    faults.put(Fault.timeout(), 0.005);
    faults.put(Fault.slow(Duration.ofSeconds(1)), 0.005);
    // A 429 with Retry-After parks the host for the rest of the run: a storm over every later request to it.
    faults.put(Fault.retryAfter(Duration.ofHours(1)), 0.002);
    Path article = Files.writeString(work.resolve("many.html"), many.article());

    int day = 0;
    env.sandbox().setFault(Fault.random(1, faults));
    CliRunner.Run archive = cli.run("archive", article.toString());
    assertThat(archive.exit()).as(archive.err()).isZero();
    for (int check = 1; check <= 6; check++) {
      env.sandbox().setFault(Fault.random(1 + check, faults));
      env.clock().advance(Duration.ofHours(12));
      CliRunner.Run run = cli.run("check", "--all");
      assertThat(run.exit()).as(run.err()).isZero();
      day++;
    }

    long inconclusive = count("select count(*) as n from observation where outcome in"
        + " ('SERVER_ERROR', 'TRANSPORT_ERROR', 'RATE_LIMITED', 'UNEXPECTED', 'REFUSED')");
    assertThat(inconclusive).as("the faults were injected").isGreaterThan(POSTS / 10);
    assertThat(count("select count(*) as n from observation where outcome = 'RATE_LIMITED'"))
        .as("a 429 storm happened").isPositive();
    assertThat(count("select count(*) as n from observation where outcome = 'TRANSPORT_ERROR'"))
        .as("truncated bodies and timeouts happened").isPositive();
    List<Map<String, Object>> gone = cli.query("select p.post_id, p.state, p.state_evidence from post p"
        + " where p.state in ('SUSPECTED_UNAVAILABLE', 'CONFIRMED_UNAVAILABLE', 'ALTERED')");
    assertThat(gone).as("posts read as gone or altered after " + day + " half-days of faults").isEmpty();
    assertThat(cli.query("select o.endpoint, o.detail from observation o where o.outcome in ('UNAVAILABLE',"
        + " 'NOT_FOUND') and o.endpoint not like 'wayback-%'")).as("observations taken as evidence of absence")
        .isEmpty();
    assertThat(cli.query("select distinct state from post")).extracting(r -> (String) r.get("state"))
        .as("served, or never reached through the storms").isSubsetOf("AVAILABLE", "UNREACHABLE");
    assertThat(count("select count(*) as n from post where state = 'AVAILABLE'"))
        .as("nearly every post was served at some check").isGreaterThan(POSTS * 9 / 10);
  }
}
