package org.embedwatch.extract;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Platform;

/**
 * Reddit post and comment URLs: {@code /r/<sub>/comments/<id>/<slug>/} (a post), {@code …/<slug>/<comment>/} and
 * {@code …/comment/<comment>/} (a comment), the same under {@code /user/<name>/} and without a subreddit, {@code
 * redd.it/<id>}, on {@code www.}, {@code old.}, {@code new.}, {@code np.}, {@code m.} and {@code embed.reddit.com} and on
 * {@code redditmedia.com}.
 *
 * <p>The id is Reddit's <em>fullname</em>: {@code t3_<id>} for a post, {@code t1_<id>} for a comment (base36, lower
 * case). Posts and comments number independently, so the prefix keeps a comment from merging with a post that happens
 * to share its digits, and a fullname is what Reddit's own API looks things up by. The handle is the user of a {@code
 * /user/<name>/} URL, else unknown (a subreddit is no author). Subreddit, user, wiki and share pages are no posts.
 */
final class RedditUrls implements PlatformUrls {

  private static final Pattern COMMENTS =
      Pattern.compile(
          "(?:/r/(?<sub>[A-Za-z0-9_]{2,21})|/(?:user|u)/(?<user>[A-Za-z0-9_-]{3,20}))?"
              + "/comments/(?<id>[A-Za-z0-9]{1,13})"
              + "(?:/(?:comment|[^/]{1,300})(?:/(?<comment>[A-Za-z0-9]{1,13}))?)?/?");
  private static final Pattern SHORT = Pattern.compile("/(?<id>[A-Za-z0-9]{1,13})/?");

  @Override
  public List<String> domains() {
    return List.of("reddit.com", "redditmedia.com", "redd.it");
  }

  @Override
  public boolean serves(UrlParts url) {
    return url.hostIs("reddit.com") || url.hostIs("redditmedia.com") || url.host().equals("redd.it");
  }

  @Override
  public Optional<OtherPlatformUrls.Post> post(UrlParts url) {
    if (url.host().equals("redd.it")) {
      Matcher m = SHORT.matcher(url.path());
      return m.matches() ? Optional.of(post(null, null, m.group("id"), null)) : Optional.empty();
    }
    Matcher m = COMMENTS.matcher(url.path());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(post(m.group("sub"), m.group("user"), m.group("id"), m.group("comment")));
  }

  private static OtherPlatformUrls.Post post(String sub, String user, String postId, String commentId) {
    String id = postId.toLowerCase(Locale.ROOT);
    String base =
        sub != null
            ? "https://www.reddit.com/r/" + sub + "/comments/" + id + "/"
            : user != null
                ? "https://www.reddit.com/user/" + user + "/comments/" + id + "/"
                : "https://www.reddit.com/comments/" + id + "/";
    if (commentId == null) {
      return new OtherPlatformUrls.Post(Platform.REDDIT, user, "t3_" + id, base);
    }
    String comment = commentId.toLowerCase(Locale.ROOT);
    return new OtherPlatformUrls.Post(Platform.REDDIT, user, "t1_" + comment, base + "comment/" + comment + "/");
  }
}
