package org.embedwatch.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which addresses each feed and sitemap format yields, and which XML is refused. */
class FeedParserTest {
  private final FeedParser parser = new FeedParser();

  @Test
  void rss2TakesEachItemsLinkThenItsPermalinkGuidButNotTheChannelLinkOrForeignLinks() {
    FeedParser.Links links = parse("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>"
        + "<link>https://news.example/</link><atom:link rel=\"self\" href=\"https://news.example/feed\"/>"
        + "<item><atom:link href=\"https://elsewhere.example/\"/><link><![CDATA[https://news.example/a]]></link></item>"
        + "<item><guid isPermaLink=\"true\">https://news.example/b</guid></item>"
        + "<item><guid isPermaLink=\"false\">b-1234</guid></item>"
        + "<item><description>&lt;a href=\"https://news.example/x\"&gt;</description></item>"
        + "</channel></rss>");

    assertThat(links.container()).isEqualTo(InputItem.Container.RSS_FEED);
    assertThat(links.links()).containsExactly("https://news.example/a", "https://news.example/b");
    assertThat(links.withoutLink()).isEqualTo(2);
  }

  @Test
  void rss1TakesTheItemLinkOrItsRdfAbout() {
    FeedParser.Links links = parse("<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
        + " xmlns=\"http://purl.org/rss/1.0/\"><channel rdf:about=\"https://news.example/\"><link>https://news.example/</link>"
        + "</channel><item rdf:about=\"https://news.example/1\"><link>https://news.example/one</link></item>"
        + "<item rdf:about=\"https://news.example/2\"><title>2</title></item></rdf:RDF>");

    assertThat(links.container()).isEqualTo(InputItem.Container.RSS_FEED);
    assertThat(links.links()).containsExactly("https://news.example/one", "https://news.example/2");
  }

  @Test
  void sitemapsAndIndexesTakeTheirLocsInAnyNamespaceAndEncoding() {
    byte[] latin1 = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><urlset xmlns=\"http://www.google.com/schemas/"
        + "sitemap/0.84\"><url><loc> https://news.example/café </loc></url><url><lastmod>2020</lastmod></url></urlset>")
        .getBytes(Charset.forName("ISO-8859-1"));

    FeedParser.Links sitemap = parser.parse(latin1, "application/xml");
    FeedParser.Links index = parse("<sitemapindex><sitemap><loc>https://news.example/s1.xml.gz</loc></sitemap>"
        + "</sitemapindex>");

    assertThat(sitemap.container()).isEqualTo(InputItem.Container.SITEMAP);
    assertThat(sitemap.links()).containsExactly("https://news.example/café");
    assertThat(sitemap.withoutLink()).isEqualTo(1);
    assertThat(index.container()).isEqualTo(InputItem.Container.SITEMAP_INDEX);
    assertThat(index.links()).containsExactly("https://news.example/s1.xml.gz");
  }

  @Test
  void aFeedRootInTheWrongNamespaceOrAnotherRootIsUnsupportedAndBrokenXmlUnreadable() {
    assertThatThrownBy(() -> parse("<feed><entry><link href=\"https://x.example/\"/></entry></feed>"))
        .isInstanceOfSatisfying(UnreadableInputException.class, e -> assertThat(e.problem("f").problem())
            .isEqualTo(InputItem.ProblemKind.UNSUPPORTED))
        .hasMessageStartingWith("application/xml with root element <feed>, not an RSS or Atom feed or a sitemap");
    assertThatThrownBy(() -> parse("<rss><channel><item><link>https://x.example/</item></channel></rss>"))
        .isInstanceOfSatisfying(UnreadableInputException.class, e -> assertThat(e.problem("f").problem())
            .isEqualTo(InputItem.ProblemKind.UNREADABLE))
        .hasMessageStartingWith("not well-formed XML: ");
  }

  private FeedParser.Links parse(String xml) {
    return parser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/xml");
  }
}
