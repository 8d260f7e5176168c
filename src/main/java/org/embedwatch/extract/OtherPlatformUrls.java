package org.embedwatch.extract;

import java.util.Optional;
import org.embedwatch.Platform;

/** Post URL rules for the platforms other than X. Never throws. */
final class OtherPlatformUrls {

  /** One post as its URL names it. */
  record Post(Platform platform, String handle, String id, String url) {}

  Optional<Post> parse(String url) {
    return Optional.empty();
  }
}
