package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.embedwatch.evidence.Platform;
import org.embedwatch.extract.Reference.Form;
import org.embedwatch.extract.Reference.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The X embed forms beyond the plain blockquote: attributes, noscript, scripts, encoded markup. */
class XEmbedFormsTest {

  private static final String ID = "1654247902070415360";
  private static final String STATUS = "https://twitter.com/MattNavarra/status/" + ID;

  private final ReferenceExtractor extractor = new ReferenceExtractor();

  private List<Reference> html(String body) {
    return extractor.extract("<html><body><article>" + body + "</article></body></html>", "text/html", null);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<div class=\"embed-twitter\" data-embed-id=\"" + ID + "\"></div>",
        "<div data-provider=\"twitter\" data-embed-id=\"" + ID + "\"></div>",
        "<blockquote class=\"twitter-tweet\" data-id=\"" + ID + "\"></blockquote>",
        "<div class=\"tweet-card\" data-status-id=\"" + ID + "\"></div>"
      })
  void genericIdAttributesCountOnElementsThatSayTheyHoldATweet(String markup) {
    assertThat(html(markup))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.platform()).isEqualTo(Platform.X);
          assertThat(r.postId()).isEqualTo(ID);
          assertThat(r.url()).isEqualTo("https://twitter.com/i/web/status/" + ID);
        });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<div class=\"video-embed\" data-embed-id=\"" + ID + "\"></div>",
        "<div class=\"twitter-share\" data-id=\"" + ID + "\"></div>",
        "<div class=\"embed-twitter\" data-embed-id=\"42\"></div>",
        "<li data-item-id=\"" + ID + "\"></li>"
      })
  void genericIdAttributesElsewhereAreNoReferences(String markup) {
    assertThat(html(markup)).isEmpty();
  }

  @Test
  void renderedWidgetIframeIsOneIframeReference() {
    assertThat(html("<div class=\"twitter-tweet twitter-tweet-rendered\"><iframe id=\"twitter-widget-0\" class=\"\""
            + " title=\"X Post\" src=\"https://platform.twitter.com/embed/Tweet.html?dnt=true&amp;frame=false&amp;id="
            + ID + "&amp;lang=en\" data-tweet-id=\"" + ID + "\"></iframe></div>"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.postId()).isEqualTo(ID);
          assertThat(r.forms()).containsExactly(Form.IFRAME);
        });
  }

  @Test
  void linkInsideNoscriptInTheBodyIsALink() {
    assertThat(html("<div class=\"lazy-embed\"><noscript><a href=\"" + STATUS + "\">the tweet</a></noscript></div>"))
        .extracting(Reference::postId, Reference::forms)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ID, List.of(Form.LINK)));
  }

  @Test
  void noscriptContentThatTheParserKeepsAsTextIsReadAsMarkup() {
    // In <head>, jsoup keeps <noscript> content as one text node.
    String page = "<html><head><noscript><blockquote class=\"twitter-tweet\"><p>Hi</p>&mdash; Matt Navarra"
        + " (@MattNavarra) <a href=\"" + STATUS + "\">May 4, 2023</a></blockquote></noscript></head>"
        + "<body><p>Article</p></body></html>";
    assertThat(extractor.extract(page, "text/html", null))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.postId()).isEqualTo(ID);
          assertThat(r.handle()).isEqualTo("MattNavarra");
          assertThat(r.forms()).containsExactly(Form.BLOCKQUOTE);
        });
  }

  @Test
  void oEmbedObjectInAScriptIsAScriptReferenceWithTheQuotedText() {
    String script = "<script>window.embeds = [{\"url\":\"" + STATUS + "\",\"author_name\":\"Matt Navarra\","
        + "\"html\":\"<blockquote class=\\\"twitter-tweet\\\"><p lang=\\\"en\\\" dir=\\\"ltr\\\">How did this ad get"
        + " approved?<\\/p>&mdash; Matt Navarra (@MattNavarra) <a href=\\\"" + STATUS + "?ref_src=twsrc%5Etfw\\\">May"
        + " 4, 2023<\\/a><\\/blockquote>\\n\",\"provider_name\":\"Twitter\",\"version\":\"1.0\"}];</script>";
    assertThat(html("<p>Text</p>" + script))
        .containsExactly(
            new Reference(
                Platform.X, ID, "MattNavarra", STATUS, List.of(Form.SCRIPT), Scope.ARTICLE,
                "How did this ad get approved?", "May 4, 2023", "Matt Navarra", "en"));
  }

  @Test
  void jsonEscapedUrlInAnOEmbedObjectIsFound() {
    String script = "<script type=\"application/json\">{\"url\":\"https:\\/\\/twitter.com\\/MattNavarra\\/status\\/"
        + ID + "\",\"html\":\"\\u003cblockquote class=\\\"twitter-tweet\\\"\\u003e\\u003c/blockquote\\u003e\"}"
        + "</script>";
    assertThat(html(script))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.postId()).isEqualTo(ID);
          assertThat(r.handle()).isEqualTo("MattNavarra");
          assertThat(r.forms()).containsExactly(Form.SCRIPT);
        });
  }

  @Test
  void embedsInsideOtherArticlesKeptInAScriptAreNoReferences() {
    // TechCrunch's app script carries the HTML of related articles, with their own embeds.
    // Only the embeds of posts that an oEmbed "url" names count.
    String script = "<script>var app = {\"related\":[{\"url\":\"https://news.example/other\",\"html\":\""
        + "<blockquote class=\\\"twitter-tweet\\\"><a href=\\\"https:\\/\\/twitter.com\\/Android\\/status\\/"
        + "1656367346284392466\\\">May 10, 2023<\\/a><\\/blockquote>\"}]};</script>";
    assertThat(html("<p>Text</p>" + script)).isEmpty();
  }

  @Test
  void embedMarkupWhoseEntitiesWereEscapedTwiceIsAnAttribute() {
    String twice = "&amp;lt;blockquote class=&amp;quot;twitter-tweet&amp;quot;&amp;gt;&amp;lt;a href=&amp;quot;"
        + STATUS + "&amp;quot;&amp;gt;May 4, 2023&amp;lt;/a&amp;gt;&amp;lt;/blockquote&amp;gt;";
    assertThat(html("<div data-embed=\"" + twice + "\"></div>"))
        .extracting(Reference::postId, Reference::forms)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ID, List.of(Form.ATTRIBUTE)));
  }

  @Test
  void percentEncodedStatusLinkIsALink() {
    assertThat(html("<a href=\"https%3A%2F%2Ftwitter.com%2FMattNavarra%2Fstatus%2F" + ID + "\">tweet</a>"))
        .extracting(Reference::postId, Reference::handle)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ID, "MattNavarra"));
  }

  @Test
  void statusUrlInADataUrlOfANonLinkIsAnAttribute() {
    assertThat(html("<span class=\"embed\" data-url=\"" + STATUS + "\"></span>"))
        .extracting(Reference::postId, Reference::forms)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ID, List.of(Form.ATTRIBUTE)));
  }

  @Test
  void embedLinkAndPhotoLinkOfOnePostAreOneReferenceWithAllForms() {
    String embed = "<blockquote class=\"twitter-tweet\"><p>Hi <a href=\"https://t.co/abc\">pic.twitter.com/abc</a></p>"
        + "&mdash; Matt Navarra (@MattNavarra) <a href=\"" + STATUS + "\">May 4, 2023</a></blockquote>";
    assertThat(html(embed + "<p><a href=\"https://x.com/MattNavarra/status/" + ID + "/photo/1\">photo</a>"
            + "<iframe src=\"https://platform.twitter.com/embed/Tweet.html?id=" + ID + "\"></iframe></p>"))
        .singleElement()
        .satisfies(r -> assertThat(r.forms()).containsExactly(Form.BLOCKQUOTE, Form.LINK, Form.IFRAME));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://twitter.com/intent/retweet?tweet_id=" + ID,
        "https://twitter.com/intent/like?tweet_id=" + ID,
        "https://x.com/intent/post?text=Read&url=https%3A%2F%2Fnews.example%2Fa",
        "https://twitter.com/share?text=x&url=https%3A%2F%2Fnews.example%2Fa",
        "https://twitter.com/i/flow/login",
        "https://x.com/explore",
        "https://twitter.com/hashtag/GoogleIO?src=hash&ref_src=twsrc%5Etfw",
        "https://twitter.com/search?q=from%3AMattNavarra"
      })
  void intentShareHashtagAndSearchLinksAreNoReferences(String href) {
    assertThat(html("<p><a href=\"" + href + "\">" + href + "</a></p>")).isEmpty();
  }

  @Test
  void theOutletsOwnFollowButtonAndProfileLinksAreNoReferences() {
    assertThat(html("<a class=\"twitter-follow-button\" href=\"https://twitter.com/TechCrunch?ref_src=twsrc%5Etfw\">"
            + "Follow @TechCrunch</a><a href=\"https://x.com/TechCrunch\">X</a>"
            + "<a href=\"https://twitter.com/intent/follow?screen_name=TechCrunch\">follow</a>"))
        .isEmpty();
  }

  @Test
  void shortLinkWithoutContextIsNoReference() {
    assertThat(html("<p><a href=\"https://t.co/dJQLynq7rY\">https://t.co/dJQLynq7rY</a> pic.twitter.com/dJQLynq7rY</p>"))
        .isEmpty();
  }

  @Test
  void timelineOfTheOutletInAFooterIsPage() {
    assertThat(extractor.extract("<html><body><article><p>Story</p></article><footer><div class=\"latest-tweets\">"
            + "<a href=\"https://twitter.com/TechCrunch/status/1656367346284392466\">an hour ago</a></div></footer>"
            + "</body></html>", "text/html", null))
        .singleElement()
        .satisfies(r -> assertThat(r.scope()).isEqualTo(Scope.PAGE));
  }

  @Test
  void aPlainQuoteEndingInALinkToAPostKeepsTheQuoteAndNoDate() {
    assertThat(html("<blockquote><p>An ordinary quote from a speech.</p><p>See <a href=\""
            + "https://twitter.com/foo/status/1790000000000000011\">his tweet</a></p></blockquote>"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.postId()).isEqualTo("1790000000000000011");
          assertThat(r.citedText()).isEqualTo("An ordinary quote from a speech.");
          assertThat(r.citedDate()).isNull();
        });
  }
}
