package org.embedwatch.extract;

import java.util.List;
import java.util.Optional;

/**
 * The post URL rules of one platform other than X. {@link OtherPlatformUrls} asks each platform in turn whether it
 * serves a URL's host; the first that does decides alone whether the URL names a post.
 */
sealed interface PlatformUrls
    permits BlueskyUrls,
        InstagramUrls,
        TikTokUrls,
        YouTubeUrls,
        FacebookUrls,
        ThreadsUrls,
        TelegramUrls,
        RedditUrls,
        MastodonUrls {

  /**
   * The domains whose hosts (the domain and its subdomains) the platform may serve; {@link #serves} decides exactly.
   * Empty for a platform that may be on any host.
   */
  List<String> domains();

  /** Whether the platform serves pages at the URL's host. */
  boolean serves(UrlParts url);

  /** The one post {@code url} names, or empty (profiles, channels, share links…). Never throws. */
  Optional<OtherPlatformUrls.Post> post(UrlParts url);
}
