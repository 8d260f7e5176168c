package org.embedwatch.extract;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Platform;

/**
 * Facebook post, video, photo and reel URLs, and the embed plugins that wrap one ({@code plugins/post.php?href=…},
 * {@code plugins/video.php?href=…}). The id is Facebook's own: the decimal id or the {@code pfbid…} token of a post,
 * the decimal id of a video, photo or reel. The handle is the page (or user) name in the path, or the numeric owner id
 * of a {@code permalink.php}/{@code story.php} link; group posts have none.
 *
 * <p>Not posts: page and profile home links, {@code sharer.php}, {@code dialog/share}, the like and page plugins.
 */
final class FacebookUrls implements PlatformUrls {

  private static final String PAGE = "(?<page>[A-Za-z0-9._-]{1,100})";
  private static final String POST_ID = "(?<id>[0-9]{1,25}|pfbid[0-9A-Za-z]{10,80})";
  private static final String MEDIA_ID = "(?<id>[0-9]{1,25})";

  private static final Pattern PAGE_POST = Pattern.compile("/" + PAGE + "/posts/" + POST_ID + "/?");
  private static final Pattern GROUP_POST =
      Pattern.compile("/groups/(?<group>[A-Za-z0-9._-]{1,100})/(?:posts|permalink)/" + POST_ID + "/?");
  private static final Pattern PAGE_VIDEO = Pattern.compile("/" + PAGE + "/videos/(?:[^/]{1,200}/)?" + MEDIA_ID + "/?");
  private static final Pattern PAGE_PHOTO = Pattern.compile("/" + PAGE + "/photos/(?:[^/]{1,200}/)?" + MEDIA_ID + "/?");
  private static final Pattern REEL = Pattern.compile("/reels?/" + MEDIA_ID + "/?");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,25}");
  private static final Pattern POST_TOKEN = Pattern.compile("[0-9]{1,25}|pfbid[0-9A-Za-z]{10,80}");

  /** First path segments that are site sections, never a page name. */
  private static final Set<String> SECTIONS =
      Set.of(
          "groups", "watch", "photo", "photos", "reel", "reels", "plugins", "sharer", "dialog", "share", "events",
          "hashtag", "login", "pages", "profile.php", "permalink.php", "story.php", "photo.php", "video.php",
          "sharer.php", "search", "marketplace", "gaming", "stories", "help", "policies", "privacy");

  private static final String BASE = "https://www.facebook.com/";

  @Override
  public List<String> domains() {
    return List.of("facebook.com", "fb.com");
  }

  @Override
  public boolean serves(UrlParts url) {
    return url.hostIs("facebook.com") || url.host().equals("fb.com") || url.host().equals("www.fb.com");
  }

  @Override
  public Optional<OtherPlatformUrls.Post> post(UrlParts url) {
    String path = url.path();
    if (path.equals("/plugins/post.php") || path.equals("/plugins/video.php")) {
      // The plugin names its post in href; unwrap once, and never a plugin inside a plugin.
      return url.parameter("href")
          .flatMap(UrlParts::parse)
          .filter(inner -> serves(inner) && !inner.path().startsWith("/plugins/"))
          .flatMap(this::post);
    }
    switch (path) {
      case "/permalink.php", "/story.php" -> {
        Optional<String> owner = url.parameter("id").filter(id -> DIGITS.matcher(id).matches());
        return url.parameter("story_fbid")
            .filter(id -> POST_TOKEN.matcher(id).matches())
            .map(id -> post(owner.orElse(null), id,
                BASE + "permalink.php?story_fbid=" + id + owner.map(o -> "&id=" + o).orElse("")));
      }
      case "/photo.php", "/photo", "/photo/" -> {
        return url.parameter("fbid").filter(id -> DIGITS.matcher(id).matches())
            .map(id -> post(null, id, BASE + "photo/?fbid=" + id));
      }
      case "/watch", "/watch/", "/video.php" -> {
        return url.parameter("v").filter(id -> DIGITS.matcher(id).matches())
            .map(id -> post(null, id, BASE + "watch/?v=" + id));
      }
      default -> {
        return pathPost(path);
      }
    }
  }

  private static Optional<OtherPlatformUrls.Post> pathPost(String path) {
    Matcher m = PAGE_POST.matcher(path);
    if (m.matches() && isPage(m.group("page"))) {
      return Optional.of(post(m.group("page"), m.group("id"), BASE + m.group("page") + "/posts/" + m.group("id")));
    }
    m = GROUP_POST.matcher(path);
    if (m.matches()) {
      return Optional.of(post(null, m.group("id"), BASE + "groups/" + m.group("group") + "/posts/" + m.group("id")));
    }
    m = PAGE_VIDEO.matcher(path);
    if (m.matches() && isPage(m.group("page"))) {
      return Optional.of(post(m.group("page"), m.group("id"), BASE + m.group("page") + "/videos/" + m.group("id")));
    }
    m = PAGE_PHOTO.matcher(path);
    if (m.matches() && isPage(m.group("page"))) {
      return Optional.of(post(m.group("page"), m.group("id"), BASE + "photo/?fbid=" + m.group("id")));
    }
    m = REEL.matcher(path);
    if (m.matches()) {
      return Optional.of(post(null, m.group("id"), BASE + "reel/" + m.group("id")));
    }
    return Optional.empty();
  }

  private static boolean isPage(String segment) {
    return !SECTIONS.contains(segment.toLowerCase(java.util.Locale.ROOT));
  }

  private static OtherPlatformUrls.Post post(String handle, String id, String url) {
    return new OtherPlatformUrls.Post(Platform.FACEBOOK, handle, id, url);
  }
}
