package org.embedwatch.platform.wayback;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.embedwatch.evidence.Platform;
import org.embedwatch.platform.PostKey;

/**
 * A form an X post's URL is archived under (platform-protocols §5.4), each queried from the CDX server by prefix,
 * scheme-less: the status page on twitter.com and on x.com (both need the handle), the handle-less {@code i/web} page,
 * and the syndication JSON (react-tweet's form, the id first), asked only for a post found gone.
 */
public enum UrlForm {
  TWITTER,
  X,
  I_WEB,
  SYNDICATION;

  /** The status-page forms, in the order they are asked. */
  public static final List<UrlForm> STATUS_PAGES = List.of(TWITTER, X, I_WEB);

  /** The form's stable name, as in a scheduled task's instance: {@code twitter}, {@code x}, {@code i-web}, … */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The form named {@code key}; {@link IllegalArgumentException} for another name. */
  public static UrlForm parse(String key) {
    return Arrays.stream(values()).filter(f -> f.key().equals(key)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a Wayback URL form: '" + key + "'"));
  }

  /** The CDX prefix of {@code post} in this form; empty when the form needs a handle the post has not got. */
  public Optional<String> pattern(PostKey post) {
    if (post.platform() != Platform.X) {
      throw new IllegalArgumentException("only X posts have CDX patterns yet, not " + post.platform());
    }
    boolean handle = post.handle() != null && post.handle().matches("[A-Za-z0-9_]{1,50}");
    return switch (this) {
      case TWITTER -> handle ? Optional.of("twitter.com/" + post.handle() + "/status/" + post.postId())
          : Optional.empty();
      case X -> handle ? Optional.of("x.com/" + post.handle() + "/status/" + post.postId()) : Optional.empty();
      case I_WEB -> Optional.of("twitter.com/i/web/status/" + post.postId());
      case SYNDICATION -> Optional.of(CdxClient.syndicationPattern(post.postId()));
    };
  }
}
