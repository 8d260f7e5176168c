package org.embedwatch.extract;

import java.util.Optional;

/** Turns a link target into a sighting when it names one post: X status URLs first, then the other platforms. */
final class PostLinks {

  private final OtherPlatformUrls others = new OtherPlatformUrls();

  /** The sighting for {@code url}, or empty when the URL names no post (profiles, share links, hashtags…). */
  Optional<Sighting> sighting(String url, Reference.Form form, Reference.Scope scope, int position) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    String target = percentEncodedAbsolute(url) ? UrlParts.decode(url.strip()) : url;
    Optional<UrlParts> parts = UrlParts.parse(target);
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    if (parts.get().hostIs("twitter.com") || parts.get().hostIs("x.com")) {
      return StatusUrls.parse(target).map(status -> Sighting.ofX(status, form, scope, position));
    }
    return others.parse(parts.get()).map(post -> Sighting.of(post, form, scope, position));
  }

  /** The post {@code url} names on a platform other than X, or empty. */
  Optional<OtherPlatformUrls.Post> otherPost(String url) {
    return url == null || url.isBlank() ? Optional.empty() : others.parse(url);
  }

  /** {@code https%3A%2F%2Ftwitter.com%2F…}: a whole URL percent-encoded into an attribute. */
  private static boolean percentEncodedAbsolute(String url) {
    String s = url.strip();
    return s.regionMatches(true, 0, "https%3a%2f%2f", 0, 14) || s.regionMatches(true, 0, "http%3a%2f%2f", 0, 13);
  }
}
