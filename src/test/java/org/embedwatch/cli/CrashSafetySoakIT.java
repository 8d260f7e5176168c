package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.sandbox.Scenario;
import org.embedwatch.testsupport.ArchiveIntegrity;
import org.embedwatch.testsupport.ChildCli;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.EvidenceView;
import org.embedwatch.testsupport.ManyPosts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety under SIGKILL: the real CLI runs in a child JVM against the sandbox and is killed at a random moment of
 * its run, trial after trial: {@code check --all} on one archive, and {@code archive <articles>} on a fresh archive
 * each time. After every kill ({@link ArchiveIntegrity}) nothing of a check is partly stored, every stored state is
 * re-derived from the stored observations under the policy stored with its check, and every WARC record, media file and
 * article body the database points at is whole; then the same command, run again, succeeds.
 *
 * <p>The kill comes when the sandbox has received a random number of the child's requests (a seeded {@link Random};
 * {@code -Dcrash.seed=N} draws another sequence), while every answer is held a random few milliseconds, so that
 * children die in every stage of a check: fetching, writing WARC and media, committing. A third series kills
 * {@code archive} right after it printed a post's line (the Nth, N random). Every post a killed child reported on
 * stdout (a line is printed once its check is committed) must be stored after the kill: commits are durable
 * (review-reliability H3). A post a killed run found but did not check (quoted by a cited one) is checked by the run
 * again (review-reliability L8).
 *
 * <p>The series run side by side, each with its own sandbox, so that one child starts while another series reads
 * what its kill left: starting a JVM is most of a trial.
 *
 * <p>A test of its own kills the CLI while the store is made (a new archive's first migration) and while it is
 * upgraded, at the Nth change of a store file (N random): the archive opens afterwards, and what it held is kept
 * (review-reliability H4).
 */
class CrashSafetySoakIT {
  private static final long SEED = Long.getLong("crash.seed", 20260311L);
  private static final int CHECK_TRIALS = 20;
  private static final int ARCHIVE_TRIALS = 20;
  private static final int LINE_TRIALS = 20;
  private static final int MAKE_TRIALS = 6;
  private static final int UPGRADE_TRIALS = 6;
  /** Every how many trials of the line series the command runs again (a run again is most of a trial's time). */
  private static final int LINE_RERUN_EVERY = 5;
  /** A line of {@code archive} about one post: {@code   x <post id> @handle [forms; scope] …}. */
  private static final Pattern ARCHIVE_POST_LINE = Pattern.compile("^  x (\\d+)\\b");
  private static final int ARTICLES = 3;
  private static final int POSTS_PER_ARTICLE = 8;
  private static final int MAX_HOLD_MILLIS = 20;
  private static final String NEWS_HOST = "news.example";
  private static final List<String> CHECK_ALL = List.of("check", "--all");
  /** A line of {@code check} about one post: {@code x <post id> @handle: …}. */
  private static final Pattern CHECK_LINE = Pattern.compile("^x (\\d+)\\b.*");
  /** The line {@code archive} prints once an article and the checks of all its posts are done. */
  private static final Pattern ARTICLE_LINE = Pattern.compile("^article (\\S+): .*");

  @TempDir Path work;
  private Scenario scenario;
  private final List<String> articleUrls = new ArrayList<>();
  private final Map<String, List<String>> citedBy = new LinkedHashMap<>();
  private final List<Lane> lanes = new ArrayList<>();
  private final List<String> migrationLines = new ArrayList<>();

  @BeforeEach
  void scenario() throws IOException {
    ManyPosts many = ManyPosts.of(ARTICLES * POSTS_PER_ARTICLE);
    List<Scenario.Article> articles = new ArrayList<>();
    for (int a = 0; a < ARTICLES; a++) {
      ManyPosts cited = new ManyPosts(many.ids().subList(a * POSTS_PER_ARTICLE, (a + 1) * POSTS_PER_ARTICLE));
      Path page = Files.writeString(work.resolve("story-" + a + ".html"), cited.article());
      articles.add(new Scenario.Article(NEWS_HOST, "/story-" + a, page, null, "text/html; charset=utf-8"));
      articleUrls.add("https://" + NEWS_HOST + "/story-" + a);
      citedBy.put(articleUrls.get(a), cited.ids());
    }
    scenario = new Scenario(many.scenario().posts(), articles);
  }

  @AfterEach
  void stop() {
    lanes.forEach(Lane::close);
    StringBuilder report = new StringBuilder("CrashSafetySoakIT, seed " + SEED + ":");
    lanes.forEach(l -> l.lines.forEach(line -> report.append("\n  ").append(line)));
    migrationLines.forEach(line -> report.append("\n  ").append(line));
    System.out.println(report);
  }

  @Test
  void killedChecksAndArchivesLeaveWholeChecksAndWholeBytesAndRunAgain() throws Exception {
    Lane checks = new Lane("check", SEED);
    Lane archives = new Lane("archive", SEED + 1);
    Lane lines = new Lane("archive-lines", SEED + 2);
    allAtOnce(() -> checkTrials(checks), () -> archiveTrials(archives), () -> lineTrials(lines));
  }

  /**
   * The CLI killed while it makes a new archive's store (at the Nth change of its temporary database) and while it
   * upgrades an older archive (at the Nth change of a store file from the moment its backup is written): the same
   * command run again succeeds, and the upgraded archive keeps what it held.
   */
  @Test
  void killedWhileTheStoreIsMadeOrUpgradedTheArchiveOpensAndKeepsWhatItHeld() throws Exception {
    Random random = new Random(SEED + 3);
    Path page = Files.writeString(work.resolve("plain.html"),
        "<html><body><article><p>An article that cites nothing.</p></article></body></html>");
    int killed = 0;
    for (int trial = 1; trial <= MAKE_TRIALS; trial++) {
      String when = "making trial " + trial;
      CliRunner cli = new CliRunner(work.resolve("make").resolve("t" + trial), Clock.systemUTC(), Map.of());
      int n = 1 + random.nextInt(12);
      ChildCli.Killed k = new ChildCli(cli, null).killOnFileEvent(cli.archiveDir(),
          name -> name.startsWith("embedwatch.new-"), n, List.of("archive", page.toString()));
      killed += k.exit() == ChildCli.KILLED ? 1 : 0;
      CliRunner.Run again = cli.run("archive", page.toString());
      assertThat(again.exit()).as("%s: archive after the kill\n%s%s", when, again.out(), again.err()).isZero();
      assertThat(cli.run("status").exit()).as("%s: status", when).isZero();
      assertThat(leftovers(cli)).as("%s: files the killed child left", when).isEmpty();
      migrationLines.add(String.format("%s: %s at store file change %d; archive again: exit 0",
          when, k.exit() == ChildCli.KILLED ? "killed" : "ended by itself (exit " + k.exit() + ")", n));
    }
    for (int trial = 1; trial <= UPGRADE_TRIALS; trial++) {
      String when = "upgrade trial " + trial;
      CliRunner cli = new CliRunner(work.resolve("upgrade").resolve("t" + trial), Clock.systemUTC(), Map.of());
      String url = org.embedwatch.config.SettingsLoader.defaultDatabaseUrl(cli.archiveDir());
      org.flywaydb.core.Flyway.configure().dataSource(url, "sa", "").locations("classpath:org/embedwatch/store/migration")
          .target("10").load().migrate();
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "")) {
        c.createStatement().execute("insert into article(input, first_seen) values ('kept.html', current_timestamp)");
      }
      int n = 1 + random.nextInt(15);
      boolean[] armed = {false};
      ChildCli.Killed k = new ChildCli(cli, null).killOnFileEvent(cli.archiveDir(), name -> {
        armed[0] |= name.startsWith("embedwatch.upgrade-backup");
        return armed[0] && name.startsWith("embedwatch.");
      }, n, List.of("check"));
      killed += k.exit() == ChildCli.KILLED ? 1 : 0;
      CliRunner.Run again = cli.run("check");
      assertThat(again.exit()).as("%s: check after the kill\n%s%s", when, again.out(), again.err()).isZero();
      assertThat(cli.query("select input from article")).as("%s: what the archive held", when)
          .containsExactly(Map.of("input", "kept.html"));
      assertThat(cli.run("status").exit()).as("%s: status", when).isZero();
      migrationLines.add(String.format("%s: %s at store file change %d after the backup; check"
          + " again: exit 0, data kept", when, k.exit() == ChildCli.KILLED ? "killed" : "ended by itself (exit "
          + k.exit() + ")", n));
    }
    // Most kills must land in the window, or the test tests nothing.
    assertThat(killed).as("children killed while making or upgrading the store")
        .isGreaterThanOrEqualTo((MAKE_TRIALS + UPGRADE_TRIALS) / 2);
    migrationLines.add(String.format("migration series: %d of %d children killed while making or"
        + " upgrading the store; every archive opened afterwards", killed, MAKE_TRIALS + UPGRADE_TRIALS));
  }

  /** Files of the store that only a killed run leaves: temporary databases, backups. */
  private static List<String> leftovers(CliRunner cli) throws IOException {
    try (var files = Files.list(cli.archiveDir())) {
      return files.map(f -> f.getFileName().toString())
          .filter(f -> f.startsWith("embedwatch.new-") || f.contains("upgrade-backup") || f.contains("restoring"))
          .toList();
    }
  }

  /**
   * {@code archive} killed right after the Nth post line it printed: every post printed (and not failed) has a check
   * stored by that run; every few trials, the run again succeeds and leaves every post checked (the archive series
   * runs again after every kill).
   */
  private Void lineTrials(Lane lane) throws Exception {
    int printedInAll = 0;
    for (int trial = 1; trial <= LINE_TRIALS; trial++) {
      String when = "archive-after-a-line trial " + trial;
      CliRunner cli = lane.cli(String.format("lines-%02d", trial));
      int n = 1 + lane.random.nextInt(ARTICLES * POSTS_PER_ARTICLE);
      Instant start = Instant.now();
      ChildCli.Killed killed = new ChildCli(cli, lane.sandbox).killAfterLine(ARCHIVE_POST_LINE, n, archiveCommand());
      assertThat(killed.exit()).as("%s: killed by SIGKILL\n%s", when, killed.err()).isEqualTo(ChildCli.KILLED);
      Set<String> printed = archivedPosts(killed.out());
      Set<String> checked = checkedSince(ArchiveIntegrity.assertIntact(cli, when + " after the kill"), start);
      assertThat(checked).as("%s: every post printed before the kill is stored", when).containsAll(printed);
      printedInAll += printed.size();
      lane.lines.add(String.format("%s: killed after post line %2d; %2d posts printed, all stored (%2d checks"
          + " stored)", when, n, printed.size(), checked.size()));

      if (trial % LINE_RERUN_EVERY == 0) {
        CliRunner.Run again = lane.run(cli, archiveCommand());
        assertThat(again.exit()).as("%s: archive after the kill\n%s%s", when, again.out(), again.err()).isZero();
        assertEveryPostChecked(ArchiveIntegrity.assertIntact(cli, when + " after the run again"), when);
      }
    }
    lane.lines.add(String.format("archive-after-a-line series: %d kills, %d posts printed by killed children, 0 of"
        + " them lost", LINE_TRIALS, printedInAll));
    return null;
  }

  /** The posts a killed {@code archive} printed a line for, but not those whose check failed. */
  private static Set<String> archivedPosts(String out) {
    Set<String> posts = new LinkedHashSet<>();
    List<String> lines = out.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = ARCHIVE_POST_LINE.matcher(lines.get(i));
      boolean failed = i + 1 < lines.size() && lines.get(i + 1).contains("check failed");
      if (m.find() && !failed) {
        posts.add(m.group(1));
      }
    }
    return posts;
  }

  /** Every post of the archive, the cited ones and those they quote, has a check (review-reliability L8). */
  private static void assertEveryPostChecked(EvidenceView.Stored stored, String when) {
    assertThat(stored.posts().stream().filter(p -> p.post().checks().isEmpty()).map(p -> p.post().post().postId()))
        .as("%s: posts without a check after the run again (review-reliability L8)", when).isEmpty();
  }

  private Void checkTrials(Lane lane) throws Exception {
    CliRunner cli = lane.cli("archive");
    ChildCli child = new ChildCli(cli, lane.sandbox);
    assertThat(lane.run(cli, archiveCommand()).exit()).isZero();
    int before = lane.sandbox.requests().size();
    assertThat(lane.run(cli, CHECK_ALL).exit()).isZero();
    int perRun = lane.sandbox.requests().size() - before;
    ArchiveIntegrity.assertIntact(cli, "check series before the first kill");

    int reportedInAll = 0;
    int lostInAll = 0;
    for (int trial = 1; trial <= CHECK_TRIALS; trial++) {
      String when = "check trial " + trial;
      Instant start = Instant.now();
      Kill kill = lane.kill(child, CHECK_ALL, perRun);
      Set<String> stored = checkedSince(ArchiveIntegrity.assertIntact(cli, when + " after the kill"), start);
      Set<String> lost = new LinkedHashSet<>(reportedChecks(kill.killed().out()));
      int reported = lost.size();
      lost.removeAll(stored);
      reportedInAll += reported;
      lostInAll += lost.size();
      lane.lines.add(String.format("%s: %s; %2d checks stored, %2d reported on stdout, %d of them lost%s", when, kill,
          stored.size(), reported, lost.size(), lost.isEmpty() ? "" : " " + lost));
      assertThat(lost).as("%s: checks reported on stdout before the kill but not stored", when).isEmpty();

      CliRunner.Run again = lane.run(cli, CHECK_ALL);
      assertThat(again.exit()).as("%s: check --all after the kill\n%s%s", when, again.out(), again.err()).isZero();
    }
    // What each kill left was read before the next child ran; this is what the last run left.
    EvidenceView.Stored last = ArchiveIntegrity.assertIntact(cli, "check series after the last run");
    assertThat(last.posts()).as("posts checked").allSatisfy(p -> assertThat(p.post().checks()).isNotEmpty());
    lane.lines.add(String.format("check series: %d kills, %d checks reported on stdout by killed children, %d of them"
        + " lost", CHECK_TRIALS, reportedInAll, lostInAll));
    return null;
  }

  private Void archiveTrials(Lane lane) throws Exception {
    CliRunner calibration = lane.cli("whole-run");
    int before = lane.sandbox.requests().size();
    assertThat(lane.run(calibration, archiveCommand()).exit()).isZero();
    int perRun = lane.sandbox.requests().size() - before;
    ArchiveIntegrity.assertIntact(calibration, "archive run without a kill");

    int reportedInAll = 0;
    int lostInAll = 0;
    for (int trial = 1; trial <= ARCHIVE_TRIALS; trial++) {
      String when = "archive trial " + trial;
      CliRunner cli = lane.cli(String.format("archive-%02d", trial));
      Instant start = Instant.now();
      Kill kill = lane.kill(new ChildCli(cli, lane.sandbox), archiveCommand(), perRun);
      EvidenceView.Stored stored = ArchiveIntegrity.assertIntact(cli, when + " after the kill");
      Set<String> checked = checkedSince(stored, start);
      Set<String> storedArticles = stored.articleCaptures().stream().map(a -> a.capture().input())
          .collect(Collectors.toSet());
      List<String> reported = kill.killed().out().lines().map(ARTICLE_LINE::matcher).filter(Matcher::matches)
          .map(m -> m.group(1)).toList();
      Set<String> lost = new LinkedHashSet<>();
      for (String article : reported) {
        if (!storedArticles.contains(article)) {
          lost.add(article);
        }
        citedBy.get(article).stream().filter(post -> !checked.contains(post)).forEach(lost::add);
      }
      reportedInAll += reported.size();
      lostInAll += lost.size();
      lane.lines.add(String.format("%s: %s; %d articles and %2d posts' checks stored, %d articles reported on stdout,"
              + " lost of them: %s", when, kill, storedArticles.size(), checked.size(), reported.size(),
          lost.isEmpty() ? "nothing" : lost.size() + " " + lost));
      assertThat(lost).as("%s: articles and posts reported on stdout before the kill but not stored", when)
          .isEmpty();

      CliRunner.Run again = lane.run(cli, archiveCommand());
      assertThat(again.exit()).as("%s: archive after the kill\n%s%s", when, again.out(), again.err()).isZero();
      assertEveryPostChecked(ArchiveIntegrity.assertIntact(cli, when + " after the run again"), when);
    }
    lane.lines.add(String.format("archive series: %d kills, %d articles reported on stdout by killed children, %d"
        + " articles or posts of them lost", ARCHIVE_TRIALS, reportedInAll, lostInAll));
    return null;
  }

  private List<String> archiveCommand() {
    List<String> command = new ArrayList<>(List.of("archive"));
    command.addAll(articleUrls);
    return command;
  }

  /** The posts (platform ids) with a check stored at or after {@code start}. */
  private static Set<String> checkedSince(EvidenceView.Stored stored, Instant start) {
    return stored.posts().stream()
        .filter(p -> p.post().checks().stream().anyMatch(c -> !c.at().isBefore(start)))
        .map(p -> p.post().post().postId()).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** The posts a killed {@code check} said were checked. */
  private static Set<String> reportedChecks(String out) {
    return out.lines().filter(l -> !l.contains("check failed")).map(CHECK_LINE::matcher).filter(Matcher::matches)
        .map(m -> m.group(1)).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** Runs all at once; the first failure stops the others and is thrown. */
  @SafeVarargs
  private static void allAtOnce(Callable<Void>... series) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(series.length);
    try {
      CompletionService<Void> done = new ExecutorCompletionService<>(pool);
      for (Callable<Void> s : series) {
        done.submit(s);
      }
      for (int i = 0; i < series.length; i++) {
        try {
          done.take().get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw (Exception) e.getCause();
        }
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).as("every series stopped").isTrue();
    }
  }

  /** One kill: after which request of about how many a whole run makes, answers held how long. */
  private record Kill(int threshold, int perRun, long holdMillis, long childMillis, ChildCli.Killed killed) {
    @Override
    public String toString() {
      return String.format("killed after request %3d of ~%d (%3d received; answers held %2d ms; child ran %.1f s)",
          threshold, perRun, killed.requests(), holdMillis, childMillis / 1000.0);
    }
  }

  /** One series of trials with its own sandbox (so that the requests it counts are its child's), clock and random. */
  private final class Lane implements AutoCloseable {
    final String name;
    final MutableClock clock;
    final Sandbox sandbox;
    final Map<String, String> settings;
    final Random random;
    final List<String> lines = new ArrayList<>();

    Lane(String name, long seed) throws IOException {
      this.name = name;
      this.random = new Random(seed);
      // The child runs on the system clock: the sandbox starts at the real now, and runs in this JVM are set to it.
      this.clock = new MutableClock(Instant.now());
      this.sandbox = Sandbox.start(0, scenario, clock);
      this.settings = new LinkedHashMap<>(sandbox.routes());
      // The child really waits: at the default 1 request/s per host a run would last half a minute.
      settings.put("net.rate.default", "off");
      lanes.add(this);
    }

    CliRunner cli(String dir) {
      return new CliRunner(work.resolve(name).resolve(dir), clock, settings);
    }

    /** Runs the command in this JVM, its clock set to the real now: after every earlier run's times. */
    CliRunner.Run run(CliRunner cli, List<String> command) {
      clock.set(Instant.now());
      return cli.run(command.toArray(String[]::new));
    }

    /**
     * Runs the command in a child JVM and kills it once the sandbox has received a random number of its requests
     * below 90% of a whole run's {@code perRun}, every answer held a random 1 to 20 ms meanwhile.
     */
    Kill kill(ChildCli child, List<String> command, int perRun) throws IOException, InterruptedException {
      int threshold = 1 + random.nextInt(Math.max(1, perRun * 9 / 10));
      long hold = 1 + random.nextInt(MAX_HOLD_MILLIS);
      sandbox.setFault(Fault.slow(Duration.ofMillis(hold)));
      long started = System.nanoTime();
      ChildCli.Killed killed;
      try {
        killed = child.killAfter(threshold, command);
      } finally {
        sandbox.setFault(Fault.none());
        // What the dead child still had in flight is let go; nobody reads those answers.
        sandbox.releaseHeldRequests();
      }
      assertThat(killed.exit()).as("%s series: the child was killed by SIGKILL, not finished\n%s", name, killed.err())
          .isEqualTo(ChildCli.KILLED);
      return new Kill(threshold, perRun, hold, (System.nanoTime() - started) / 1_000_000, killed);
    }

    @Override
    public void close() {
      sandbox.close();
    }
  }
}
