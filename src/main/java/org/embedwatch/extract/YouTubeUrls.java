package org.embedwatch.extract;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Platform;

/**
 * YouTube video URLs: {@code watch?v=}, {@code youtu.be/}, {@code /embed/}, {@code /shorts/}, {@code /live/}, {@code
 * /v/}, on youtube.com, its subdomains and youtube-nocookie.com. The id is the 11-character video id.
 */
final class YouTubeUrls implements PlatformUrls {

  private static final Pattern VIDEO_ID = Pattern.compile("[A-Za-z0-9_-]{11}");
  private static final Pattern PATH = Pattern.compile("/(?:embed|shorts|live|v|e)/(?<id>[A-Za-z0-9_-]{11})/?");
  private static final Pattern SHORT = Pattern.compile("/(?<id>[A-Za-z0-9_-]{11})/?");

  @Override
  public List<String> domains() {
    return List.of("youtube.com", "youtu.be", "youtube-nocookie.com");
  }

  @Override
  public boolean serves(UrlParts url) {
    return url.host().equals("youtu.be") || url.hostIs("youtube.com") || url.hostIs("youtube-nocookie.com");
  }

  @Override
  public Optional<OtherPlatformUrls.Post> post(UrlParts url) {
    if (url.host().equals("youtu.be")) {
      return match(SHORT, url.path());
    }
    if (url.path().equals("/watch") || url.path().equals("/watch/")) {
      return url.parameter("v").flatMap(YouTubeUrls::videoId);
    }
    return match(PATH, url.path());
  }

  /** The video of a bare id ({@code amp-youtube data-videoid}). */
  static Optional<OtherPlatformUrls.Post> videoId(String id) {
    // "videoseries" (a playlist player) has the shape of a video id but names none.
    if (id == null || !VIDEO_ID.matcher(id).matches() || id.equals("videoseries")) {
      return Optional.empty();
    }
    return Optional.of(new OtherPlatformUrls.Post(Platform.YOUTUBE, null, id, "https://www.youtube.com/watch?v=" + id));
  }

  private static Optional<OtherPlatformUrls.Post> match(Pattern pattern, String path) {
    Matcher m = pattern.matcher(path);
    return m.matches() ? videoId(m.group("id")) : Optional.empty();
  }
}
