package org.embedwatch.evidence;

import java.util.Objects;

/**
 * A post named by a captured post's content.
 *
 * @param kind {@code quoted} or {@code replied_to}
 * @param handle the named post's author handle when the content gives it, or null
 * @param url the named post's canonical URL, used when its row is created
 */
public record PostLink(String kind, Platform platform, String postId, String handle, String url) {
  public static final String QUOTED = "quoted";
  public static final String REPLIED_TO = "replied_to";

  public PostLink {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(postId, "postId");
  }
}
