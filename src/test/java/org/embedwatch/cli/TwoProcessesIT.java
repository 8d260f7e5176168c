package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.store.Database;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several OS processes on one archive: {@code check} runs in a real second JVM ({@code java -cp <this classpath>
 * org.embedwatch.cli.Main check …}, on the system clock) while this JVM runs {@code status}, {@code report} and
 * {@code extract}, or another {@code check}. The archive's posts are stored on the sandbox clock (March 2026), so they
 * are due under the system clock. Waits are on sandbox events and process exits, each bounded.
 */
class TwoProcessesIT {
  private static final String SYNDICATION = "cdn.syndication.twimg.com";
  private static final Duration BOUND = Duration.ofSeconds(120);

  @TempDir Path work;
  private SandboxedCli env;
  private CliRunner cli;
  private Path article;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void archiveTwoPosts() throws IOException {
    env = SandboxedCli.start(work, Map.of());
    cli = env.cli();
    article = Files.writeString(work.resolve("two.html"), Articles.twoEmbeds());
    CliRunner.Run archive = cli.run("archive", article.toString());
    assertThat(archive.exit()).as(archive.err()).isZero();
    assertThat(Instant.now()).as("the posts are due under the system clock")
        .isAfter(SandboxedCli.START.plus(Duration.ofDays(1)));
  }

  @AfterEach
  void stop() {
    started.forEach(Process::destroyForcibly);
    env.close();
  }

  /** A subprocess {@code embedwatch check} on this archive, through the sandbox; its output goes to files. */
  private Process check(String name) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "check"));
    Map<String, String> settings = new java.util.TreeMap<>(env.sandbox().routes());
    settings.put("archive.dir", cli.archiveDir().toString());
    settings.putAll(cli.storeSettings());
    // Nothing may leave the machine; no request spacing (the subprocess waits for real); held answers wait long.
    settings.put("net.only-routed", "true");
    settings.put("net.rate.default", "off");
    settings.put("net.read-timeout", "PT5M");
    settings.forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
    Process p = new ProcessBuilder(command).directory(work.toFile())
        .redirectOutput(work.resolve(name + ".out").toFile())
        .redirectError(work.resolve(name + ".err").toFile())
        .start();
    started.add(p);
    return p;
  }

  /** Waits for {@code p} to end (bounded) and returns its exit code and output. */
  private CliRunner.Run finished(Process p, String name) throws IOException, InterruptedException {
    boolean ended = p.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS);
    String err = Files.readString(work.resolve(name + ".err"), StandardCharsets.UTF_8);
    assertThat(ended).as(name + " ended within " + BOUND + "; its stderr: " + err).isTrue();
    return new CliRunner.Run(p.exitValue(), Files.readString(work.resolve(name + ".out"), StandardCharsets.UTF_8),
        err);
  }

  private void awaitHeld(Process p, String name) throws IOException, InterruptedException {
    boolean held = env.sandbox().awaitHeldRequests(1, BOUND);
    assertThat(held).as(name + " is held mid-run; its stderr: "
        + Files.readString(work.resolve(name + ".err"), StandardCharsets.UTF_8)).isTrue();
    assertThat(p.isAlive()).isTrue();
  }

  private void releaseSyndication() {
    env.sandbox().setFault(SYNDICATION, Fault.none());
    env.sandbox().releaseHeldRequests();
  }

  /** Per post, per check: how many observations each live endpoint made (the Wayback's are not per check). */
  private List<Map<String, Object>> observationsPerCheck() {
    return cli.query("select p.post_id, o.check_seq, o.endpoint, count(*) n from observation o"
        + " join post p on p.id = o.post_ref where o.endpoint in ('x-syndication', 'x-oembed')"
        + " group by p.post_id, o.check_seq, o.endpoint order by p.post_id, o.check_seq, o.endpoint");
  }

  @Test
  void statusReportAndExtractWorkWhileCheckRunsInAnotherProcessAndAfterItExits() throws Exception {
    env.sandbox().setFault(SYNDICATION, Fault.slow(Duration.ofMinutes(10)));
    Process checking = check("check");
    awaitHeld(checking, "check");

    CliRunner.Run status = cli.run("status");
    CliRunner.Run one = cli.run("status", Articles.PHOTO_POST);
    CliRunner.Run report = cli.run("report", "--format", "json");
    CliRunner.Run extract = cli.run("extract", article.toString());
    Database open = cli.database();
    try {
      assertThat(status.exit()).as(status.err()).isZero();
      assertThat(status.out()).contains("x " + Articles.PHOTO_POST + " @SamuelSusla  AVAILABLE")
          .contains("x " + Articles.VIDEO_POST + " @Rainmaker1973  AVAILABLE").contains("2 posts");
      assertThat(one.exit()).as(one.err()).isZero();
      assertThat(one.out()).contains("state: AVAILABLE");
      assertThat(report.exit()).as(report.err()).isZero();
      assertThat(report.out()).contains(Articles.PHOTO_POST).contains(Articles.VIDEO_POST);
      assertThat(extract.exit()).as(extract.err()).isZero();
      assertThat(extract.out()).contains(Articles.PHOTO_POST).contains(Articles.VIDEO_POST);
      assertThat(count(open, "post")).isEqualTo(2);

      releaseSyndication();
      CliRunner.Run checked = finished(checking, "check");

      assertThat(checked.exit()).as(checked.err()).isZero();
      assertThat(checked.out()).contains("checked 2 posts: 0 flagged, 0 with an unreachable endpoint");
      // The process that served the database has exited: this one's open pool reconnects and reads its checks.
      assertThat(count(open, "observation where check_seq = 2 and endpoint in ('x-syndication', 'x-oembed')"))
          .isEqualTo(4);
    } finally {
      open.close();
    }
    CliRunner.Run after = cli.run("status");
    assertThat(after.exit()).as(after.err()).isZero();
    assertThat(after.out()).contains("2 posts");
  }

  @Test
  void twoChecksAtOnceCheckEachDuePostOnce() throws Exception {
    // A check is held in the middle of its run, its worker having picked the due executions; a second check finds
    // none left.
    env.sandbox().setFault(SYNDICATION, Fault.slow(Duration.ofMinutes(10)));
    Process first = check("first");
    awaitHeld(first, "first");
    CliRunner.Run second = finished(check("second"), "second");

    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out().strip()).isEqualTo("checked 0 posts: 0 flagged, 0 with an unreachable endpoint");
    assertThat(first.isAlive()).as("the first is still held").isTrue();
    releaseSyndication();
    CliRunner.Run firstRun = finished(first, "first");
    assertThat(firstRun.exit()).as(firstRun.err()).isZero();
    assertThat(firstRun.out()).contains("checked 2 posts");

    // Due again (the scheduler's check-post executions, of which post.next_check_at is a cache), and two checks
    // started at once: whichever worker picks a post's execution checks it, the other skips it.
    try (Database db = cli.database()) {
      int updated = db.inTransaction(c -> {
        try (java.sql.PreparedStatement ps = c.prepareStatement("update scheduled_tasks set execution_time = ?"
            + " where task_name = 'check-post'")) {
          ps.setObject(1, SandboxedCli.START.plus(Duration.ofDays(2)).atOffset(java.time.ZoneOffset.UTC));
          return ps.executeUpdate();
        }
      });
      assertThat(updated).isEqualTo(2);
    }
    Process a = check("a");
    Process b = check("b");
    CliRunner.Run runA = finished(a, "a");
    CliRunner.Run runB = finished(b, "b");

    assertThat(runA.exit()).as(runA.err()).isZero();
    assertThat(runB.exit()).as(runB.err()).isZero();
    assertThat(checkedCount(runA) + checkedCount(runB)).as(runA.out() + runB.out()).isEqualTo(2);
    List<Map<String, Object>> perCheck = observationsPerCheck();
    assertThat(perCheck).as("archive, the first check and one of a or b: one observation per endpoint each")
        .extracting(r -> r.get("post_id") + " " + r.get("check_seq") + " " + r.get("endpoint") + " " + r.get("n"))
        .containsExactly(
            Articles.PHOTO_POST + " 1 x-oembed 1", Articles.PHOTO_POST + " 1 x-syndication 1",
            Articles.PHOTO_POST + " 2 x-oembed 1", Articles.PHOTO_POST + " 2 x-syndication 1",
            Articles.PHOTO_POST + " 3 x-oembed 1", Articles.PHOTO_POST + " 3 x-syndication 1",
            Articles.VIDEO_POST + " 1 x-oembed 1", Articles.VIDEO_POST + " 1 x-syndication 1",
            Articles.VIDEO_POST + " 2 x-oembed 1", Articles.VIDEO_POST + " 2 x-syndication 1",
            Articles.VIDEO_POST + " 3 x-oembed 1", Articles.VIDEO_POST + " 3 x-syndication 1");
  }

  private static int checkedCount(CliRunner.Run run) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("checked (\\d+) posts?:").matcher(run.out());
    assertThat(m.find()).as(run.out()).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static long count(Database db, String tableAndWhere) {
    return db.inTransaction(c -> {
      try (var rs = c.createStatement().executeQuery("select count(*) from " + tableAndWhere)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }
}
