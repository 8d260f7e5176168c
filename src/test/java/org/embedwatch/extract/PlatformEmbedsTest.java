package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.embedwatch.evidence.Platform;
import org.embedwatch.extract.Reference.Form;
import org.embedwatch.extract.Reference.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The embed codes, players, AMP tags and links of the platforms other than X, as articles carry them. */
class PlatformEmbedsTest {

  private static final String DID = "did:plc:z72i7hdynmk6r22z27h6tvur";

  private final ReferenceExtractor extractor = new ReferenceExtractor();

  private List<Reference> html(String body) {
    return extractor.extract(
        "<html><body><article>" + body + "</article></body></html>", "text/html", "https://news.example/a");
  }

  private static Reference reference(
      Platform platform, String id, String handle, String url, Form... forms) {
    return new Reference(platform, id, handle, url, List.of(forms), Scope.ARTICLE, null, null, null, null);
  }

  @Test
  void blueskyEmbedGivesRecordKeyHandleTextNameDateAndLang() {
    String embed =
        "<blockquote class=\"bluesky-embed\" data-bluesky-uri=\"at://" + DID + "/app.bsky.feed.post/3kgbz6tiuam2h\""
            + " data-bluesky-cid=\"bafyreia\"><p lang=\"en\">Bluesky is now open to everyone!</p>&mdash; Bluesky (<a"
            + " href=\"https://bsky.app/profile/" + DID + "?ref_src=embed\">@bsky.app</a>) <a href=\"https://bsky.app/"
            + "profile/" + DID + "/post/3kgbz6tiuam2h?ref_src=embed\">February 6, 2024 at 5:00 PM</a></blockquote>"
            + "<script async src=\"https://embed.bsky.app/static/embed.js\" charset=\"utf-8\"></script>";
    assertThat(html(embed))
        .containsExactly(
            new Reference(
                Platform.BLUESKY,
                "3kgbz6tiuam2h",
                "bsky.app",
                "https://bsky.app/profile/" + DID + "/post/3kgbz6tiuam2h",
                List.of(Form.BLOCKQUOTE),
                Scope.ARTICLE,
                "Bluesky is now open to everyone!",
                "February 6, 2024 at 5:00 PM",
                "Bluesky",
                "en"));
  }

  @Test
  void blueskyUriAttributeAnywhereIsAnAttributeWithTheDidAsHandle() {
    assertThat(html("<div class=\"embed\" data-bluesky-uri=\"at://" + DID + "/app.bsky.feed.post/3kgbz6tiuam2h\"></div>"))
        .containsExactly(
            reference(Platform.BLUESKY, "3kgbz6tiuam2h", DID,
                "https://bsky.app/profile/" + DID + "/post/3kgbz6tiuam2h", Form.ATTRIBUTE));
  }

  @Test
  void blueskyLinkAndEmbedOfTheSamePostAreOneReference() {
    String embed =
        "<blockquote class=\"bluesky-embed\" data-bluesky-uri=\"at://" + DID + "/app.bsky.feed.post/3kgbz6tiuam2h\">"
            + "<p>Hi</p></blockquote>";
    assertThat(html("<p><a href=\"https://bsky.app/profile/bsky.app/post/3kgbz6tiuam2h\">post</a></p>" + embed))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.forms()).containsExactly(Form.LINK, Form.BLOCKQUOTE);
          assertThat(r.handle()).isEqualTo("bsky.app");
        });
  }

  @Test
  void mastodonIframeEmbedIsAnIframeWithAQualifiedHandle() {
    assertThat(html("<iframe src=\"https://mastodon.social/@Gargron/109318821117356215/embed\" class=\"mastodon-embed\""
            + " width=\"400\"></iframe><script src=\"https://mastodon.social/embed.js\" async=\"async\"></script>"))
        .containsExactly(
            reference(Platform.MASTODON, "109318821117356215", "gargron@mastodon.social",
                "https://mastodon.social/@gargron/109318821117356215", Form.IFRAME));
  }

  @Test
  void mastodonBlockquoteEmbedIsABlockquote() {
    assertThat(html("<blockquote class=\"mastodon-embed\" data-embed-url=\"https://mastodon.social/@Gargron/"
            + "109318821117356215/embed\"><a href=\"https://mastodon.social/@Gargron/109318821117356215\">Post by"
            + " @Gargron@mastodon.social</a></blockquote>"))
        .containsExactly(
            reference(Platform.MASTODON, "109318821117356215", "gargron@mastodon.social",
                "https://mastodon.social/@gargron/109318821117356215", Form.BLOCKQUOTE));
  }

  @Test
  void mastodonUserNamesAreCaseInsensitiveSoOnePostIsOneReference() {
    assertThat(html("<p><a href=\"https://mastodon.social/@Gargron/109318821117356215\">one</a>"
            + " <a href=\"https://mastodon.social/@gargron/109318821117356215\">two</a></p>"))
        .singleElement()
        .satisfies(r -> assertThat(r.handle()).isEqualTo("gargron@mastodon.social"));
  }

  @Test
  void shortIdsAreMastodonPostsOnlyOnServersWeKnow() {
    assertThat(html("<p><a href=\"https://news.example.com/@staff/20240101\">a date</a>"
            + " <a href=\"https://www.vice.com/@author/1234567\">an author page</a></p>")).isEmpty();
    assertThat(html("<p><a href=\"https://mastodon.social/@Gargron/1234567\">an early post</a></p>"))
        .singleElement()
        .satisfies(r -> assertThat(r.postId()).isEqualTo("1234567"));
  }

  @Test
  void mastodonPostsWithTheSameIdOnTwoServersStayApart() {
    assertThat(html("<p><a href=\"https://mastodon.social/@a/109318821117356215\">one</a>"
            + "<a href=\"https://chaos.social/@b/109318821117356215\">two</a>"
            + "<a href=\"https://chaos.social/users/b/statuses/109318821117356215\">two again</a></p>"))
        .extracting(Reference::handle, Reference::forms)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a@mastodon.social", List.of(Form.LINK)),
            org.assertj.core.groups.Tuple.tuple("b@chaos.social", List.of(Form.LINK)));
  }

  @Test
  void instagramBlockquoteAndItsInnerLinksAreOneReferenceWithTheAuthor() {
    String link = "https://www.instagram.com/p/Ci22crtrcRL/?utm_source=ig_embed&amp;utm_campaign=loading";
    String embed =
        "<blockquote class=\"instagram-media\" data-instgrm-captioned data-instgrm-permalink=\"" + link + "\""
            + " data-instgrm-version=\"14\"><div><a href=\"" + link + "\">View this post on Instagram</a>"
            + "<p><a href=\"" + link + "\">A post shared by NASA (@nasa)</a></p></div></blockquote>"
            + "<script async src=\"//www.instagram.com/embed.js\"></script>";
    assertThat(html(embed + "<p>As <a href=\"https://instagram.com/p/Ci22crtrcRL\">NASA posted</a>.</p>"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.platform()).isEqualTo(Platform.INSTAGRAM);
          assertThat(r.postId()).isEqualTo("Ci22crtrcRL");
          assertThat(r.handle()).isEqualTo("nasa");
          assertThat(r.displayName()).isEqualTo("NASA");
          assertThat(r.url()).isEqualTo("https://www.instagram.com/p/Ci22crtrcRL/");
          assertThat(r.forms()).containsExactly(Form.BLOCKQUOTE, Form.LINK);
          assertThat(r.scope()).isEqualTo(Scope.ARTICLE);
        });
  }

  @Test
  void instagramBlockquoteWithoutPermalinkIsFoundByItsInnerLink() {
    assertThat(html("<blockquote class=\"instagram-media\"><a href=\"https://www.instagram.com/reel/C1a2b3c4d5e/\">"
            + "View</a></blockquote>"))
        .containsExactly(
            reference(Platform.INSTAGRAM, "C1a2b3c4d5e", null, "https://www.instagram.com/p/C1a2b3c4d5e/",
                Form.BLOCKQUOTE));
  }

  @Test
  void ampInstagramIsAmp() {
    assertThat(html("<amp-instagram data-shortcode=\"Ci22crtrcRL\" width=\"1\" height=\"1\"></amp-instagram>"))
        .containsExactly(
            reference(Platform.INSTAGRAM, "Ci22crtrcRL", null, "https://www.instagram.com/p/Ci22crtrcRL/", Form.AMP));
  }

  @Test
  void tiktokBlockquoteIsNamedByItsCite() {
    assertThat(html("<blockquote class=\"tiktok-embed\" cite=\"https://www.tiktok.com/@scout2015/video/"
            + "6718335390845095173\" data-video-id=\"6718335390845095173\"><section><a target=\"_blank\" title="
            + "\"@scout2015\" href=\"https://www.tiktok.com/@scout2015?refer=embed\">@scout2015</a> Scramble up ur"
            + " name <a href=\"https://www.tiktok.com/tag/foryoupage?refer=embed\">#foryoupage</a></section>"
            + "</blockquote><script async src=\"https://www.tiktok.com/embed.js\"></script>"))
        .containsExactly(
            reference(Platform.TIKTOK, "6718335390845095173", "scout2015",
                "https://www.tiktok.com/@scout2015/video/6718335390845095173", Form.BLOCKQUOTE));
  }

  @Test
  void tiktokBlockquoteWithOnlyAVideoIdTakesTheAuthorFromItsProfileLink() {
    assertThat(html("<blockquote class=\"tiktok-embed\" data-video-id=\"6718335390845095173\"><section><a href="
            + "\"https://www.tiktok.com/@scout2015?refer=embed\">@scout2015</a></section></blockquote>"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.postId()).isEqualTo("6718335390845095173");
          assertThat(r.handle()).isEqualTo("scout2015");
          assertThat(r.forms()).containsExactly(Form.BLOCKQUOTE);
        });
  }

  @Test
  void tiktokPlayerIframeAndLinkMergeAndKeepTheUrlThatNamesTheAuthor() {
    assertThat(html("<iframe src=\"https://www.tiktok.com/embed/v2/6718335390845095173\"></iframe>"
            + "<p><a href=\"https://www.tiktok.com/@scout2015/video/6718335390845095173\">video</a></p>"))
        .containsExactly(
            reference(Platform.TIKTOK, "6718335390845095173", "scout2015",
                "https://www.tiktok.com/@scout2015/video/6718335390845095173", Form.IFRAME, Form.LINK));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ?rel=0\"></iframe>",
        "<iframe data-src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\"></iframe>",
        "<iframe src=\"//www.youtube.com/embed/dQw4w9WgXcQ\"></iframe>"
      })
  void youtubePlayersAreIframes(String player) {
    assertThat(html(player))
        .containsExactly(
            reference(Platform.YOUTUBE, "dQw4w9WgXcQ", null, "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                Form.IFRAME));
  }

  @Test
  void youtubeLinkAndAmpPlayerOfTheSameVideoAreOneReference() {
    assertThat(html("<amp-youtube data-videoid=\"dQw4w9WgXcQ\" layout=\"responsive\"></amp-youtube>"
            + "<p><a href=\"https://youtu.be/dQw4w9WgXcQ?t=5\">watch</a></p>"))
        .containsExactly(
            reference(Platform.YOUTUBE, "dQw4w9WgXcQ", null, "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                Form.AMP, Form.LINK));
  }

  @Test
  void facebookPostPluginIframeIsAnIframe() {
    assertThat(html("<iframe src=\"https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2F"
            + "nytimes%2Fposts%2Fpfbid02Ab3Cd4Ef5Gh6Ij7Kl8Mn9Op&amp;show_text=true&amp;width=500\"></iframe>"))
        .containsExactly(
            reference(Platform.FACEBOOK, "pfbid02Ab3Cd4Ef5Gh6Ij7Kl8Mn9Op", "nytimes",
                "https://www.facebook.com/nytimes/posts/pfbid02Ab3Cd4Ef5Gh6Ij7Kl8Mn9Op", Form.IFRAME));
  }

  @Test
  void facebookVideoPluginIframeIsAnIframe() {
    assertThat(html("<iframe src=\"https://www.facebook.com/plugins/video.php?height=314&amp;href=https%3A%2F%2F"
            + "www.facebook.com%2Fnytimes%2Fvideos%2F1234567890123456%2F&amp;show_text=false\"></iframe>"))
        .containsExactly(
            reference(Platform.FACEBOOK, "1234567890123456", "nytimes",
                "https://www.facebook.com/nytimes/videos/1234567890123456", Form.IFRAME));
  }

  @Test
  void facebookSdkPostDivAndItsFallbackBlockquoteAreOneReference() {
    String post = "https://www.facebook.com/nytimes/posts/10151234567890123";
    assertThat(html("<div class=\"fb-post\" data-href=\"" + post + "\" data-width=\"500\"><blockquote cite=\"" + post
            + "\" class=\"fb-xfbml-parse-ignore\"><p>Text of the post</p>Posted by <a href=\"https://www.facebook.com/"
            + "nytimes\">The New York Times</a> on <a href=\"" + post + "\">Monday, May 1, 2023</a></blockquote></div>"))
        .containsExactly(reference(Platform.FACEBOOK, "10151234567890123", "nytimes", post, Form.ATTRIBUTE, Form.BLOCKQUOTE));
  }

  @Test
  void aProfileLinkQuotedInAFacebookPostIsNotItsAuthor() {
    String post = "https://www.facebook.com/photo/?fbid=10159876543210987";
    assertThat(html("<blockquote cite=\"" + post + "\" class=\"fb-xfbml-parse-ignore\"><p>Follow <a href="
            + "\"https://www.tiktok.com/@someone\">@someone</a> and <a href=\"https://www.reddit.com/user/other/\">u/other"
            + "</a></p></blockquote>"))
        .containsExactly(reference(Platform.FACEBOOK, "10159876543210987", null, post, Form.BLOCKQUOTE));
  }

  @Test
  void facebookSdkVideoDivIsAnAttribute() {
    assertThat(html("<div class=\"fb-video\" data-href=\"https://www.facebook.com/watch/?v=1234567890123456\"></div>"))
        .containsExactly(
            reference(Platform.FACEBOOK, "1234567890123456", null,
                "https://www.facebook.com/watch/?v=1234567890123456", Form.ATTRIBUTE));
  }

  @Test
  void ampFacebookIsAmp() {
    assertThat(html("<amp-facebook data-href=\"https://www.facebook.com/nytimes/posts/10151234567890123\">"
            + "</amp-facebook>"))
        .extracting(Reference::platform, Reference::forms)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Platform.FACEBOOK, List.of(Form.AMP)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<a href=\"https://www.facebook.com/nytimes\">Follow us</a>",
        "<a href=\"https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fnews.example%2Fa\">Share</a>",
        "<a href=\"https://www.facebook.com/dialog/share?app_id=1&amp;href=https%3A%2F%2Fnews.example%2Fa\">Share</a>",
        "<iframe src=\"https://www.facebook.com/plugins/like.php?href=https%3A%2F%2Fwww.facebook.com%2Fnytimes\">"
            + "</iframe>",
        "<iframe src=\"https://www.facebook.com/plugins/page.php?href=https%3A%2F%2Fwww.facebook.com%2Fnytimes&amp;"
            + "tabs=timeline\"></iframe>",
        "<div class=\"fb-page\" data-href=\"https://www.facebook.com/nytimes\"></div>",
        "<div class=\"fb-like\" data-href=\"https://news.example/a\" data-layout=\"button\"></div>"
      })
  void facebookPagesShareButtonsAndLikeAndPagePluginsAreNoReferences(String markup) {
    assertThat(html("<p>" + markup + "</p>")).isEmpty();
  }

  @Test
  void threadsBlockquoteIsNamedByItsPermalink() {
    String permalink = "https://www.threads.net/@zuck/post/C8l4bZ2Sf4B";
    assertThat(html("<blockquote class=\"text-post-media\" data-text-post-permalink=\"" + permalink + "\""
            + " data-text-post-version=\"0\" id=\"ig-tp-C8l4bZ2Sf4B\"><a href=\"" + permalink + "\"><div>Post by"
            + " @zuck</div><div>View on Threads</div></a></blockquote>"
            + "<script async src=\"https://www.threads.net/embed.js\"></script>"))
        .containsExactly(
            reference(Platform.THREADS, "C8l4bZ2Sf4B", "zuck", "https://www.threads.com/@zuck/post/C8l4bZ2Sf4B",
                Form.BLOCKQUOTE));
  }

  @Test
  void threadsLinkOnThreadsDotComIsALink() {
    assertThat(html("<p><a href=\"https://www.threads.com/@zuck/post/C8l4bZ2Sf4B?xmt=AQ\">said</a></p>"))
        .containsExactly(
            reference(Platform.THREADS, "C8l4bZ2Sf4B", "zuck", "https://www.threads.com/@zuck/post/C8l4bZ2Sf4B",
                Form.LINK));
  }

  @Test
  void telegramWidgetScriptAndLinkOfTheSamePostAreOneReference() {
    assertThat(html("<script async src=\"https://telegram.org/js/telegram-widget.js?22\" data-telegram-post="
            + "\"Durov/43\" data-width=\"100%\"></script><p>See <a href=\"https://t.me/s/durov/43\">the post</a>.</p>"))
        .containsExactly(reference(Platform.TELEGRAM, "durov/43", "Durov", "https://t.me/Durov/43", Form.SCRIPT, Form.LINK));
  }

  @Test
  void renderedTelegramWidgetIframeIsAnIframe() {
    assertThat(html("<iframe id=\"telegram-post-durov-43\" src=\"https://t.me/durov/43?embed=1&amp;userpic=true\">"
            + "</iframe>"))
        .containsExactly(reference(Platform.TELEGRAM, "durov/43", "durov", "https://t.me/durov/43", Form.IFRAME));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://t.me/durov", "https://t.me/joinchat/AAAAAEkk2WdoDrB4", "https://t.me/+AbCdEfGhIjK1",
        "https://t.me/share/url?url=https%3A%2F%2Fnews.example%2Fa"
      })
  void telegramChannelInviteAndShareLinksAreNoReferences(String href) {
    assertThat(html("<p><a href=\"" + href + "\">Telegram</a></p>")).isEmpty();
  }

  @Test
  void redditEmbedIsThePostWithItsAuthor() {
    assertThat(html("<blockquote class=\"reddit-embed-bq\" style=\"height:500px\" data-embed-height=\"740\"><a href="
            + "\"https://www.reddit.com/r/science/comments/abc123/a_title_slug/\">A title</a><br> by <a href="
            + "\"https://www.reddit.com/user/spez/\">u/spez</a> in <a href=\"https://www.reddit.com/r/science/\">"
            + "science</a></blockquote><script async src=\"https://embed.reddit.com/widgets.js\"></script>"))
        .containsExactly(
            reference(Platform.REDDIT, "t3_abc123", "spez", "https://www.reddit.com/r/science/comments/abc123/",
                Form.BLOCKQUOTE));
  }

  @Test
  void redditCommentEmbedIsTheComment() {
    assertThat(html("<blockquote class=\"reddit-embed-bq\"><a href=\"https://www.reddit.com/r/science/comments/abc123/"
            + "comment/def456/\">Comment</a><br> by <a href=\"https://www.reddit.com/user/spez/\">u/spez</a> from"
            + " discussion <a href=\"https://www.reddit.com/r/science/comments/abc123/a_title_slug/\">A title</a>"
            + "</blockquote>"))
        .containsExactly(
            reference(Platform.REDDIT, "t1_def456", "spez",
                "https://www.reddit.com/r/science/comments/abc123/comment/def456/", Form.BLOCKQUOTE));
  }

  @Test
  void oldRedditCardAndShortLinkOfTheSamePostAreOneReference() {
    assertThat(html("<blockquote class=\"reddit-card\" data-card-created=\"1500000000\"><a href=\"https://www.reddit"
            + ".com/r/science/comments/abc123/a_title_slug/?ref=share&amp;ref_source=embed\">A title</a> from <a"
            + " href=\"http://www.reddit.com/r/science\">r/science</a></blockquote>"
            + "<p><a href=\"https://redd.it/abc123\">thread</a></p>"))
        .containsExactly(
            reference(Platform.REDDIT, "t3_abc123", null, "https://www.reddit.com/r/science/comments/abc123/",
                Form.BLOCKQUOTE, Form.LINK));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://www.reddit.com/r/science/", "https://old.reddit.com/user/spez", "https://www.reddit.com/r/science/top/"
      })
  void subredditAndUserPagesAreNoReferences(String href) {
    assertThat(html("<p><a href=\"" + href + "\">Reddit</a></p>")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://bsky.app/profile/jay.bsky.team", "https://www.instagram.com/nasa/",
        "https://www.tiktok.com/@scout2015", "https://www.youtube.com/@nasa", "https://www.threads.net/@zuck",
        "https://mastodon.social/@Gargron", "https://medium.com/@writer/123456789"
      })
  void profileLinksOfEveryPlatformAreNoReferences(String href) {
    assertThat(html("<p><a href=\"" + href + "\">profile</a></p>")).isEmpty();
  }

  @Test
  void anEmbedInPageFurnitureHasPageScope() {
    assertThat(html("<aside class=\"related\"><blockquote class=\"instagram-media\" data-instgrm-permalink="
            + "\"https://www.instagram.com/p/Ci22crtrcRL/\"></blockquote></aside>"))
        .singleElement()
        .satisfies(r -> assertThat(r.scope()).isEqualTo(Scope.PAGE));
  }
}
