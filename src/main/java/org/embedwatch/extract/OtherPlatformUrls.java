package org.embedwatch.extract;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.Platform;

/**
 * Post URL rules for the platforms other than X: Bluesky, Mastodon (any host), Instagram, YouTube and TikTok. Never
 * throws; anything that is not one post (profiles, channels, tags) is empty.
 */
final class OtherPlatformUrls {

  /** One post as its URL names it; {@code url} is the canonical form. */
  record Post(Platform platform, String handle, String id, String url) {}

  private static final Pattern URL =
      Pattern.compile("(?i)^(?:https?:)?(?://)?(?<host>[a-z0-9.-]+\\.[a-z]{2,})(?::\\d+)?(?<path>/[^?#]*)?(?<query>\\?[^#]*)?");

  private static final Pattern BLUESKY = Pattern.compile("/profile/(?<handle>[^/]+)/post/(?<id>[a-z0-9]{6,20})/?");
  private static final Pattern MASTODON = Pattern.compile("/@(?<handle>[A-Za-z0-9_.]{1,30})/(?<id>[0-9]{6,20})/?");
  private static final Pattern INSTAGRAM = Pattern.compile("/(?:p|reel|tv)/(?<id>[A-Za-z0-9_-]{5,40})/?.*");
  private static final Pattern YOUTUBE_PATH = Pattern.compile("/(?:embed|shorts|live|v)/(?<id>[A-Za-z0-9_-]{11})(?:[/?].*)?");
  private static final Pattern YOUTU_BE = Pattern.compile("/(?<id>[A-Za-z0-9_-]{11})/?");
  private static final Pattern YOUTUBE_V = Pattern.compile("[?&]v=(?<id>[A-Za-z0-9_-]{11})(?:&|$)");
  private static final Pattern TIKTOK = Pattern.compile("/@(?<handle>[A-Za-z0-9_.]{1,40})/video/(?<id>[0-9]{6,25})/?");

  Optional<Post> parse(String url) {
    if (url == null || url.length() > 2_000) {
      return Optional.empty();
    }
    Matcher m = URL.matcher(url.strip());
    if (!m.lookingAt()) {
      return Optional.empty();
    }
    String host = m.group("host").toLowerCase(Locale.ROOT);
    String path = m.group("path") == null ? "" : m.group("path");
    String query = m.group("query") == null ? "" : m.group("query");
    if (host.endsWith("twitter.com") || host.equals("x.com") || host.endsWith(".x.com")) {
      return Optional.empty();
    }
    if (host.equals("bsky.app")) {
      return match(BLUESKY, path).map(b -> post(Platform.BLUESKY, b.group("handle"), b.group("id"),
          "https://bsky.app/profile/" + b.group("handle") + "/post/" + b.group("id")));
    }
    if (host.equals("instagram.com") || host.equals("www.instagram.com")) {
      return match(INSTAGRAM, path).map(i -> post(Platform.INSTAGRAM, null, i.group("id"),
          "https://www.instagram.com/p/" + i.group("id") + "/"));
    }
    if (host.equals("youtu.be")) {
      return match(YOUTU_BE, path).map(y -> youtube(y.group("id")));
    }
    if (host.equals("youtube.com") || host.endsWith(".youtube.com") || host.equals("youtube-nocookie.com")
        || host.endsWith(".youtube-nocookie.com")) {
      if (path.equals("/watch")) {
        Matcher v = YOUTUBE_V.matcher(query);
        return v.find() ? Optional.of(youtube(v.group("id"))) : Optional.empty();
      }
      return match(YOUTUBE_PATH, path).map(y -> youtube(y.group("id")));
    }
    if (host.equals("tiktok.com") || host.endsWith(".tiktok.com")) {
      return match(TIKTOK, path).map(t -> post(Platform.TIKTOK, t.group("handle"), t.group("id"),
          "https://www.tiktok.com/@" + t.group("handle") + "/video/" + t.group("id")));
    }
    // Mastodon runs on any host; its post URLs are /@user/<digits>.
    return match(MASTODON, path).map(p -> post(Platform.MASTODON, p.group("handle"), p.group("id"),
        "https://" + host + "/@" + p.group("handle") + "/" + p.group("id")));
  }

  private static Optional<Matcher> match(Pattern pattern, String path) {
    Matcher m = pattern.matcher(path);
    return m.matches() ? Optional.of(m) : Optional.empty();
  }

  private static Post youtube(String id) {
    return new Post(Platform.YOUTUBE, null, id, "https://www.youtube.com/watch?v=" + id);
  }

  private static Post post(Platform platform, String handle, String id, String url) {
    return new Post(platform, handle, id, url);
  }
}
