package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.embedwatch.evidence.Platform;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OtherPlatformUrlsTest {

  private final OtherPlatformUrls urls = new OtherPlatformUrls();

  @ParameterizedTest
  @CsvSource({
    "https://bsky.app/profile/jay.bsky.team/post/3k2yihcrp6f2c, BLUESKY, jay.bsky.team, 3k2yihcrp6f2c",
    "https://chaos.social/@reticuleena/111045542523669432, MASTODON, reticuleena@chaos.social, 111045542523669432",
    "https://www.instagram.com/p/Ci22crtrcRL/?utm_source=ig_embed, INSTAGRAM, , Ci22crtrcRL",
    "https://www.instagram.com/reel/Ci22crtrcRL/, INSTAGRAM, , Ci22crtrcRL",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42, YOUTUBE, , dQw4w9WgXcQ",
    "https://youtu.be/dQw4w9WgXcQ, YOUTUBE, , dQw4w9WgXcQ",
    "https://www.youtube.com/embed/dQw4w9WgXcQ?rel=0, YOUTUBE, , dQw4w9WgXcQ",
    "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ, YOUTUBE, , dQw4w9WgXcQ",
    "https://youtube.com/shorts/dQw4w9WgXcQ, YOUTUBE, , dQw4w9WgXcQ",
    "https://www.tiktok.com/@scout2015/video/6718335390845095173, TIKTOK, scout2015, 6718335390845095173"
  })
  void parsesPostUrls(String url, Platform platform, String handle, String id) {
    OtherPlatformUrls.Post post = urls.parse(url).orElseThrow();
    assertThat(post.platform()).isEqualTo(platform);
    assertThat(post.handle()).isEqualTo(handle);
    assertThat(post.id()).isEqualTo(id);
  }

  /** Every form of every platform: the id, the handle ({@code -} for none) and the canonical URL. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // Bluesky: handle or DID as given
        "https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3kgbz6tiuam2h|BLUESKY|did:plc:z72i7hdynmk6r22z27h6tvur|3kgbz6tiuam2h|https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3kgbz6tiuam2h",
        "https://bsky.app/profile/jay.bsky.team/post/3k2yihcrp6f2c/quotes|BLUESKY|jay.bsky.team|3k2yihcrp6f2c|https://bsky.app/profile/jay.bsky.team/post/3k2yihcrp6f2c",
        "https://embed.bsky.app/embed/did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3kgbz6tiuam2h|BLUESKY|did:plc:z72i7hdynmk6r22z27h6tvur|3kgbz6tiuam2h|https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3kgbz6tiuam2h",
        // Mastodon: user@host, the URL's host unless the account is remote
        "https://mastodon.social/@Gargron/109318821117356215/embed|MASTODON|gargron@mastodon.social|109318821117356215|https://mastodon.social/@gargron/109318821117356215",
        "https://mastodon.social/users/Gargron/statuses/109318821117356215|MASTODON|gargron@mastodon.social|109318821117356215|https://mastodon.social/@gargron/109318821117356215",
        "https://mastodon.social/@reticuleena@chaos.social/111045542912345678|MASTODON|reticuleena@chaos.social|111045542912345678|https://mastodon.social/@reticuleena@chaos.social/111045542912345678",
        "https://social.example.museum/@curator/112233445566778899|MASTODON|curator@social.example.museum|112233445566778899|https://social.example.museum/@curator/112233445566778899",
        // Instagram
        "https://instagram.com/p/Ci22crtrcRL|INSTAGRAM|-|Ci22crtrcRL|https://www.instagram.com/p/Ci22crtrcRL/",
        "https://www.instagram.com/natgeo/p/Ci22crtrcRL/|INSTAGRAM|natgeo|Ci22crtrcRL|https://www.instagram.com/p/Ci22crtrcRL/",
        "https://www.instagram.com/tv/B8bQ2xJgB3b/|INSTAGRAM|-|B8bQ2xJgB3b|https://www.instagram.com/p/B8bQ2xJgB3b/",
        "https://www.instagram.com/p/Ci22crtrcRL/embed/captioned|INSTAGRAM|-|Ci22crtrcRL|https://www.instagram.com/p/Ci22crtrcRL/",
        // TikTok
        "https://www.tiktok.com/embed/v2/6718335390845095173|TIKTOK|-|6718335390845095173|https://www.tiktok.com/embed/v2/6718335390845095173",
        "https://m.tiktok.com/@scout2015/video/6718335390845095173?lang=en|TIKTOK|scout2015|6718335390845095173|https://www.tiktok.com/@scout2015/video/6718335390845095173",
        // YouTube
        "https://www.youtube.com/live/jfKfPfyJRdk?si=x|YOUTUBE|-|jfKfPfyJRdk|https://www.youtube.com/watch?v=jfKfPfyJRdk",
        "https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ|YOUTUBE|-|dQw4w9WgXcQ|https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        // Facebook
        "https://www.facebook.com/nytimes/posts/10151234567890123|FACEBOOK|nytimes|10151234567890123|https://www.facebook.com/nytimes/posts/10151234567890123",
        "https://www.facebook.com/nytimes/posts/pfbid02Ab3Cd4Ef5Gh6Ij7Kl8Mn9Op|FACEBOOK|nytimes|pfbid02Ab3Cd4Ef5Gh6Ij7Kl8Mn9Op|https://www.facebook.com/nytimes/posts/pfbid02Ab3Cd4Ef5Gh6Ij7Kl8Mn9Op",
        "https://m.facebook.com/nytimes/videos/1234567890123456/|FACEBOOK|nytimes|1234567890123456|https://www.facebook.com/nytimes/videos/1234567890123456",
        "https://www.facebook.com/nytimes/videos/a-title-slug/1234567890123456/|FACEBOOK|nytimes|1234567890123456|https://www.facebook.com/nytimes/videos/1234567890123456",
        "https://www.facebook.com/watch/?v=1234567890123456|FACEBOOK|-|1234567890123456|https://www.facebook.com/watch/?v=1234567890123456",
        "https://www.facebook.com/permalink.php?story_fbid=pfbid0abcdefghijk12345&id=100064567890123|FACEBOOK|100064567890123|pfbid0abcdefghijk12345|https://www.facebook.com/permalink.php?story_fbid=pfbid0abcdefghijk12345&id=100064567890123",
        "https://www.facebook.com/story.php?story_fbid=10158&id=4|FACEBOOK|4|10158|https://www.facebook.com/permalink.php?story_fbid=10158&id=4",
        "https://www.facebook.com/photo.php?fbid=10159876543210987&set=a.1&type=3|FACEBOOK|-|10159876543210987|https://www.facebook.com/photo/?fbid=10159876543210987",
        "https://www.facebook.com/photo/?fbid=10159876543210987&set=a.1|FACEBOOK|-|10159876543210987|https://www.facebook.com/photo/?fbid=10159876543210987",
        "https://www.facebook.com/nasa/photos/a.67890/10159876543210987/|FACEBOOK|nasa|10159876543210987|https://www.facebook.com/photo/?fbid=10159876543210987",
        "https://www.facebook.com/reel/987654321098765|FACEBOOK|-|987654321098765|https://www.facebook.com/reel/987654321098765",
        "https://www.facebook.com/groups/1234567/posts/7654321/|FACEBOOK|-|7654321|https://www.facebook.com/groups/1234567/posts/7654321",
        "https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fnytimes%2Fposts%2F10151234567890123&width=500|FACEBOOK|nytimes|10151234567890123|https://www.facebook.com/nytimes/posts/10151234567890123",
        "https://www.facebook.com/plugins/video.php?height=314&href=https%3A%2F%2Fwww.facebook.com%2Fnytimes%2Fvideos%2F1234567890123456%2F|FACEBOOK|nytimes|1234567890123456|https://www.facebook.com/nytimes/videos/1234567890123456",
        // Threads
        "https://www.threads.net/@zuck/post/C8l4bZ2Sf4B|THREADS|zuck|C8l4bZ2Sf4B|https://www.threads.com/@zuck/post/C8l4bZ2Sf4B",
        "https://threads.com/@zuck/post/C8l4bZ2Sf4B/media?xmt=1|THREADS|zuck|C8l4bZ2Sf4B|https://www.threads.com/@zuck/post/C8l4bZ2Sf4B",
        // Telegram: id is channel (lower case) / message number
        "https://t.me/durov/43|TELEGRAM|durov|durov/43|https://t.me/durov/43",
        "https://t.me/s/Durov/43?before=50|TELEGRAM|Durov|durov/43|https://t.me/Durov/43",
        "https://telegram.me/durov/43/|TELEGRAM|durov|durov/43|https://t.me/durov/43",
        // Reddit: fullnames, t3_ for posts and t1_ for comments
        "https://www.reddit.com/r/science/comments/abc123/a_title_slug/|REDDIT|-|t3_abc123|https://www.reddit.com/r/science/comments/abc123/",
        "https://old.reddit.com/r/science/comments/abc123/|REDDIT|-|t3_abc123|https://www.reddit.com/r/science/comments/abc123/",
        "https://new.reddit.com/r/science/comments/abc123/a_title_slug/def456/?context=3|REDDIT|-|t1_def456|https://www.reddit.com/r/science/comments/abc123/comment/def456/",
        "https://www.reddit.com/r/science/comments/abc123/comment/def456/|REDDIT|-|t1_def456|https://www.reddit.com/r/science/comments/abc123/comment/def456/",
        "https://www.reddit.com/user/spez/comments/xyz789/my_post/|REDDIT|spez|t3_xyz789|https://www.reddit.com/user/spez/comments/xyz789/",
        "https://redd.it/ABC123|REDDIT|-|t3_abc123|https://www.reddit.com/comments/abc123/",
        "https://embed.reddit.com/r/science/comments/abc123/a_title_slug/|REDDIT|-|t3_abc123|https://www.reddit.com/r/science/comments/abc123/"
      })
  void parsesEveryPostForm(String url, Platform platform, String handle, String id, String canonical) {
    OtherPlatformUrls.Post post = urls.parse(url).orElseThrow();
    assertThat(post.platform()).isEqualTo(platform);
    assertThat(post.handle()).isEqualTo(handle.equals("-") ? null : handle);
    assertThat(post.id()).isEqualTo(id);
    assertThat(post.url()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://bsky.app/profile/jay.bsky.team",
        "https://bsky.app/search?q=x",
        "https://chaos.social/@reticuleena",
        "https://www.instagram.com/bustle/",
        "https://www.instagram.com/explore/tags/cats/",
        "https://www.youtube.com/channel/UCCjyq_K1Xwfg8Lndy7lKMpA",
        "https://www.youtube.com/watch?list=abc",
        "https://www.youtube.com/@LinusTechTips",
        "https://www.youtube.com/embed/videoseries?list=PL123",
        "https://www.tiktok.com/@scout2015",
        "https://www.tiktok.com/tag/foryoupage",
        "https://twitter.com/jack/status/20",
        "not a url",
        ""
      })
  void rejectsNonPosts(String url) {
    assertThat(urls.parse(url)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://www.facebook.com/nytimes",
        "https://www.facebook.com/nytimes/",
        "https://www.facebook.com/profile.php?id=100064567890123",
        "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fexample.org",
        "https://www.facebook.com/sharer.php?u=https://example.org",
        "https://www.facebook.com/dialog/share?app_id=1&href=https%3A%2F%2Fexample.org",
        "https://www.facebook.com/plugins/like.php?href=https%3A%2F%2Fwww.facebook.com%2Fnytimes%2Fposts%2F1",
        "https://www.facebook.com/plugins/page.php?href=https%3A%2F%2Fwww.facebook.com%2Fnytimes",
        "https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fexample.org%2Fposts%2F1",
        "https://www.facebook.com/groups/1234567/",
        "https://www.facebook.com/hashtag/news",
        "https://www.facebook.com/events/123456789/"
      })
  void facebookPagesProfilesAndShareButtonsAreNoPosts(String url) {
    assertThat(urls.parse(url)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://t.me/durov",
        "https://t.me/s/durov",
        "https://t.me/joinchat/AAAAAEkk2WdoDrB4-Q8-gg",
        "https://t.me/+AbCdEfGhIjK1",
        "https://t.me/share/url?url=https%3A%2F%2Fexample.org",
        "https://t.me/addstickers/HotCherry",
        "https://telegram.org/js/telegram-widget.js?22"
      })
  void telegramChannelsInvitesAndShareLinksAreNoPosts(String url) {
    assertThat(urls.parse(url)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://www.reddit.com/r/science/",
        "https://www.reddit.com/r/science/top/?t=week",
        "https://www.reddit.com/user/spez/",
        "https://www.reddit.com/u/spez",
        "https://www.reddit.com/r/science/wiki/index",
        "https://www.reddit.com/r/science/s/AbCdEf123",
        "https://i.redd.it/abcdef123.jpg"
      })
  void redditSubredditsUsersAndWikisAreNoPosts(String url) {
    assertThat(urls.parse(url)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://www.threads.net/@zuck",
        "https://www.threads.com/",
        "https://medium.com/@someone/12345678",
        "https://someone.medium.com/@x/12345678",
        "https://www.youtube.com/@channel/1234567",
        "https://www.tiktok.com/@someone/1234567",
        "https://www.threads.net/@zuck/1234567",
        "https://github.com/@someone/1234567",
        "https://chaos.social/@reticuleena/12345"
      })
  void pathsShapedLikeMastodonOnKnownNonFediverseHostsAreNoPosts(String url) {
    assertThat(urls.parse(url)).isEmpty();
  }
}
