package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.embedwatch.evidence.Platform;
import org.embedwatch.extract.Reference.Form;
import org.junit.jupiter.api.Test;

/** Embeds hidden in attribute values, and the other platforms' embed forms. */
class OtherEmbedsTest {

  private final ReferenceExtractor extractor = new ReferenceExtractor();

  private List<Reference> html(String body) {
    return extractor.extract("<html><body>" + body + "</body></html>", "text/html", null);
  }

  @Test
  void entityEncodedEmbedInAnAttributeIsAnAttributeReferenceWithItsText() {
    String encoded =
        "&lt;blockquote class=&quot;twitter-tweet&quot;&gt;&lt;p lang=&quot;en&quot;&gt;Happy day&lt;/p&gt;"
            + "&#x2014; Reinvent Magazine (@reinventmag) &lt;a href=&quot;https://twitter.com/reinventmag/status/"
            + "636842709739659264&quot;&gt;August 27, 2015&lt;/a&gt;&lt;/blockquote&gt;";
    assertThat(html("<attachment data-content=\"" + encoded + "\">[Embed]</attachment>"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.postId()).isEqualTo("636842709739659264");
          assertThat(r.forms()).containsExactly(Form.ATTRIBUTE);
          assertThat(r.citedText()).isEqualTo("Happy day");
          assertThat(r.displayName()).isEqualTo("Reinvent Magazine");
          assertThat(r.citedDate()).isEqualTo("August 27, 2015");
        });
  }

  @Test
  void percentEncodedEmbedInAnAttributeIsFound() {
    String encoded =
        "%3Cblockquote%20class=%22twitter-tweet%22%3E%3Cp%3EHi%3C/p%3E&#x2014;%20R%20(@reinventmag)%20%3Ca%20"
            + "href=%22https://twitter.com/reinventmag/status/636842709739659264%22%3EAugust%2027,%202015%3C/a%3E"
            + "%3C/blockquote%3E";
    assertThat(html("<attachment data-provider-id=\"" + encoded + "\"></attachment>"))
        .extracting(Reference::postId)
        .containsExactly("636842709739659264");
  }

  @Test
  void instagramBlockquoteIsOneBlockquoteReference() {
    assertThat(html("<blockquote class=\"instagram-media\" data-instgrm-permalink=\"https://www.instagram.com/p/"
            + "Ci22crtrcRL/?utm_source=ig_embed\"><a href=\"https://www.instagram.com/p/Ci22crtrcRL/\">View</a>"
            + "</blockquote>"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.platform()).isEqualTo(Platform.INSTAGRAM);
          assertThat(r.postId()).isEqualTo("Ci22crtrcRL");
          assertThat(r.forms()).containsExactly(Form.BLOCKQUOTE);
        });
  }

  @Test
  void youtubePlayerIframeIsAnIframe() {
    assertThat(html("<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ?rel=0\"></iframe>"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.platform()).isEqualTo(Platform.YOUTUBE);
          assertThat(r.forms()).containsExactly(Form.IFRAME);
          assertThat(r.url()).isEqualTo("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
        });
  }

  @Test
  void mastodonAndBlueskyLinksAreLinks() {
    assertThat(html("<p><a href=\"https://chaos.social/@reticuleena/111045542523669432\">toot</a> and "
            + "<a href=\"https://bsky.app/profile/jay.bsky.team/post/3k2yihcrp6f2c\">skeet</a></p>"))
        .extracting(Reference::platform)
        .containsExactly(Platform.MASTODON, Platform.BLUESKY);
  }
}
