package org.embedwatch.evidence;

import java.util.Objects;

/**
 * A post named by a captured post's content.
 *
 * @param handle the named post's author handle when the content gives it, or null
 * @param url the named post's canonical URL, used when its row is created
 */
public record PostLink(LinkKind kind, Platform platform, String postId, String handle, String url) {

  public PostLink {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(postId, "postId");
  }
}
