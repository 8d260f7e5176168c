package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.PageServer;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * {@code archive} takes the same inputs as {@code extract}: a list file naming a local article, a feed served from
 * 127.0.0.1 and a missing file; the feed's articles are stored and their posts captured from the sandbox.
 */
class ArchiveInputsIT {
  private static final Map<String, String> HTML = Map.of("Content-Type", "text/html; charset=utf-8");

  @TempDir Path work;
  private SandboxedCli env;
  private PageServer pages;
  private CliRunner cli;

  @BeforeEach
  void start() throws IOException {
    env = SandboxedCli.start(work, Map.of());
    pages = PageServer.start();
    cli = env.cli().allow(pages);
  }

  @AfterEach
  void stop() {
    pages.close();
    env.close();
  }

  @Test
  void aListWithAFeedArchivesEveryArticleItReachesAndNamesTheBadEntry() throws IOException {
    String quote = "<html><body><article><p>Quoted:</p><p><a href=\"https://x.com/mattcarrollcode/status/"
        + Articles.QUOTE_POST + "\">the post</a></p></article></body></html>";
    pages.page("/one.html", Articles.twoEmbeds().getBytes(StandardCharsets.UTF_8), HTML);
    pages.page("/two.html", quote.getBytes(StandardCharsets.UTF_8), HTML);
    pages.page("/feed.xml", ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title>"
        + "<item><link>" + pages.url("/one.html") + "</link></item><item><link>/two.html</link></item>"
        + "</channel></rss>").getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/rss+xml"));
    Path local = Files.writeString(work.resolve("local.html"), quote);
    Files.writeString(work.resolve("inputs.txt"), "# to archive\nlocal.html\n" + pages.url("/feed.xml")
        + "\nmissing.html\n");

    CliRunner.Run run = cli.run("archive", "@inputs.txt");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains(
        "@inputs.txt: list, 3 inputs\n",
        "article local.html: 1 reference (text/html, sha256 " + Sha256.of(Files.readAllBytes(local)).hex() + ")",
        pages.url("/feed.xml") + ": RSS feed, 2 articles\n",
        "article " + pages.url("/one.html") + ": 2 references (text/html, sha256 ",
        "article " + pages.url("/two.html") + ": 1 reference (text/html, sha256 ",
        "missing.html: unreadable: no such file\n");
    assertThat(run.err().strip()).isEqualTo(
        "error: missing.html: unreadable: no such file (give an existing file or an http(s) URL)");

    List<Map<String, Object>> articles = cli.query("select a.input, a.url, c.media_type, c.sha256 from article a"
        + " join article_capture c on c.article_id = a.id order by a.id");
    assertThat(articles).extracting(a -> a.get("input") + " " + a.get("url")).containsExactly(
        local + " null", pages.url("/one.html") + " " + pages.url("/one.html"),
        pages.url("/two.html") + " " + pages.url("/two.html"));
    assertThat(articles.get(1).get("sha256")).isEqualTo(Sha256.of(Articles.twoEmbeds()
        .getBytes(StandardCharsets.UTF_8)).hex());
    assertThat(cli.query("select post_id, state from post order by post_id"))
        .extracting(p -> p.get("post_id") + "=" + p.get("state"))
        .containsExactly(Articles.PHOTO_POST + "=AVAILABLE", Articles.QUOTE_POST + "=AVAILABLE",
            Articles.VIDEO_POST + "=AVAILABLE");
    assertThat(cli.query("select count(*) n from citation").get(0).get("n")).isEqualTo(4L);
    assertThat(warcTargets()).contains(pages.url("/feed.xml"), pages.url("/one.html"), pages.url("/two.html"));
  }

  @Test
  void stdinAndADirectoryAreArchivedToo() throws IOException {
    Path dir = Files.createDirectories(work.resolve("saved"));
    Files.writeString(dir.resolve("a.html"), Articles.twoEmbeds());
    Files.writeString(dir.resolve("notes.txt"), "Nothing cited here.");

    CliRunner.Run run = cli.runWithStdin(Articles.twoEmbeds().getBytes(StandardCharsets.UTF_8),
        "archive", "saved", "-");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("saved: directory, 2 files\n", "article saved/a.html: 2 references",
        "article saved/notes.txt: no references found", "article stdin: 2 references");
    assertThat(cli.query("select input from article order by id")).extracting(a -> a.get("input"))
        .containsExactly(dir.resolve("a.html").toString(), dir.resolve("notes.txt").toString(),
            "stdin:sha256:" + Sha256.of(Articles.twoEmbeds().getBytes(StandardCharsets.UTF_8)).hex());
    assertThat(cli.query("select count(*) n from article_capture").get(0).get("n")).isEqualTo(3L);
  }

  /** The target URI of every WARC response record written. */
  private List<String> warcTargets() throws IOException {
    List<String> targets = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(cli.archiveDir().resolve("warc"))) {
      files = s.toList();
    }
    for (Path file : files) {
      try (WarcReader reader = new WarcReader(file)) {
        for (WarcRecord record : reader) {
          if (record instanceof WarcResponse response) {
            targets.add(response.target());
          }
        }
      }
    }
    return targets;
  }
  @Test
  void archiveKeepsArticleReferencesByDefaultAndPageFurnitureOnlyWithScopeAll() throws IOException {
    String page = "<html><body><article><p>Quoted: <a href=\"https://x.com/mattcarrollcode/status/"
        + Articles.QUOTE_POST + "\">the post</a></p></article><aside class=\"sidebar\"><a href=\""
        + "https://twitter.com/SamuelSusla/status/" + Articles.PHOTO_POST + "\">trending</a></aside></body></html>";
    Files.writeString(work.resolve("page.html"), page);

    CliRunner.Run run = cli.run("archive", "page.html");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("article page.html: 1 reference (1 page reference not archived; --scope all"
        + " archives them)");
    assertThat(cli.query("select post_id, scope from citation")).extracting(r -> r.get("post_id") + " " + r.get("scope"))
        .containsExactly(Articles.QUOTE_POST + " article");
    assertThat(cli.query("select post_id from post order by id")).extracting(r -> r.get("post_id"))
        .as("the cited quote tweet, then the post it quotes").containsExactly(Articles.QUOTE_POST, Articles.PHOTO_POST);

    CliRunner.Run all = cli.run("archive", "--scope", "all", "page.html");

    assertThat(all.exit()).isZero();
    assertThat(all.out()).contains("article page.html: 2 references (");
    assertThat(cli.query("select p.post_id, c.scope from citation c join post p on p.id = c.post_ref"
            + " where c.article_capture_id = (select max(id) from article_capture) order by c.id"))
        .extracting(r -> r.get("post_id") + " " + r.get("scope"))
        .containsExactly(Articles.QUOTE_POST + " article", Articles.PHOTO_POST + " page");
  }

  @Test
  void anArticleReachedThroughARedirectIsStoredWithTheAddressThatAnswered() {
    pages.redirect("/short/abc", 301, "/2026/03/the-article.html");
    pages.page("/2026/03/the-article.html", Articles.twoEmbeds().getBytes(StandardCharsets.UTF_8), HTML);

    CliRunner.Run run = cli.run("archive", pages.url("/short/abc"));

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(cli.query("select a.url, c.final_url from article a join article_capture c on c.article_id = a.id"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.get("url")).isEqualTo(pages.url("/short/abc"));
          assertThat(r.get("final_url")).isEqualTo(pages.url("/2026/03/the-article.html"));
        });
  }
}
