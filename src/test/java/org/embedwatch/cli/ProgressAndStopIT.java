package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
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
import org.embedwatch.testsupport.PageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress and Ctrl-C for the long runs, through the real CLI: {@code check --all} and {@code archive} of a list of
 * many articles, run in a child JVM against a sandbox that answers slowly, get SIGINT once their first lines are out.
 * Each must stop after the checks in flight, print what it did and the summary so far, exit 130, and leave exactly
 * what it printed stored, whole; the same command run again completes. When stderr is not a terminal, progress comes
 * as plain lines on stderr, and stdout is what it is without progress.
 */
class ProgressAndStopIT {
  private static final int POSTS = 40;
  private static final int ARTICLES = 15;
  private static final int POSTS_PER_ARTICLE = 3;
  private static final String NEWS_HOST = "news.example";
  /** Each platform answer held this long (real time), so that the child's run lasts seconds, not milliseconds. */
  private static final Duration SLOW = Duration.ofMillis(200);
  private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(3);
  private static final int SIGINT = 2;
  private static final String SIGINT_IGNORED = "this process ignores SIGINT (started in the background of a shell"
      + " without job control), and so would the child: run the build in the foreground to test Ctrl-C";
  /** A line of {@code check} about one post: {@code x <post id> @handle: …}. */
  private static final Pattern CHECK_LINE = Pattern.compile("^x (\\d+)\\b");
  /** A line of {@code archive} about one post: {@code   x <post id> @handle [forms; scope] …}. */
  private static final Pattern ARCHIVE_POST_LINE = Pattern.compile("^  x (\\d+)\\b");
  private static final Pattern ARTICLE_LINE = Pattern.compile("^article (\\S+): ");
  private static final Pattern CHECK_PROGRESS =
      Pattern.compile("^checked \\d+ of \\d+ posts \\(\\d+ flagged, \\d+ failed\\)(, about \\d+ (s|min) left)?$");
  private static final Pattern ARCHIVE_PROGRESS = Pattern.compile("^read \\d+ of \\d+ inputs \\(\\d+ articles?,"
      + " \\d+ posts?, \\d+ flagged, \\d+ failed\\)(, about \\d+ (s|min) left)?$");

  @TempDir Path work;
  private MutableClock clock;
  private Sandbox sandbox;
  private PageServer pages;
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final ManyPosts many = ManyPosts.of(Math.max(POSTS, ARTICLES * POSTS_PER_ARTICLE));

  @BeforeEach
  void start() throws IOException {
    Path page = Files.writeString(work.resolve("story.html"), new ManyPosts(many.ids().subList(0, POSTS)).article());
    Scenario scenario = new Scenario(many.scenario().posts(),
        List.of(new Scenario.Article(NEWS_HOST, "/story", page, null, "text/html; charset=utf-8")));
    // The child runs on the system clock: the sandbox starts at the real now, and runs in this JVM are set to it.
    clock = new MutableClock(Instant.now());
    sandbox = Sandbox.start(0, scenario, clock);
    settings.putAll(sandbox.routes());
    settings.put("net.rate.default", "off");
    settings.put("check.concurrency", "2");
    pages = PageServer.start();
    for (int a = 0; a < ARTICLES; a++) {
      List<String> cited = many.ids().subList(a * POSTS_PER_ARTICLE, (a + 1) * POSTS_PER_ARTICLE);
      pages.page("/story-" + a + ".html", new ManyPosts(cited).article().getBytes(StandardCharsets.UTF_8),
          Map.of("Content-Type", "text/html; charset=utf-8"));
    }
  }

  @AfterEach
  void stop() {
    sandbox.close();
    pages.close();
  }

  private CliRunner cli(String dir) {
    return new CliRunner(work.resolve(dir), clock, settings).allow(pages);
  }

  private CliRunner.Run run(CliRunner cli, String... args) {
    clock.set(Instant.now());
    return cli.run(args);
  }

  /** A list file naming every article of the page server. */
  private String articleList() throws IOException {
    List<String> urls = new ArrayList<>();
    for (int a = 0; a < ARTICLES; a++) {
      urls.add(pages.url("/story-" + a + ".html"));
    }
    return "@" + Files.write(work.resolve("articles.txt"), urls);
  }

  /** Runs the command in a child JVM and sends it SIGINT after its first line that {@code line} matches. */
  private ChildCli.Run interruptAfterFirst(CliRunner cli, Pattern line, List<String> args) throws Exception {
    sandbox.setFault(Fault.slow(SLOW));
    try {
      return new ChildCli(cli, sandbox).signalAfterLine(line, 1, "INT", CHILD_TIMEOUT, args);
    } finally {
      sandbox.setFault(Fault.none());
      sandbox.releaseHeldRequests();
    }
  }

  @Test
  void ctrlCStopsCheckAllAfterThePostsInFlightWithTheSummarySoFarAndExit130() throws Exception {
    assumeFalse(ChildCli.ignoredHere(SIGINT), SIGINT_IGNORED);
    CliRunner cli = cli("check");
    assertThat(run(cli, "archive", "https://" + NEWS_HOST + "/story").exit()).isZero();
    int posts = ArchiveIntegrity.assertIntact(cli, "before the check").posts().size();
    assertThat(posts).as("the cited posts and the one they quote").isEqualTo(POSTS + 1);

    Instant start = Instant.now();
    ChildCli.Run stopped = interruptAfterFirst(cli, CHECK_LINE, List.of("check", "--all"));

    assertThat(stopped.exit()).as("exit code after Ctrl-C\n%s%s", stopped.out(), stopped.err()).isEqualTo(130);
    Set<String> printed = stopped.out().lines().map(CHECK_LINE::matcher).filter(Matcher::find)
        .map(m -> m.group(1)).collect(Collectors.toCollection(LinkedHashSet::new));
    assertThat(printed.size()).as("posts checked before the stop").isPositive().isLessThan(posts);
    assertThat(stopped.out().lines().toList()).as("stdout: the posts, then the summary of those")
        .last().isEqualTo("checked " + printed.size() + " posts: 0 flagged, 0 with an unreachable endpoint");
    assertThat(stopped.err()).contains("stopping: Ctrl-C; no new post or article is started")
        .contains("stopped by Ctrl-C after " + printed.size() + " of " + posts + " posts; " + (posts - printed.size())
            + " posts were not checked (run the command again to check them)");
    assertThat(stopped.out()).doesNotContain("stopped by").doesNotContainPattern("(?m)^checked \\d+ of ");

    EvidenceView.Stored stored = ArchiveIntegrity.assertIntact(cli, "after Ctrl-C");
    assertThat(checkedSince(stored, start)).as("the posts with a check by the stopped run: exactly those printed")
        .containsExactlyInAnyOrderElementsOf(printed);

    CliRunner.Run again = run(cli, "check", "--all");
    assertThat(again.exit()).as("check --all again\n%s%s", again.out(), again.err()).isZero();
    assertThat(again.out().lines().filter(l -> CHECK_LINE.matcher(l).find())).hasSize(posts);
    assertThat(checkedSince(ArchiveIntegrity.assertIntact(cli, "after the run again"), start)).hasSize(posts);
  }

  @Test
  void ctrlCStopsArchiveAfterThePostsInFlightKeepingEveryArticleAndCheckItPrinted() throws Exception {
    assumeFalse(ChildCli.ignoredHere(SIGINT), SIGINT_IGNORED);
    CliRunner cli = cli("archive");
    String list = articleList();
    Instant start = Instant.now();
    ChildCli.Run stopped = interruptAfterFirst(cli, ARTICLE_LINE, List.of("archive", list));

    assertThat(stopped.exit()).as("exit code after Ctrl-C\n%s%s", stopped.out(), stopped.err()).isEqualTo(130);
    Set<String> articles = stopped.out().lines().map(ARTICLE_LINE::matcher).filter(Matcher::find)
        .map(m -> m.group(1)).collect(Collectors.toCollection(LinkedHashSet::new));
    assertThat(articles.size()).as("articles archived before the stop").isPositive().isLessThan(ARTICLES);
    assertThat(stopped.err()).containsPattern("stopped by Ctrl-C after " + (articles.size() + 1) + " of "
        + (ARTICLES + 1) + " inputs \\(" + articles.size() + " articles? archived, \\d+ posts? checked\\); the inputs"
        + " after them were not read");
    PrintedPosts posts = PrintedPosts.of(stopped.out());

    EvidenceView.Stored stored = ArchiveIntegrity.assertIntact(cli, "after Ctrl-C");
    assertThat(stored.articleCaptures().stream().map(a -> a.capture().input()))
        .as("articles stored: exactly those printed").containsExactlyInAnyOrderElementsOf(articles);
    assertThat(checkedSince(stored, start)).as("posts with a check: exactly those printed as checked")
        .containsExactlyInAnyOrderElementsOf(posts.checked());
    assertThat(posts.checked().size() + posts.notChecked().size()).as("post lines of the articles printed")
        .isGreaterThanOrEqualTo(articles.size() * POSTS_PER_ARTICLE);

    CliRunner.Run again = run(cli, "archive", list);
    assertThat(again.exit()).as("archive again\n%s%s", again.out(), again.err()).isZero();
    EvidenceView.Stored all = ArchiveIntegrity.assertIntact(cli, "after the run again");
    assertThat(all.articleCaptures().stream().map(a -> a.capture().input()).distinct()).hasSize(ARTICLES);
    assertThat(all.posts()).as("every post checked").hasSize(ARTICLES * POSTS_PER_ARTICLE + 1)
        .allSatisfy(p -> assertThat(p.post().checks()).isNotEmpty());
  }

  @Test
  void sigtermInTheMiddleOfAnArticleTellsItWithItsUncheckedPostsAndExits143() throws Exception {
    CliRunner cli = cli("one-article");
    Instant start = Instant.now();
    sandbox.setFault(Fault.slow(SLOW));
    ChildCli.Run stopped;
    try {
      // The article, then a few of its posts' requests: the run is inside the article's checks.
      stopped = new ChildCli(cli, sandbox).signalAfterRequests(6, "TERM", CHILD_TIMEOUT,
          List.of("archive", "https://" + NEWS_HOST + "/story"));
    } finally {
      sandbox.setFault(Fault.none());
      sandbox.releaseHeldRequests();
    }

    assertThat(stopped.exit()).as("exit code after SIGTERM\n%s%s", stopped.out(), stopped.err()).isEqualTo(143);
    assertThat(stopped.out()).startsWith("article https://" + NEWS_HOST + "/story: " + POSTS + " references");
    PrintedPosts posts = PrintedPosts.of(stopped.out());
    assertThat(posts.checked()).as("posts checked before the stop").isNotEmpty();
    assertThat(posts.notChecked()).as("posts left unchecked").isNotEmpty();
    assertThat(posts.checked().size() + posts.notChecked().size()).isEqualTo(POSTS);
    assertThat(stopped.err()).contains("stopped by SIGTERM after 1 of 1 inputs (1 article archived, "
        + posts.checked().size() + (posts.checked().size() == 1 ? " post" : " posts") + " checked)");
    EvidenceView.Stored stored = ArchiveIntegrity.assertIntact(cli, "after SIGTERM");
    assertThat(checkedSince(stored, start)).as("posts with a check: exactly those printed as checked")
        .containsExactlyInAnyOrderElementsOf(posts.checked());

    CliRunner.Run again = run(cli, "archive", "https://" + NEWS_HOST + "/story");
    assertThat(again.exit()).as("archive again\n%s%s", again.out(), again.err()).isZero();
    assertThat(again.out()).doesNotContain("not checked");
    assertThat(ArchiveIntegrity.assertIntact(cli, "after the run again").posts()).hasSize(POSTS + 1)
        .allSatisfy(p -> assertThat(p.post().checks()).isNotEmpty());
  }

  @Test
  void aSecondCtrlCQuitsAtOnceWhileChecksHangAndKeepsWhatWasCommitted() throws Exception {
    assumeFalse(ChildCli.ignoredHere(SIGINT), SIGINT_IGNORED);
    CliRunner cli = cli("twice");
    assertThat(run(cli, "archive", "https://" + NEWS_HOST + "/story").exit()).isZero();
    Instant start = Instant.now();
    sandbox.setFault(Fault.timeout()); // every answer held: the checks in flight cannot finish
    ChildCli.Run quit;
    try {
      quit = new ChildCli(cli, sandbox).signalTwice(2, Pattern.compile("^stopping: Ctrl-C"), "INT", CHILD_TIMEOUT,
          List.of("check", "--all"));
    } finally {
      sandbox.setFault(Fault.none());
      sandbox.releaseHeldRequests();
    }

    assertThat(quit.exit()).as("exit code after a second Ctrl-C\n%s%s", quit.out(), quit.err()).isEqualTo(130);
    assertThat(quit.err()).doesNotContain("stopped by");
    assertThat(quit.out()).as("no check finished").doesNotContainPattern("(?m)^x \\d+");
    assertThat(checkedSince(ArchiveIntegrity.assertIntact(cli, "after the second Ctrl-C"), start)).isEmpty();
    CliRunner.Run again = run(cli, "check", "--all");
    assertThat(again.exit()).as("check --all again\n%s%s", again.out(), again.err()).isZero();
  }

  @Test
  void offATerminalProgressIsPlainLinesOnStderrAndStdoutIsUnchanged() throws IOException {
    // Every reading of this clock is a second later: the runs last minutes on it, so progress lines are due.
    Clock ticking = new TickingClock(Instant.parse("2026-03-01T10:00:00Z"));
    CliRunner quiet = new CliRunner(work.resolve("quiet"), ticking, settings).allow(pages);
    CliRunner shown = new CliRunner(work.resolve("shown"), ticking, settings).allow(pages);
    String list = articleList();

    CliRunner.Run archivedQuietly = quiet.run("archive", "--no-progress", list);
    CliRunner.Run archived = shown.run("archive", list);
    assertThat(archived.exit()).as(archived.err()).isZero();
    assertThat(archived.out()).isEqualTo(archivedQuietly.out()).doesNotContain(" of " + (ARTICLES + 1) + " inputs");
    assertThat(progressLines(archivedQuietly.err(), ARCHIVE_PROGRESS)).isEmpty();
    assertThat(progressLines(archived.err(), ARCHIVE_PROGRESS)).as(archived.err()).hasSizeGreaterThanOrEqualTo(2)
        .last().asString().startsWith("read ");

    CliRunner.Run checkedQuietly = quiet.run("check", "--all", "--progress", "off");
    CliRunner.Run checked = shown.run("check", "--all");
    assertThat(checked.exit()).as(checked.err()).isZero();
    assertThat(checked.out()).isEqualTo(checkedQuietly.out()).contains("checked 46 posts: 0 flagged");
    assertThat(progressLines(checkedQuietly.err(), CHECK_PROGRESS)).isEmpty();
    assertThat(progressLines(checked.err(), CHECK_PROGRESS)).as(checked.err()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(checked.err()).doesNotContain("\r").doesNotContain("\u001b");
  }

  private static List<String> progressLines(String err, Pattern line) {
    return err.lines().filter(l -> line.matcher(l).matches()).toList();
  }

  /** The posts of {@code archive}'s output: those printed with their check, and those printed as not checked. */
  private record PrintedPosts(Set<String> checked, Set<String> notChecked) {
    static PrintedPosts of(String out) {
      Set<String> checked = new LinkedHashSet<>();
      Set<String> notChecked = new LinkedHashSet<>();
      List<String> lines = out.lines().toList();
      for (int i = 0; i + 1 < lines.size(); i++) {
        Matcher m = ARCHIVE_POST_LINE.matcher(lines.get(i));
        if (m.find()) {
          assertThat(lines.get(i + 1)).as("the outcome of %s", lines.get(i)).doesNotContain("check failed");
          (lines.get(i + 1).contains("not checked: the run was stopped") ? notChecked : checked).add(m.group(1));
        }
      }
      return new PrintedPosts(checked, notChecked);
    }
  }

  /** The posts (platform ids) with a check stored at or after {@code start}. */
  private static Set<String> checkedSince(EvidenceView.Stored stored, Instant start) {
    return stored.posts().stream()
        .filter(p -> p.post().checks().stream().anyMatch(c -> !c.at().isBefore(start)))
        .map(p -> p.post().post().postId()).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** A clock a second later at every reading: a long run in a test that takes milliseconds. */
  private static final class TickingClock extends Clock {
    private final Instant start;
    private final AtomicLong readings = new AtomicLong();

    TickingClock(Instant start) {
      this.start = start;
    }

    @Override
    public Instant instant() {
      return start.plusSeconds(readings.getAndIncrement());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("a UTC clock");
    }
  }
}
