package org.embedwatch.extract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.embedwatch.evidence.Platform;

/**
 * Post URL rules for the platforms other than X: Bluesky, Instagram, TikTok, YouTube, Facebook, Threads, Telegram,
 * Reddit and Mastodon (any other host). A URL's host picks the platform by its domain; a host of no known platform
 * may be a Mastodon server. Never throws; anything that is not one post (profiles, channels, tags) is empty.
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
          new RedditUrls());

  private static final PlatformUrls ANY_HOST = new MastodonUrls();

  /**
   * Each known domain to its platform, looked up for the host and each of its parent domains; X's domains map to null,
   * their URLs are {@link StatusUrls}' business.
   */
  private static final Map<String, PlatformUrls> BY_DOMAIN = byDomain();

  Optional<Post> parse(String url) {
    return UrlParts.parse(url).flatMap(this::parse);
  }

  /** The post a URL already split into its parts names; empty for X's URLs too. */
  Optional<Post> parse(UrlParts url) {
    String host = url.host();
    for (int dot = -1; dot < host.length(); dot = host.indexOf('.', dot + 1)) {
      String domain = host.substring(dot + 1);
      if (BY_DOMAIN.containsKey(domain)) {
        PlatformUrls platform = BY_DOMAIN.get(domain);
        return platform != null && platform.serves(url) ? platform.post(url) : Optional.empty();
      }
      if (domain.indexOf('.') < 0) {
        break;
      }
    }
    return ANY_HOST.serves(url) ? ANY_HOST.post(url) : Optional.empty();
  }

  private static Map<String, PlatformUrls> byDomain() {
    Map<String, PlatformUrls> byDomain = new HashMap<>();
    for (PlatformUrls platform : PLATFORMS) {
      for (String domain : platform.domains()) {
        byDomain.put(domain, platform);
      }
    }
    byDomain.put("twitter.com", null);
    byDomain.put("x.com", null);
    return byDomain;
  }
}
