package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.Documents;
import org.embedwatch.testsupport.PageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code extract} over every kind of input, through the CLI: directories, list files, feeds and sitemaps served from
 * 127.0.0.1, stdin; one outcome line per input, the references, the exit code.
 */
class ExtractInputsIT {
  private static final Map<String, String> HTML = Map.of("Content-Type", "text/html; charset=utf-8");
  private static final String STATUS = "https://twitter.com/SamuelSusla/status/" + Articles.PHOTO_POST;
  private static final List<String> REMNANT = List.of("The minister answered within the hour.",
      "\u2014 Sakir Khader (@sakirkhader) September 22, 2016");

  @TempDir Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private PageServer server;
  private CliRunner cli;

  @BeforeEach
  void start() {
    server = PageServer.start();
    cli = new CliRunner(work, clock, Map.of()).allow(server);
  }

  @AfterEach
  void stop() {
    server.close();
    cli.close();
  }

  @Test
  void aDirectoryOfMixedFilesEndsEachFileWithAnOutcomeLineAndExitsOneForTheBadOnes() throws IOException {
    Path dir = Files.createDirectories(work.resolve("articles"));
    Files.writeString(dir.resolve("a-embeds.html"), withFooterLink(Articles.twoEmbeds()));
    Files.writeString(dir.resolve("b-remnants.txt"), seed());
    Files.write(dir.resolve("c-report.pdf"), Documents.pdf(REMNANT, STATUS));
    Files.write(dir.resolve("d-memo.docx"), Documents.docx(REMNANT, STATUS, "the post"));
    Files.write(dir.resolve("e-binary.html"), new byte[] {0x00, 0x13, (byte) 0xff, 0x00, 0x42, 0x00, 0x01});
    Files.write(dir.resolve("f-empty.txt"), new byte[0]);
    Files.writeString(dir.resolve("g-nested.html"), "<html><body>" + "<div>".repeat(200_000)
        + "<a href=\"" + STATUS + "\">the post</a>" + "</div>".repeat(200_000) + "</body></html>");
    Files.writeString(dir.resolve("h-plain.html"), "<html><body><p>Nothing cited here.</p></body></html>");
    Files.writeString(dir.resolve(".draft.html"), Articles.twoEmbeds());
    // Beside saved pages: assets that are not articles and not named like one are skipped, not errors.
    Files.write(dir.resolve("i-logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0});

    CliRunner.Run run = cli.run("extract", "articles");

    assertThat(run.exit()).isEqualTo(1);
    String docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    assertThat(outcomeLines(run)).containsExactly(
        "articles: directory, 9 files (1 hidden left out)",
        "articles/a-embeds.html (text/html, UTF-8): 2 references (1 page reference hidden; --scope all shows them)",
        "articles/b-remnants.txt (text/plain, UTF-8): 2 references",
        "articles/c-report.pdf (application/pdf): 2 references",
        "articles/d-memo.docx (" + docx + "): 2 references",
        "articles/e-binary.html: unsupported: application/octet-stream",
        "articles/f-empty.txt: unreadable: empty (0 bytes)",
        "articles/g-nested.html (text/html, windows-1252): 1 reference",
        "articles/h-plain.html (text/html, windows-1252): no references found",
        "articles/i-logo.png: skipped: not an article (image/png)",
        "total: 6 articles (5 with references, 1 without), 9 references, 1 page reference hidden;"
            + " 1 unreadable, 1 unsupported");
    assertThat(run.out()).contains(
        "  x " + Articles.PHOTO_POST + " @SamuelSusla [blockquote; article]",
        "  x (no id) @sakirkhader [remnant; article] — Sakir Khader, September 22, 2016",
        "  x " + Articles.PHOTO_POST + " @SamuelSusla [link; article]");
    assertThat(run.out()).doesNotContain("1111111111111111111").doesNotContain(".draft.html");
    assertThat(run.err().strip().split("\n")).containsExactly(
        "error: articles/e-binary.html: unsupported: application/octet-stream (give an HTML, text, PDF or DOCX"
            + " article, an RSS or Atom feed, or a sitemap)",
        "error: articles/f-empty.txt: unreadable: empty (0 bytes) (give an HTML, text, PDF or DOCX article, an RSS"
            + " or Atom feed, or a sitemap)");
  }

  @Test
  void scopeAllShowsPageFurnitureAndScopePageOnlyIt() throws IOException {
    Files.writeString(work.resolve("a.html"), withFooterLink(Articles.twoEmbeds()));

    CliRunner.Run all = cli.run("extract", "--scope", "all", "a.html");
    CliRunner.Run page = cli.run("extract", "--scope", "page", "a.html");

    assertThat(all.exit()).isZero();
    assertThat(outcomeLines(all)).containsExactly("a.html (text/html, UTF-8): 3 references");
    assertThat(all.out()).contains("  x 1111111111111111111 @newsroom [link; page]");
    assertThat(outcomeLines(page)).containsExactly(
        "a.html (text/html, UTF-8): 1 reference (2 article references hidden; --scope all shows them)");
    assertThat(cli.run("extract", "--scope", "sidebar", "a.html").exit()).isEqualTo(2);
  }

  @Test
  void aListFileExpandsToItsEntriesRelativeToItselfAndNeverLoops() throws IOException {
    server.page("/story.html", Articles.twoEmbeds().getBytes(StandardCharsets.UTF_8), HTML);
    Path lists = Files.createDirectories(work.resolve("lists"));
    Files.writeString(lists.resolve("remnants.txt"), seed());
    Files.writeString(lists.resolve("week.txt"), "# week 9\n\nremnants.txt\n" + server.url("/story.html") + "\n"
        + server.url("/gone.html") + "\n@week.txt\n");

    CliRunner.Run run = cli.run("extract", "@lists/week.txt");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(outcomeLines(run)).containsExactly(
        "@lists/week.txt: list, 4 inputs",
        "lists/remnants.txt (text/plain, UTF-8): 2 references",
        server.url("/story.html") + " (text/html, UTF-8): 2 references",
        server.url("/gone.html") + ": unreadable: the server answered HTTP 404",
        "@lists/week.txt: skipped: it includes itself (a loop); not expanded again",
        "total: 2 articles (2 with references, 0 without), 4 references; 1 unreadable, 0 unsupported");
    assertThat(run.err().strip()).isEqualTo(
        "error: " + server.url("/gone.html") + ": unreadable: the server answered HTTP 404 (check the address)");
  }

  @Test
  void rssAndAtomFeedsAndASitemapOverHttpExpandToTheirArticles() {
    server.page("/one.html", Articles.twoEmbeds().getBytes(StandardCharsets.UTF_8), HTML);
    server.page("/two.html", ("<html><body><article><p>" + REMNANT.get(0) + "</p><p>" + REMNANT.get(1)
        + "</p></article></body></html>").getBytes(StandardCharsets.UTF_8), HTML);
    serve("/rss.xml", "application/rss+xml; charset=utf-8", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version="
        + "\"2.0\"><channel><title>News</title><item><title>One</title><link>" + server.url("/one.html")
        + "</link></item><item><title>Two</title><link>/two.html</link></item></channel></rss>");
    serve("/atom.xml", "application/atom+xml", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>News</title>"
        + "<entry><link rel=\"alternate\" href=\"two.html\"/></entry></feed>");
    serve("/sitemap.xml", "application/xml", "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/"
        + "schemas/sitemap/0.9\"><url><loc>" + server.url("/one.html") + "</loc></url></urlset>");

    CliRunner.Run run = cli.run("extract", server.url("/rss.xml"), server.url("/atom.xml"),
        server.url("/sitemap.xml"));

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(outcomeLines(run)).containsExactly(
        server.url("/rss.xml") + ": RSS feed, 2 articles",
        server.url("/one.html") + " (text/html, UTF-8): 2 references",
        server.url("/two.html") + " (text/html, UTF-8): 1 reference",
        server.url("/atom.xml") + ": Atom feed, 1 article",
        server.url("/two.html") + " (text/html, UTF-8): 1 reference",
        server.url("/sitemap.xml") + ": sitemap, 1 page",
        server.url("/one.html") + " (text/html, UTF-8): 2 references",
        "total: 4 articles (4 with references, 0 without), 6 references; 0 unreadable, 0 unsupported");
  }

  @Test
  void aFeedItemRedirectingToAMalformedAddressIsOneProblemAndTheFeedGoesOn() {
    server.page("/one.html", Articles.twoEmbeds().getBytes(StandardCharsets.UTF_8), HTML);
    server.redirect("/moved.html", 301, "http://exa mple.com/a b");
    serve("/rss.xml", "application/rss+xml", "<rss version=\"2.0\"><channel><item><link>" + server.url("/moved.html")
        + "</link></item><item><link>" + server.url("/one.html") + "</link></item></channel></rss>");

    CliRunner.Run run = cli.run("extract", server.url("/rss.xml"));

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    List<String> lines = outcomeLines(run);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo(server.url("/rss.xml") + ": RSS feed, 2 articles");
    assertThat(lines.get(1)).startsWith(server.url("/moved.html") + ": unreadable: cannot fetch: bad_redirect");
    assertThat(lines.get(2)).isEqualTo(server.url("/one.html") + " (text/html, UTF-8): 2 references");
    assertThat(run.err()).contains("error: " + server.url("/moved.html") + ": unreadable: cannot fetch: bad_redirect");
  }

  @Test
  void relativeLinksResolveAgainstTheAddressThatAnsweredAfterRedirects() throws IOException {
    server.redirect("/a/b/go", 302, "/page.html");
    server.page("/page.html", "<html><body><article><p>As she wrote <a href=\"@jane/109876543210987654\">here</a>.</p>"
        .concat("</article></body></html>").getBytes(StandardCharsets.UTF_8), HTML);

    CliRunner.Run run = cli.run("extract", "--json", server.url("/a/b/go"));

    assertThat(run.exit()).as(run.err()).isZero();
    List<JsonNode> lines = json(run);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).path("platform").asText()).isEqualTo("mastodon");
    assertThat(lines.get(0).path("id").asText()).isEqualTo("109876543210987654");
    assertThat(lines.get(0).path("handle").asText()).isEqualTo("jane@127.0.0.1");
  }

  @Test
  void jsonModePrintsAnOutcomeObjectAfterEachInputsReferences() throws IOException {
    serve("/feed.xml", "application/rss+xml", "<rss version=\"2.0\"><channel><item><link>" + server.url("/a.html")
        + "</link></item></channel></rss>");
    server.page("/a.html", Articles.twoEmbeds().getBytes(StandardCharsets.UTF_8), HTML);
    Files.write(work.resolve("photo.html"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0});

    CliRunner.Run run = cli.run("extract", "--json", server.url("/feed.xml"), "photo.html");

    assertThat(run.exit()).isEqualTo(1);
    List<JsonNode> lines = json(run);
    assertThat(lines).extracting(j -> j.path("input").asText() + " " + j.path("outcome").asText(""))
        .containsExactly(server.url("/feed.xml") + " expanded", server.url("/a.html") + " ",
            server.url("/a.html") + " ", server.url("/a.html") + " references", "photo.html unsupported");
    assertThat(lines.get(0).path("container").asText()).isEqualTo("rss-feed");
    assertThat(lines.get(0).path("entries").asInt()).isEqualTo(1);
    assertThat(lines.get(1).path("id").asText()).isEqualTo(Articles.PHOTO_POST);
    assertThat(lines.get(3).path("references").asInt()).isEqualTo(2);
    assertThat(lines.get(3).path("hidden").asInt()).isZero();
    assertThat(lines.get(4).path("reason").asText()).isEqualTo("image/png");
    assertThat(lines.get(4).path("remedy").asText()).startsWith("give an HTML");
    assertThat(run.err().strip()).startsWith("error: photo.html: unsupported: image/png (");
  }

  @Test
  void stdinIsAnInputLikeAnyOther() {
    CliRunner.Run run = cli.runWithStdin(Articles.twoEmbeds().getBytes(StandardCharsets.UTF_8), "extract", "-");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(outcomeLines(run)).containsExactly("stdin (text/html, UTF-8): 2 references");
    assertThat(run.out()).contains("x " + Articles.VIDEO_POST + " @Rainmaker1973 [blockquote; article]");
  }

  @Test
  void anOversizedPageAndAGzipBombOverHttpEndAtTheLimitAndTheBatchGoesOn() throws IOException {
    server.page("/bomb.html", gzip(new byte[50_000_000]), Map.of("Content-Type", "text/html",
        "Content-Encoding", "gzip"));
    server.page("/huge.html", ("<p>" + "x".repeat(300_000) + "</p>").getBytes(StandardCharsets.UTF_8), HTML);
    server.page("/sitemap.xml.gz", gzip(("<urlset>" + ("<url><loc>" + server.url("/x.html") + "</loc></url>")
        .repeat(20_000) + "</urlset>").getBytes(StandardCharsets.UTF_8)), Map.of("Content-Type", "application/gzip"));
    server.page("/fine.html", Articles.twoEmbeds().getBytes(StandardCharsets.UTF_8), HTML);

    CliRunner.Run run = cli.run("--set", "read.max-bytes=200000", "extract", server.url("/bomb.html"),
        server.url("/huge.html"), server.url("/sitemap.xml.gz"), server.url("/fine.html"));

    assertThat(run.exit()).isEqualTo(1);
    assertThat(outcomeLines(run)).containsExactly(
        server.url("/bomb.html") + ": unreadable: expands past read.max-bytes (200000 bytes) when decompressed",
        server.url("/huge.html") + ": unreadable: larger than read.max-bytes (200000 bytes)",
        server.url("/sitemap.xml.gz") + ": unreadable: expands past read.max-bytes (200000 bytes) when decompressed",
        server.url("/fine.html") + " (text/html, UTF-8): 2 references",
        "total: 1 article (1 with references, 0 without), 2 references; 3 unreadable, 0 unsupported");
    assertThat(run.err().strip().split("\n")).hasSize(3).allSatisfy(line -> assertThat(line)
        .startsWith("error: http://127.0.0.1:").endsWith("(raise it with --set read.max-bytes=N if the input is"
            + " genuine)"));
  }

  /** The lines that are not references: one per input, container and skip, and the total. */
  private static List<String> outcomeLines(CliRunner.Run run) {
    return Arrays.stream(run.out().split("\n")).filter(l -> !l.isBlank() && !l.startsWith("  ")).toList();
  }

  private static List<JsonNode> json(CliRunner.Run run) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : run.out().strip().split("\n")) {
      lines.add(new ObjectMapper().readTree(line));
    }
    return lines;
  }

  /** The article with a site-wide footer that links the newsroom's own post: a page-furniture reference. */
  private static String withFooterLink(String html) {
    return html.replace("</body>", "<footer><a href=\"https://twitter.com/newsroom/status/1111111111111111111\">"
        + "Follow us</a></footer></body>");
  }

  private void serve(String path, String type, String xml) {
    server.page(path, xml.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", type));
  }

  private static String seed() throws IOException {
    try (InputStream in = ExtractInputsIT.class.getResourceAsStream(
        "/org/embedwatch/extract/corpus/seed-000_b228a5170edcf5c9.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
