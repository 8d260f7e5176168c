package org.embedwatch.extract;

import java.util.List;
import java.util.Optional;
import org.embedwatch.Platform;

/**
 * Post URL rules for the platforms other than X: Bluesky, Instagram, TikTok, YouTube, Facebook, Threads, Telegram,
 * Reddit and Mastodon (any other host). The first platform that serves a URL's host decides; Mastodon comes last
 * because it may be any host. Never throws; anything that is not one post (profiles, channels, tags) is empty.
 */
final class OtherPlatformUrls {

  /** One post as its URL names it; {@code url} is the canonical form, {@code handle} may be null. */
  record Post(Platform platform, String handle, String id, String url) {}

  private static final List<PlatformUrls> PLATFORMS =
      List.of(
          new BlueskyUrls(),
          new InstagramUrls(),
          new TikTokUrls(),
          new YouTubeUrls(),
          new FacebookUrls(),
          new ThreadsUrls(),
          new TelegramUrls(),
          new RedditUrls(),
          new MastodonUrls());

  Optional<Post> parse(String url) {
    Optional<UrlParts> parts = UrlParts.parse(url);
    if (parts.isEmpty() || isX(parts.get())) {
      return Optional.empty();
    }
    for (PlatformUrls platform : PLATFORMS) {
      if (platform.serves(parts.get())) {
        return platform.post(parts.get());
      }
    }
    return Optional.empty();
  }

  private static boolean isX(UrlParts url) {
    return url.hostIs("twitter.com") || url.hostIs("x.com");
  }
}
