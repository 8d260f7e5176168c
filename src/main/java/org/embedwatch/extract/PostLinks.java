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
    Optional<StatusUrls.XStatus> x = StatusUrls.parse(url);
    if (x.isPresent()) {
      return Optional.of(Sighting.ofX(x.get(), form, scope, position));
    }
    return others
        .parse(url)
        .map(
            post ->
                new Sighting(
                    post.platform(),
                    post.id(),
                    post.handle(),
                    post.url(),
                    form,
                    scope,
                    null,
                    null,
                    null,
                    null,
                    position));
  }
}
