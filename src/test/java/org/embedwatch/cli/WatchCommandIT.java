package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch} through the real CLI: inputs that cannot be watched and ids that name no watch are one {@code error:}
 * line naming them, exit code 2, and store nothing; a list file is stored by its absolute path.
 */
class WatchCommandIT {
  @TempDir Path work;
  private SandboxedCli env;
  private CliRunner cli;

  @BeforeEach
  void start() throws IOException {
    env = SandboxedCli.start(work, Map.of());
    cli = env.cli();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void inputsThatCannotBeWatchedAreOneLineEachAndStoreNothing() throws IOException {
    Files.createDirectories(work.resolve("saved"));
    assertUsageError(cli.run("watch", "add", "-"),
        "error: '-': standard input cannot be watched (give an http(s) URL, a feed or sitemap file, or @FILE)");
    assertUsageError(cli.run("watch", "add", "missing.xml"),
        "error: 'missing.xml': no such file (give an existing file or an http(s) URL)");
    assertUsageError(cli.run("watch", "add", "@missing.txt"),
        "error: '@missing.txt': no such file (give an existing file or an http(s) URL)");
    assertUsageError(cli.run("watch", "add", "@https://news.example/feed"),
        "error: '@https://news.example/feed': @ must be followed by a local list file (give URLs without @)");
    assertUsageError(cli.run("watch", "add", "saved"),
        "error: 'saved': a directory cannot be watched (give a feed, a sitemap or a @FILE list of inputs)");
    assertUsageError(cli.run("watch", "add", "ftp://news.example/feed.xml"),
        "error: 'ftp://news.example/feed.xml': URL scheme 'ftp' is not watched (give an http(s) URL)");
    assertUsageError(cli.run("watch", "add", "https://twitter.com/SamuelSusla/status/" + Articles.PHOTO_POST),
        "error: 'https://twitter.com/SamuelSusla/status/" + Articles.PHOTO_POST + "': a post URL; posts are not"
            + " watched yet (watch the article or feed that cites it; every archived post is re-checked on its own"
            + " cadence)");
    assertUsageError(cli.run("watch", "add", "https://news.example/feed.xml", "--every", "5x"),
        "error: --every '5x' is not a duration (write ISO-8601 like PT30M or P1D, or 30m, 6h, 1d)");
    assertUsageError(cli.run("watch", "add", "https://news.example/feed.xml", "--every", "10s"),
        "error: --every '10s' is shorter than PT1M (poll a site at most once a minute)");
    // A control character in the input is shown escaped: it cannot move the cursor or start a fake line.
    CliRunner.Run hostile = cli.run("watch", "add", "https://news.example/\u001b[2J\nfeed");
    assertThat(hostile.exit()).isEqualTo(2);
    assertThat(hostile.err()).startsWith("error: 'https://news.example/\\u001b[2J\\nfeed': malformed URL")
        .doesNotContain("\u001b").hasLineCount(1);
    assertThat(cli.query("select count(*) n from watch").get(0)).containsEntry("n", 0L);
  }

  @Test
  void unknownIdsAreOneLineAndExitTwo() throws IOException {
    Files.writeString(work.resolve("inputs.txt"), "https://news.example/one.html\n");
    CliRunner.Run add = cli.run("watch", "add", "@inputs.txt", "--every", "P1D");
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.out()).isEqualTo("watch 1: @" + work.resolve("inputs.txt") + " (list), every PT24H; next poll"
        + " 2026-03-01T10:00:00Z (now)\n");

    for (String command : new String[] {"pause", "resume", "remove"}) {
      assertUsageError(cli.run("watch", command, "7"), "error: no watch 7 (see 'embedwatch watch list')");
      assertUsageError(cli.run("watch", command, "one"),
          "error: watch id 'one' is not a number (see 'embedwatch watch list')");
    }
    assertThat(cli.query("select input, kind, every_seconds, paused from watch")).containsExactly(Map.of(
        "input", "@" + work.resolve("inputs.txt"), "kind", "list", "every_seconds", 86400L, "paused", false));
    assertThat(cli.query("select task_instance from scheduled_tasks where task_name='poll-watch'"))
        .containsExactly(Map.of("task_instance", "1"));
  }

  @Test
  void listingWithoutAnArchiveSaysSoAndCreatesNone() {
    CliRunner.Run run = cli.run("watch", "list");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: no archive at ").hasLineCount(1);
  }

  private static void assertUsageError(CliRunner.Run run, String line) {
    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(line + "\n");
    assertThat(run.out()).isEmpty();
  }
}
