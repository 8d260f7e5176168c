package org.embedwatch.platform;

import java.util.Objects;
import org.embedwatch.evidence.Platform;

/**
 * What an endpoint needs to ask about one post: the platform's id, and the handle and canonical URL where the id alone
 * does not say where to ask (a Mastodon status lives on its own server; a Bluesky record in its author's repository).
 *
 * @param handle the author's handle as extracted, or null
 * @param url the canonical post URL, or null
 */
public record PostKey(Platform platform, String postId, String handle, String url) {
  public PostKey {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(postId, "postId");
  }
}
