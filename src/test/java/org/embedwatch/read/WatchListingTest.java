package org.embedwatch.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.embedwatch.read.Expansions.lines;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.embedwatch.testsupport.PageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link InputExpander#list}, what a watch's poll uses: containers are expanded as {@code archive} expands them, but
 * the articles they list are handed over unread (never fetched), except a sitemap index's sitemaps.
 */
class WatchListingTest {
  @TempDir Path work;
  private PageServer server;
  private Expansions expansions;
  private final List<InputItem> items = new ArrayList<>();
  private final List<String> articles = new ArrayList<>();

  @BeforeEach
  void start() {
    server = PageServer.start();
    expansions = new Expansions(work, 1_000_000, List.of(server.allowSetting()));
    server.page("/a.html", "<html><body><p>A</p></body></html>".getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "text/html"));
  }

  @AfterEach
  void stop() throws IOException {
    expansions.close();
    server.close();
  }

  @Test
  void aSitemapIndexIsReadDownToItsPagesWhichAreListedUnread() {
    serve("/index.xml", "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
        + "<sitemap><loc>" + server.url("/pages.xml") + "</loc></sitemap></sitemapindex>");
    serve("/pages.xml", "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
        + "<url><loc>" + server.url("/a.html") + "</loc></url><url><loc>" + server.url("/b.html") + "</loc></url>"
        + "<url><loc>file:///etc/passwd</loc></url></urlset>");

    expansions.expander().list(server.url("/index.xml"), work, items::add, articles::add);

    assertThat(lines(items)).containsExactly(server.url("/index.xml") + " sitemap index 1",
        server.url("/pages.xml") + " sitemap 3", "file:///etc/passwd unsupported: URL scheme 'file'");
    assertThat(articles).containsExactly(server.url("/a.html"), server.url("/b.html"));
    assertThat(server.requested()).noneMatch(r -> r.contains(".html"));
  }

  @Test
  void aListHandsOverItsAddressesAndItsLocalArticlesByPathAndReadsItsLocalFeeds() throws IOException {
    Files.writeString(work.resolve("local.html"), "<html><body><p>Local</p></body></html>");
    Files.writeString(work.resolve("feed.xml"), "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T"
        + "</title><item><link>" + server.url("/a.html") + "</link></item></channel></rss>");
    Files.writeString(work.resolve("inputs.txt"), server.url("/c.html") + "\nlocal.html\nfeed.xml\n");

    expansions.expander().list("@" + work.resolve("inputs.txt"), work, items::add, articles::add);

    assertThat(lines(items)).containsExactly("@" + work.resolve("inputs.txt") + " list 3",
        work.resolve("feed.xml") + " RSS feed 1");
    assertThat(articles).containsExactly(server.url("/c.html"), work.resolve("local.html").toString(),
        server.url("/a.html"));
    assertThat(server.requested()).isEmpty();
  }

  @Test
  void aPageThatIsAnArticleIsItselfTheOneArticle() {
    expansions.expander().list(server.url("/a.html"), work, items::add, articles::add);

    assertThat(items).isEmpty();
    assertThat(articles).containsExactly(server.url("/a.html"));
  }

  private void serve(String path, String xml) {
    server.page(path, xml.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/xml"));
  }
}
