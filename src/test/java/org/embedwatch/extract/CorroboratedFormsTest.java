package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.embedwatch.evidence.Platform;
import org.embedwatch.extract.Reference.Form;
import org.embedwatch.extract.Reference.Scope;
import org.junit.jupiter.api.Test;

/**
 * Forms found in the corpus: post URLs in page-state scripts, static tweet cards, footnote tooltips kept as markup,
 * widget frame ids, and the furniture words that go with them.
 */
class CorroboratedFormsTest {

  private static final String ID = "1336387395994980353";
  private static final String STATUS = "https://twitter.com/atrupar/status/" + ID;

  private final ReferenceExtractor extractor = new ReferenceExtractor();

  private List<Reference> page(String head, String body) {
    return extractor.extract("<html><head>" + head + "</head><body>" + body + "</body></html>", "text/html", null);
  }

  private static String embed(String status) {
    return "<blockquote class=\"twitter-tweet\"><p>Text</p>&mdash; Aaron Rupar (@atrupar) <a href=\"" + status
        + "\">December 8, 2020</a></blockquote>";
  }

  @Test
  void aPostUrlInAPageStateScriptAddsTheScriptFormToAPostCitedInTheBody() {
    String jsonLd = "<script type=\"application/ld+json\">{\"articleBody\":\"[#twitter: " + STATUS.replace("/", "\\/")
        + "]\"}</script>";
    assertThat(page(jsonLd, embed(STATUS)))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.postId()).isEqualTo(ID);
          assertThat(r.forms()).containsExactly(Form.SCRIPT, Form.BLOCKQUOTE);
          assertThat(r.scope()).isEqualTo(Scope.ARTICLE);
        });
  }

  @Test
  void aPostUrlOnlyInAScriptIsNoReference() {
    String state = "<script>window.__STATE__={\"related\":[{\"html\":\"\\u003Ca href=\\\"https:\\u002F\\u002Ftwitter.com"
        + "\\u002Fother\\u002Fstatus\\u002F1654476926080131080\\\"\\u003E\"}]}</script>";
    assertThat(page("", "<p>No embeds here.</p>" + state)).isEmpty();
  }

  @Test
  void aJavaScriptEscapedEmbedInABodyScriptAddsTheScriptFormAfterTheBlockquote() {
    String instagram = "<blockquote class=\"instagram-media\" data-instgrm-permalink=\"https://www.instagram.com/p/Ci22crtrcRL/\">"
        + "<a href=\"https://www.instagram.com/p/Ci22crtrcRL/\">A post shared by Chateau (@chateaulacoste)</a></blockquote>";
    String sapper = "<script>__SAPPER__={html:\"\\u003Cblockquote data-instgrm-permalink=\\\"https:\\u002F\\u002Fwww.instagram"
        + ".com\\u002Fp\\u002FCi22crtrcRL\\u002F?utm_source=ig_embed\\\"\"}</script>";
    assertThat(page("", instagram + sapper))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.platform()).isEqualTo(Platform.INSTAGRAM);
          assertThat(r.forms()).containsExactly(Form.BLOCKQUOTE, Form.SCRIPT);
        });
  }

  @Test
  void aStaticTweetCardIsARemnantWithItsHandleNameTextAndDate() {
    String card = "<div class=\"tweet static\"><a class=\"tweet-link-top\" href=\"https://substack.com/redirect/abc\">"
        + "<div class=\"tweet-header\"><span class=\"tweet-author-name\">Barada Sahu </span>"
        + "<span class=\"tweet-author-handle\">@mercurialsolo</span></div>"
        + "<div class=\"tweet-text\"><span class=\"tweet-fake-link\">@lennysan</span> Fed the prompt</div></a>"
        + "<div class=\"tweet-footer\"><span class=\"tweet-date\">1:34 AM ∙ Mar 31, 2023</span></div></div>";
    assertThat(page("", card))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.postId()).isNull();
          assertThat(r.handle()).isEqualTo("mercurialsolo");
          assertThat(r.displayName()).isEqualTo("Barada Sahu");
          assertThat(r.citedText()).isEqualTo("@lennysan Fed the prompt");
          assertThat(r.citedDate()).isEqualTo("1:34 AM ∙ Mar 31, 2023");
          assertThat(r.forms()).containsExactly(Form.REMNANT);
        });
  }

  @Test
  void aStaticTweetCardWithAStatusUrlInItsCountersCarriesTheIdAndIsOneReference() {
    String card = "<div class=\"tweet static\"><span class=\"tweet-author-handle\">@atrupar</span>"
        + "<div class=\"tweet-text\">Text</div><span class=\"like\" href=\"" + STATUS + "/likes\">12</span>"
        + "<div class=\"quote-tweet\"><span class=\"tweet-author-handle\">@quoted</span></div></div>";
    assertThat(page("", card))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.postId()).isEqualTo(ID);
          assertThat(r.handle()).isEqualTo("atrupar");
          assertThat(r.forms()).containsExactly(Form.REMNANT, Form.ATTRIBUTE);
        });
  }

  @Test
  void aDivClassTweetWithoutAnAuthorHandleIsNoCard() {
    assertThat(page("", "<div class=\"tweet\">Some text (@someone)</div>")).isEmpty();
  }

  @Test
  void aLinkToAPostKeptAsMarkupInATooltipIsAnAttributeReference() {
    String footnote = "<span class=\"footnote\"><a href=\"#f07\" title=\"See &lt;a href=&quot;" + STATUS
        + "&quot;&gt;this&lt;/a&gt;.\">*7</a></span>";
    assertThat(page("", footnote))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.postId()).isEqualTo(ID);
          assertThat(r.forms()).containsExactly(Form.ATTRIBUTE);
        });
  }

  @Test
  void aWidgetFrameIdIsReadOnlyWhenTheSnowflakeTimeAgreesWithTheTrailingUnixTime() {
    assertThat(XEmbeds.frameId("tweetframe5501858650548060183806213001420010041")).contains("550185865054806018");
    assertThat(XEmbeds.frameId("tweetframe55019618797056000013697052191420012234")).contains("550196187970560000");
    // The same digits with a Unix time from a year later: no agreement, no id.
    assertThat(XEmbeds.frameId("tweetframe5501858650548060183806213001451546041")).isEmpty();
    assertThat(XEmbeds.frameId("twitter-widget-0")).isEmpty();
    assertThat(XEmbeds.frameId("tweetframe" + "9".repeat(40))).isEmpty();
  }

  @Test
  void aWidgetFrameWhoseIdCarriesTheStatusIdIsAnIframeReference() {
    assertThat(page("", "<iframe src=\"https://example.org/TwitterEmbed/web27804.html\""
            + " id=\"tweetframe5501858650548060183806213001420010041\"></iframe>"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.postId()).isEqualTo("550185865054806018");
          assertThat(r.forms()).containsExactly(Form.IFRAME);
        });
  }

  @Test
  void secondaryColumnsAndReferrerListsArePageFurniture() {
    assertThat(page("", "<div class=\"minutes-secondary\">" + embed(STATUS) + "</div>"))
        .singleElement().extracting(Reference::scope).isEqualTo(Scope.PAGE);
    assertThat(page("", "<div class=\"refererlist\"><a href=\"" + STATUS + "\">x</a></div>"))
        .singleElement().extracting(Reference::scope).isEqualTo(Scope.PAGE);
  }
}
