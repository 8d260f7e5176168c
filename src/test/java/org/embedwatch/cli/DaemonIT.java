package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.testsupport.ArchiveIntegrity;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.DaemonChild;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code daemon} in child JVMs on one archive (H2, or PostgreSQL with {@code -Dembedwatch.test.postgres}), under the
 * system clock (the archive's posts, made at the sandbox's start, are due long since): SIGTERM ends it with exit 0
 * and its run recorded; a daemon killed with SIGKILL mid-batch leaves its picked executions to another, which runs
 * each once after the heartbeat timeout.
 */
class DaemonIT {
  private static final Duration BOUND = Duration.ofSeconds(120);
  private static final String SYNDICATION = "cdn.syndication.twimg.com";

  @TempDir Path work;
  private SandboxedCli env;
  private CliRunner cli;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void archiveTwoPosts() throws IOException {
    env = SandboxedCli.start(work, Map.of());
    cli = env.cli();
    Path article = Files.writeString(work.resolve("two.html"), Articles.twoEmbeds());
    CliRunner.Run archived = cli.run("archive", article.toString());
    assertThat(archived.exit()).as(archived.err()).isZero();
  }

  @AfterEach
  void stop() {
    started.forEach(Process::destroyForcibly);
    env.close();
  }

  private DaemonChild daemon(String name) throws java.io.IOException {
    DaemonChild child = new DaemonChild(cli, work, name, List.of("daemon.poll-interval=PT1S", "daemon.heartbeat=PT1S",
        "daemon.summary-every=PT1S", "daemon.shutdown-wait=PT5S", "check.concurrency=2", "net.rate.default=off",
        "net.read-timeout=PT5M"), new Object());
    started.add(child.process());
    return child;
  }

  private long count(String sql) {
    return ((Number) cli.query(sql).get(0).get("n")).longValue();
  }

  @Test
  void sigtermStopsTheDaemonWithExitZeroAndItsRunIsRecorded() throws Exception {
    DaemonChild daemon = daemon("daemon");
    daemon.awaitChecked(2);

    int exit = daemon.terminate();

    assertThat(exit).as(daemon.err()).isZero();
    assertThat(Files.readString(daemon.out())).contains("stopped: checked 2, captured 0, flagged 0");
    List<Map<String, Object>> runs = cli.query("select mode, checked, ending, ended_at from scheduler_run");
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0)).containsEntry("mode", "daemon").containsEntry("checked", 2)
        .containsEntry("ending", "stopped by SIGTERM or Ctrl-C");
    assertThat(runs.get(0).get("ended_at")).isNotNull();
    assertThat(count("select count(*) n from scheduled_tasks where picked = true")).isZero();
  }

  @Test
  void executionsOfADaemonKilledMidBatchAreRunOnceByAnother() throws Exception {
    env.sandbox().setFault(SYNDICATION, Fault.slow(Duration.ofMinutes(10)));
    DaemonChild killed = daemon("killed");
    assertThat(env.sandbox().awaitHeldRequests(1, BOUND)).as("a check held mid-batch").isTrue();
    killed.process().destroyForcibly(); // SIGKILL: no shutdown hook, no release
    assertThat(killed.process().waitFor(DaemonChild.BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(count("select count(*) n from scheduled_tasks where picked = true"))
        .as("the killed worker's picked executions").isBetween(1L, 2L);
    env.sandbox().setFault(SYNDICATION, Fault.none());
    env.sandbox().releaseHeldRequests();

    DaemonChild after = daemon("after");
    after.awaitChecked(2);
    assertThat(after.terminate()).isZero();

    assertThat(cli.query("select p.post_id, count(*) n from post_check c join post p on p.id = c.post_ref"
        + " group by p.post_id order by p.post_id")).extracting(r -> r.get("post_id") + " " + r.get("n"))
        .as("the archive's check and one scheduled check of each post").containsExactlyInAnyOrder(
            Articles.PHOTO_POST + " 2", Articles.VIDEO_POST + " 2");
    assertThat(count("select count(*) n from post_check where check_key like '% due %'")).isEqualTo(2);
    assertThat(count("select count(*) n from observation where endpoint in ('x-syndication', 'x-oembed')"))
        .as("one observation per endpoint and check, none from the killed run").isEqualTo(8);
    assertThat(count("select count(*) n from scheduled_tasks where picked = true")).isZero();
    assertThat(count("select count(*) n from scheduler_run where ended_at is null"))
        .as("the killed run keeps no end").isEqualTo(1);
    ArchiveIntegrity.assertIntact(cli, "after the kill and the second daemon");
  }
}
