package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.embedwatch.evidence.Platform;
import org.embedwatch.extract.Reference.Form;
import org.embedwatch.extract.Reference.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceExtractorTest {

  private static final String EMBED =
      "<blockquote class=\"twitter-tweet\" data-width=\"550\"><p lang=\"en\" dir=\"ltr\">How did this ad get"
          + "  approved <a href=\"https://twitter.com/Meta?ref_src=twsrc%5Etfw\">@Meta</a> ?</p>"
          + "&mdash; Matt Navarra (@MattNavarra) <a href=\"https://twitter.com/MattNavarra/status/1654247902070415360"
          + "?ref_src=twsrc%5Etfw\">May 4, 2023</a></blockquote>";

  private final ReferenceExtractor extractor = new ReferenceExtractor();

  private List<Reference> html(String body) {
    return extractor.extract("<html><body><article>" + body + "</article></body></html>", "text/html", null);
  }

  @Test
  void blockquoteEmbedGivesIdHandleTextNameDateAndLang() {
    assertThat(html(EMBED))
        .containsExactly(
            new Reference(
                Platform.X,
                "1654247902070415360",
                "MattNavarra",
                "https://twitter.com/MattNavarra/status/1654247902070415360",
                List.of(Form.BLOCKQUOTE),
                Scope.ARTICLE,
                "How did this ad get approved @Meta ?",
                "May 4, 2023",
                "Matt Navarra",
                "en"));
  }

  @Test
  void blockquoteWithoutClassThatEndsInAStatusLinkIsAnEmbed() {
    List<Reference> refs =
        html("<blockquote><p>Posters taken down.</p> &#x2014; The Review (@udreview) "
            + "<a href=\"https://twitter.com/BuzzFeed/status/790636031301279744\"></a></blockquote>");
    assertThat(refs).singleElement().satisfies(r -> {
      assertThat(r.forms()).containsExactly(Form.BLOCKQUOTE);
      assertThat(r.postId()).isEqualTo("790636031301279744");
      assertThat(r.citedText()).isEqualTo("Posters taken down.");
      assertThat(r.displayName()).isEqualTo("The Review");
    });
  }

  @Test
  void ordinaryQuoteIsNoEmbed() {
    assertThat(html("<blockquote><p>Just words — Someone (@someone) said it.</p></blockquote>")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://twitter.com/jack/status/20",
        "https://www.twitter.com/jack/status/20",
        "https://mobile.twitter.com/jack/status/20",
        "https://x.com/jack/status/20",
        "https://twitter.com/jack/statuses/20",
        "https://twitter.com/#!/jack/status/20",
        "https://twitter.com/jack/status/20/photo/1",
        "https://twitter.com/jack/status/20/video/1",
        "https://twitter.com/jack/status/20?s=20&amp;t=x"
      })
  void statusLinkVariantsAreLinks(String href) {
    assertThat(html("<p>He <a href=\"" + href + "\">tweeted</a>.</p>"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.postId()).isEqualTo("20");
          assertThat(r.handle()).isEqualTo("jack");
          assertThat(r.url()).isEqualTo("https://twitter.com/jack/status/20");
          assertThat(r.forms()).containsExactly(Form.LINK);
          assertThat(r.scope()).isEqualTo(Scope.ARTICLE);
        });
  }

  @Test
  void webStatusLinkHasNoHandle() {
    assertThat(html("<a href=\"https://twitter.com/i/web/status/1117736685721223168\">link</a>"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.handle()).isNull();
          assertThat(r.url()).isEqualTo("https://twitter.com/i/web/status/1117736685721223168");
        });
  }

  @Test
  void relativeStatusLinkResolvesAgainstTheBaseUri() {
    List<Reference> refs =
        extractor.extract("<a href=\"/jack/status/20\">x</a>", "text/html", "https://twitter.com/somewhere");
    assertThat(refs).extracting(Reference::postId).containsExactly("20");
  }

  @Test
  void tweetHtmlIframeIsAnIframe() {
    assertThat(html("<iframe src=\"https://platform.twitter.com/embed/Tweet.html?dnt=false&id=1266755207402143746"
            + "&lang=en\"></iframe>"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.postId()).isEqualTo("1266755207402143746");
          assertThat(r.forms()).containsExactly(Form.IFRAME);
          assertThat(r.url()).isEqualTo("https://twitter.com/i/web/status/1266755207402143746");
        });
  }

  @Test
  void renderedIframeWithDataTweetIdIsAnIframe() {
    assertThat(html("<div class=\"twitter-tweet twitter-tweet-rendered\"><iframe id=\"twitter-widget-0\" "
            + "class=\"twitter-tweet\" data-tweet-id=\"800384752746254337\"></iframe></div>"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.forms()).containsExactly(Form.IFRAME);
          assertThat(r.scope()).isEqualTo(Scope.ARTICLE);
        });
  }

  @Test
  void ampTwitterIsAmp() {
    assertThat(html("<amp-twitter width=\"375\" height=\"472\" data-tweetid=\"885634330868850689\"></amp-twitter>"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.postId()).isEqualTo("885634330868850689");
          assertThat(r.forms()).containsExactly(Form.AMP);
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"data-tweet-id", "data-tweetid", "rel:bf_tweet_id", "data-tweet_id"})
  void tweetIdAttributeIsAnAttribute(String attribute) {
    assertThat(html("<div " + attribute + "=\"790636031301279744\"></div>"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.postId()).isEqualTo("790636031301279744");
          assertThat(r.forms()).containsExactly(Form.ATTRIBUTE);
        });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://twitter.com/intent/tweet?url=https%3A%2F%2Fexample.org&amp;via=Deadline",
        "https://twitter.com/intent/tweet?in_reply_to=20",
        "https://twitter.com/share?url=https://example.org",
        "https://twitter.com/intent/follow?screen_name=jack",
        "https://twitter.com/jack",
        "http://www.twitter.com/buzzfeednews",
        "https://twitter.com/hashtag/QZ8501?src=hash",
        "https://twitter.com/search?q=%23Stansted",
        "https://pic.twitter.com/Q8FFsT2ITu",
        "https://t.co/xdcgcjohW4"
      })
  void shareFollowProfileHashtagSearchPicAndShortLinksAreNoReferences(String href) {
    assertThat(html("<p><a href=\"" + href + "\">pic.twitter.com/Q8FFsT2ITu</a> t.co/xdcgcjohW4</p>")).isEmpty();
  }

  @Test
  void followButtonIsNoReference() {
    assertThat(html("<a href=\"https://twitter.com/jack\" class=\"twitter-follow-button\">Follow @jack</a>"))
        .isEmpty();
  }

  @Test
  void embedAndLinkToTheSamePostMergeIntoOneReference() {
    List<Reference> refs =
        html("<p>As <a href=\"https://x.com/MattNavarra/status/1654247902070415360?s=20\">Navarra wrote</a>:</p>"
            + EMBED
            + "<p>See <a href=\"https://mobile.twitter.com/i/web/status/1654247902070415360\">again</a>.</p>");
    assertThat(refs).singleElement().satisfies(r -> {
      assertThat(r.forms()).containsExactly(Form.LINK, Form.BLOCKQUOTE);
      assertThat(r.handle()).isEqualTo("MattNavarra");
      assertThat(r.citedText()).isEqualTo("How did this ad get approved @Meta ?");
      assertThat(r.displayName()).isEqualTo("Matt Navarra");
    });
  }

  @Test
  void linkInsideTheEmbedIsPartOfTheEmbed() {
    assertThat(html(EMBED)).singleElement().satisfies(r -> assertThat(r.forms()).containsExactly(Form.BLOCKQUOTE));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<footer class=\"footer\">%s</footer>",
        "<aside class=\"sidebar\">%s</aside>",
        "<nav>%s</nav>",
        "<div class=\"related-posts\">%s</div>",
        "<div id=\"sidebar\">%s</div>",
        "<ul class=\"trendingList\"><li>%s</li></ul>",
        "<div class=\"site-footer\"><p>%s</p></div>"
      })
  void linkInPageFurnitureHasPageScope(String wrapper) {
    String link = "<a href=\"https://twitter.com/jack/status/20\">a tweet</a>";
    assertThat(html(String.format(wrapper, link)))
        .singleElement()
        .satisfies(r -> assertThat(r.scope()).isEqualTo(Scope.PAGE));
  }

  @Test
  void layoutClassesOnWrappersDoNotMakeThePage() {
    String page = "<html><body class=\"has-sidebar\"><div class=\"elementor-widget-container no-sidebar\">"
        + "<a href=\"https://twitter.com/jack/status/20\">a tweet</a></div></body></html>";
    assertThat(extractor.extract(page, "text/html", null))
        .singleElement()
        .satisfies(r -> assertThat(r.scope()).isEqualTo(Scope.ARTICLE));
  }

  @Test
  void citedInBodyAndFooterIsArticle() {
    String link = "<a href=\"https://twitter.com/jack/status/20\">a tweet</a>";
    assertThat(html("<footer>" + link + "</footer><p>" + link + "</p>"))
        .singleElement()
        .satisfies(r -> assertThat(r.scope()).isEqualTo(Scope.ARTICLE));
  }

  @Test
  void remnantInHtmlTextIsFoundButAnIntactEmbedIsNotCountedTwice() {
    List<Reference> refs =
        html(EMBED + "<p>Power outage at London Stansted, great day for it :/ &mdash; Kenneth Barrett (@kennbarr)"
            + " December 22, 2014</p>");
    assertThat(refs).extracting(r -> r.forms().get(0)).containsExactly(Form.BLOCKQUOTE, Form.REMNANT);
    Reference remnant = refs.get(1);
    assertThat(remnant.handle()).isEqualTo("kennbarr");
    assertThat(remnant.postId()).isNull();
    assertThat(remnant.url()).isNull();
    assertThat(remnant.citedText()).isEqualTo("Power outage at London Stansted, great day for it :/");
    assertThat(remnant.citedDate()).isEqualTo("December 22, 2014");
    assertThat(remnant.displayName()).isEqualTo("Kenneth Barrett");
  }

  @Test
  void bareStatusUrlInPlainTextIsALink() {
    assertThat(extractor.extract("See https://x.com/jack/status/20. And twitter.com/jack", "text/plain", null))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.postId()).isEqualTo("20");
          assertThat(r.forms()).containsExactly(Form.LINK);
        });
  }

  @Test
  void shortenedDisplayUrlsInTextAreNoReferences() {
    assertThat(extractor.extract(
            "twitter.com/i/web/status/1… and twitter.com/i/web/status/1 … and x.com/a/status/12...", "text/plain", null))
        .isEmpty();
  }

  @Test
  void plainTextIsAllArticle() {
    assertThat(extractor.extract("<footer> https://twitter.com/jack/status/20", "text/plain", null))
        .singleElement()
        .satisfies(r -> assertThat(r.scope()).isEqualTo(Scope.ARTICLE));
  }

  @Test
  void xhtmlIsParsedAsHtml() {
    assertThat(extractor.extract(
            "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>" + EMBED + "</body></html>",
            "application/xhtml+xml",
            null))
        .extracting(Reference::postId)
        .containsExactly("1654247902070415360");
  }

  @Test
  void nothingComesOfNothing() {
    assertThat(extractor.extract(null, null, null)).isEmpty();
    assertThat(extractor.extract("", "text/html", null)).isEmpty();
    assertThat(extractor.extract("<<<>>>&&&;", null, "not a uri")).isEmpty();
  }
}
