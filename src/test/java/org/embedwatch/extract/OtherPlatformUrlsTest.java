package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.embedwatch.Platform;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OtherPlatformUrlsTest {

  private final OtherPlatformUrls urls = new OtherPlatformUrls();

  @ParameterizedTest
  @CsvSource({
    "https://bsky.app/profile/jay.bsky.team/post/3k2yihcrp6f2c, BLUESKY, jay.bsky.team, 3k2yihcrp6f2c",
    "https://chaos.social/@reticuleena/111045542523669432, MASTODON, reticuleena, 111045542523669432",
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

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://bsky.app/profile/jay.bsky.team",
        "https://chaos.social/@reticuleena",
        "https://www.instagram.com/bustle/",
        "https://www.youtube.com/channel/UCCjyq_K1Xwfg8Lndy7lKMpA",
        "https://www.youtube.com/watch?list=abc",
        "https://www.tiktok.com/@scout2015",
        "https://twitter.com/jack/status/20",
        "not a url",
        ""
      })
  void rejectsNonPosts(String url) {
    assertThat(urls.parse(url)).isEmpty();
  }
}
