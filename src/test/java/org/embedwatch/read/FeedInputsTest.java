package org.embedwatch.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.embedwatch.read.Expansions.lines;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.embedwatch.testsupport.PageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Feeds and sitemaps, as files and over HTTP from 127.0.0.1; hostile XML and compression bombs. */
class FeedInputsTest {
  private static final String SECRET = "TOP-SECRET-42";
  private static final Map<String, String> HTML = Map.of("Content-Type", "text/html");

  @TempDir Path work;
  private PageServer server;
  private Expansions expansions;

  @BeforeEach
  void start() {
    server = PageServer.start();
    expansions = new Expansions(work, 1_000_000, List.of(server.allowSetting()));
    for (String page : List.of("/a.html", "/b.html", "/c.html")) {
      server.page(page, ("<html><body><p>" + page + "</p></body></html>").getBytes(StandardCharsets.UTF_8), HTML);
    }
  }

  @AfterEach
  void stop() throws IOException {
    expansions.close();
    server.close();
  }

  @Test
  void anRssFeedOverHttpExpandsToItsItemsLinksResolvedAgainstTheFeed() {
    serve("/news/feed.xml", "application/rss+xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
        + "<title>News</title><link>" + server.url("/") + "</link>"
        + "<item><title>A</title><link>" + server.url("/a.html") + "</link></item>"
        + "<item><title>B</title><link> ../b.html </link></item>"
        + "<item><title>C</title><guid>" + server.url("/c.html") + "</guid></item>"
        + "<item><title>No link</title><guid isPermaLink=\"false\">tag:x,1</guid></item>"
        + "<item><title>Gone</title><link>" + server.url("/gone.html") + "</link></item>"
        + "</channel></rss>");

    List<InputItem> items = expansions.expand(server.url("/news/feed.xml"));

    assertThat(lines(items)).containsExactly(
        server.url("/news/feed.xml") + " RSS feed 4+1",
        server.url("/a.html") + " article text/html",
        server.url("/b.html") + " article text/html",
        server.url("/c.html") + " article text/html",
        server.url("/gone.html") + " unreadable: the server answered HTTP 404");
  }

  @Test
  void anAtomFeedGivesEachEntrysAlternateLink() {
    serve("/atom", "application/atom+xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
        + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><link rel=\"self\" href=\"/atom\"/>"
        + "<entry><title>A</title><link rel=\"enclosure\" href=\"/a.mp3\"/><link href=\"" + server.url("/a.html")
        + "\"/></entry>"
        + "<entry><title>B</title><link rel=\"alternate\" type=\"text/html\" href=\"/b.html\"/></entry>"
        + "</feed>");

    List<InputItem> items = expansions.expand(server.url("/atom"));

    assertThat(lines(items)).containsExactly(
        server.url("/atom") + " Atom feed 2",
        server.url("/a.html") + " article text/html",
        server.url("/b.html") + " article text/html");
  }

  @Test
  void aSitemapIndexThatListsItselfEndsAndItsGzipSitemapIsRead() throws IOException {
    serve("/sitemap-index.xml", "application/xml", "<?xml version=\"1.0\"?>"
        + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
        + "<sitemap><loc>" + server.url("/sitemap-index.xml") + "</loc></sitemap>"
        + "<sitemap><loc>" + server.url("/pages.xml.gz") + "</loc></sitemap>"
        + "</sitemapindex>");
    server.page("/pages.xml.gz", InputExpanderTest.gzip(("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
        + "<url><loc>" + server.url("/a.html") + "</loc><lastmod>2024-01-01</lastmod></url>"
        + "<url><loc>" + server.url("/sitemap-index.xml") + "</loc></url>"
        + "</urlset>").getBytes(StandardCharsets.UTF_8)), Map.of("Content-Type", "application/x-gzip"));

    List<InputItem> items = expansions.expand(server.url("/sitemap-index.xml"));

    assertThat(lines(items)).containsExactly(
        server.url("/sitemap-index.xml") + " sitemap index 2",
        server.url("/sitemap-index.xml") + " skipped: it includes itself (a loop); not expanded again",
        server.url("/pages.xml.gz") + " sitemap 2",
        server.url("/a.html") + " article text/html",
        server.url("/sitemap-index.xml") + " skipped: it includes itself (a loop); not expanded again");
    assertThat(server.requested()).containsOnlyOnce("/sitemap-index.xml");
  }

  @Test
  void aLocalFeedNeverMakesALocalFileAnInput() throws IOException {
    Path secret = Files.writeString(work.resolve("secret.html"), "<p>" + SECRET + "</p>");
    Files.writeString(work.resolve("feed.xml"), "<rss version=\"2.0\"><channel>"
        + "<item><link>" + secret.toUri() + "</link></item>"
        + "<item><link>secret.html</link></item>"
        + "<item><link>" + server.url("/a.html") + "</link></item>"
        + "</channel></rss>");

    List<InputItem> items = expansions.expand("feed.xml");

    assertThat(lines(items)).containsExactly(
        "feed.xml RSS feed 3",
        secret.toUri() + " unsupported: URL scheme 'file'",
        "secret.html unreadable: a relative address in a local feed or sitemap",
        server.url("/a.html") + " article text/html");
  }

  @Test
  void anExternalEntityIsNeverResolvedNorItsDtdFetched() throws IOException {
    Path secret = Files.writeString(work.resolve("secret.txt"), SECRET);
    server.page("/evil.dtd", ("<!ENTITY % file SYSTEM \"" + secret.toUri() + "\">").getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/xml-dtd"));
    String external = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
        + "<rss version=\"2.0\"><channel><item><title>&xxe;</title><link>" + server.url("/a.html")
        + "?q=&xxe;</link></item></channel></rss>";
    String viaDtd = "<?xml version=\"1.0\"?><!DOCTYPE urlset SYSTEM \"" + server.url("/evil.dtd") + "\">"
        + "<urlset><url><loc>" + server.url("/b.html") + "</loc></url></urlset>";
    Files.writeString(work.resolve("xxe.xml"), external);
    serve("/xxe.xml", "application/rss+xml", external);
    Files.writeString(work.resolve("dtd.xml"), viaDtd);

    List<InputItem> items = expansions.expand("xxe.xml", server.url("/xxe.xml"), "dtd.xml");

    assertThat(lines(items)).hasSize(4);
    assertThat(lines(items).subList(0, 2)).allSatisfy(line -> assertThat(line)
        .contains(" unreadable: not well-formed XML: ParseError at ")
        .endsWith("Message: The entity \"xxe\" was referenced, but not declared."));
    assertThat(lines(items).subList(2, 4)).containsExactly("dtd.xml sitemap 1", server.url("/b.html") + " article text/html");
    assertThat(items.toString()).doesNotContain(SECRET);
    assertThat(server.requested()).doesNotContain("/evil.dtd").noneMatch(r -> r.contains(SECRET));
  }

  @Test
  @Timeout(10)
  void aBillionLaughsDocumentEndsAtOnce() throws IOException {
    StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    dtd.append("<!ENTITY lol1 \"").append("&lol;".repeat(10)).append("\">");
    for (int i = 2; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]><rss version=\"2.0\"><channel><item><link>http://127.0.0.1/&lol9;</link></item></channel></rss>");
    Files.writeString(work.resolve("lolz.xml"), dtd);

    List<InputItem> items = expansions.expand("lolz.xml");

    assertThat(lines(items)).singleElement().asString()
        .startsWith("lolz.xml unreadable: not well-formed XML:").contains("\"lol9\" was referenced, but not declared");
  }

  @Test
  void aGzipEncodedResponseThatExpandsPastTheLimitEndsThereAndTheBatchGoesOn() throws IOException {
    server.page("/bomb.html", InputExpanderTest.gzip(new byte[30_000_000]),
        Map.of("Content-Type", "text/html", "Content-Encoding", "gzip"));
    server.page("/fine.html", InputExpanderTest.gzip("<p>fine</p>".getBytes(StandardCharsets.UTF_8)),
        Map.of("Content-Type", "text/html", "Content-Encoding", "gzip"));
    server.page("/big.html", ("<p>" + "x".repeat(1_000_001)).getBytes(StandardCharsets.UTF_8), HTML);

    List<InputItem> items = expansions.expand(server.url("/bomb.html"), server.url("/big.html"),
        server.url("/fine.html"));

    assertThat(lines(items)).containsExactly(
        server.url("/bomb.html") + " unreadable: expands past read.max-bytes (1000000 bytes) when decompressed",
        server.url("/big.html") + " unreadable: larger than read.max-bytes (1000000 bytes)",
        server.url("/fine.html") + " article text/html");
    assertThat(((InputItem.Article) items.get(2)).capture().text()).isEqualTo("<p>fine</p>");
  }

  @Test
  @Timeout(20)
  void aFeedOfDeeplyNestedElementsIsStreamedNotRecursed() throws IOException {
    serve("/deep.xml", "application/rss+xml", "<rss version=\"2.0\"><channel><item><link>" + server.url("/a.html")
        + "</link><extra>" + "<x>".repeat(200_000) + "</x>".repeat(200_000) + "</extra></item></channel></rss>");

    List<InputItem> items;
    try (Expansions large = new Expansions(work, 10_000_000, List.of(server.allowSetting()))) {
      items = large.expand(server.url("/deep.xml"));
    }

    assertThat(lines(items)).containsExactly(
        server.url("/deep.xml") + " RSS feed 1", server.url("/a.html") + " article text/html");
  }

  @Test
  void feedsWithoutAnXmlDeclarationAreKnownByTheirRootEvenWhenCalledPlainText() {
    serve("/sitemap.txt", "text/plain", "\n  <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>"
        + server.url("/a.html") + "</loc></url></urlset>");
    byte[] rss = ("<rss version=\"2.0\"><channel><item><link>" + server.url("/b.html") + "</link></item></channel></rss>")
        .getBytes(StandardCharsets.UTF_8);

    List<InputItem> items = expansions.expandWithStdin(rss, server.url("/sitemap.txt"), "-");

    assertThat(lines(items)).containsExactly(
        server.url("/sitemap.txt") + " sitemap 1",
        server.url("/a.html") + " article text/html",
        "stdin RSS feed 1",
        server.url("/b.html") + " article text/html");
  }

  @Test
  void xmlThatIsNeitherAFeedNorASitemapIsUnsupported() throws IOException {
    Files.writeString(work.resolve("note.xml"), "<?xml version=\"1.0\"?><note><to>you</to></note>");

    assertThat(lines(expansions.expand("note.xml"))).containsExactly(
        "note.xml unsupported: application/xml with root element <note>, not an RSS or Atom feed or a sitemap");
  }

  private void serve(String path, String type, String xml) {
    server.page(path, xml.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", type));
  }
}
