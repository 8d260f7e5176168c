package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.embedwatch.testsupport.ArrivalTimes;
import org.embedwatch.sandbox.RecordedRequest;
import org.embedwatch.testsupport.ArchiveIntegrity;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.DaemonChild;
import org.embedwatch.testsupport.ManyPosts;
import org.embedwatch.testsupport.PostgresServer;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two {@code daemon} processes (child JVMs, system clock) on one PostgreSQL database share 2,000 due checks against
 * the sandbox: each post's due check runs exactly once between them, both take part, and the sandbox's request log
 * shows each host's configured rate held by the two together (the rate is a bucket in the database). Needs
 * {@code -Dembedwatch.test.postgres} (on H2 several daemons share the tasks too, but each keeps its own rate).
 */
class TwoDaemonsIT {
  private static final Logger log = LoggerFactory.getLogger(TwoDaemonsIT.class);
  private static final int POSTS = 2_000;
  private static final int RATE = 60;
  /** How much later than its turn a request may reach the sandbox, beyond another's (see SharedRateIT). */
  private static final long JITTER_MILLIS = 250;

  @TempDir Path work;

  @Test
  void twoDaemonsRunEachDueCheckOnceAndTogetherHoldEachHostsRate() throws Exception {
    assumeTrue(PostgresServer.configured().isPresent(), "several workers share tasks and rates on PostgreSQL");
    ManyPosts many = ManyPosts.of(POSTS);
    try (SandboxedCli env = SandboxedCli.start(work, many.scenario(), Map.of("net.rate.default", "off",
        "check.concurrency", "16", "extract.max-references", "5000"))) {
      CliRunner cli = env.cli();
      Path article = Files.writeString(work.resolve("many.html"), many.article());
      CliRunner.Run archived = cli.run("archive", article.toString());
      assertThat(archived.exit()).as(archived.err()).isZero();
      long posts = count(cli, "select count(*) n from post");
      assertThat(posts).as("the cited posts and the one they quote").isEqualTo(POSTS + 1);
      int before = env.sandbox().requests().size();

      // The archive's clock is the sandbox's, long past: under the system clock every post's check is due.
      Object signal = new Object();
      List<String> settings = List.of("net.rate.default=" + RATE + "/s", "check.concurrency=4",
          "daemon.poll-interval=PT1S", "daemon.heartbeat=PT5S", "daemon.summary-every=PT1S",
          "daemon.shutdown-wait=PT10S");
      try (DaemonChild a = new DaemonChild(cli, work, "a", settings, signal);
          DaemonChild b = new DaemonChild(cli, work, "b", settings, signal)) {
        DaemonChild.awaitTogether(List.of(a, b), (int) posts);
        assertThat(a.terminate()).as(a.err()).isZero();
        assertThat(b.terminate()).as(b.err()).isZero();
      }

      assertThat(cli.query("select post_ref, count(*) n from post_check where check_key like '% due %'"
          + " group by post_ref having count(*) > 1")).as("posts checked twice for one due time").isEmpty();
      assertThat(count(cli, "select count(*) n from post_check where check_key like '% due %'"))
          .as("one scheduled check of every post").isEqualTo(posts);
      List<Map<String, Object>> runs = cli.query("select worker, checked from scheduler_run where mode = 'daemon'");
      assertThat(runs).hasSize(2);
      assertThat(runs).allSatisfy(r -> assertThat(((Number) r.get("checked")).intValue()).as("%s", r)
          .isPositive());
      assertThat(runs.stream().mapToLong(r -> ((Number) r.get("checked")).longValue()).sum()).isEqualTo(posts);

      List<RecordedRequest> requests = env.sandbox().requests();
      Map<String, List<Long>> byHost = new TreeMap<>();
      for (RecordedRequest r : requests.subList(before, requests.size())) {
        byHost.computeIfAbsent(r.host(), h -> new ArrayList<>()).add(r.receivedNanos());
      }
      assertThat(byHost.getOrDefault("cdn.syndication.twimg.com", List.of())).as("syndication asked of each post")
          .hasSizeGreaterThanOrEqualTo(POSTS);
      for (Map.Entry<String, List<Long>> host : byHost.entrySet()) {
        ArrivalTimes times = new ArrivalTimes(host.getValue());
        String figures = String.format("%s: %d requests by two daemons, %.1f/s over the run, most in any 1 s: %d,"
            + " in any 5 s: %d; configured %d/s", host.getKey(), times.nanos().size(), times.perSecond(),
            times.mostWithin(1_000), times.mostWithin(5_000), RATE);
        log.info("measured: {}", figures);
        for (long millis : new long[] {1_000, 5_000}) {
          assertThat(times.mostWithin(millis)).as(figures + "; window " + millis + " ms")
              .isLessThanOrEqualTo((int) (RATE * (millis + JITTER_MILLIS) / 1_000) + 1);
        }
      }
      ArchiveIntegrity.assertIntact(cli, "after two daemons");
    }
  }

  private static long count(CliRunner cli, String sql) {
    return ((Number) cli.query(sql).get(0).get("n")).longValue();
  }


}
