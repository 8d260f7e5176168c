package org.embedwatch.extract;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Platform;

/**
 * Instagram post URLs: {@code /p/}, {@code /reel/}, {@code /reels/} and {@code /tv/} shortcodes, with or without
 * {@code www} and with or without a {@code /<user>} prefix (which then is the handle). The id is the shortcode, and
 * the canonical URL is {@code https://www.instagram.com/p/<shortcode>/}, which serves every kind. Site sections in
 * the shortcode or user place ({@code /reels/audio/<id>/}, {@code /explore/…}) are no posts.
 */
final class InstagramUrls implements PlatformUrls {

  private static final Pattern POST =
      Pattern.compile("(?:/(?<user>[A-Za-z0-9_.]{1,30}))?/(?:p|reels?|tv)/(?<id>[A-Za-z0-9_-]{5,40})(?:/.*)?");

  /** Path segments that are site sections: never a shortcode, never a user. */
  private static final Set<String> SECTIONS =
      Set.of(
          "audio", "explore", "tags", "locations", "stories", "accounts", "about", "direct", "legal", "reels", "reel",
          "p", "tv", "igtv", "tagged", "saved", "channel", "guides", "web", "developer", "challenge", "music");

  @Override
  public List<String> domains() {
    return List.of("instagram.com", "instagr.am");
  }

  @Override
  public boolean serves(UrlParts url) {
    return url.hostIs("instagram.com") || url.hostIs("instagr.am");
  }

  @Override
  public Optional<OtherPlatformUrls.Post> post(UrlParts url) {
    Matcher m = POST.matcher(url.path());
    if (!m.matches()) {
      return Optional.empty();
    }
    String id = m.group("id");
    String user = m.group("user");
    if (SECTIONS.contains(id.toLowerCase(Locale.ROOT))
        || (user != null && SECTIONS.contains(user.toLowerCase(Locale.ROOT)))) {
      return Optional.empty();
    }
    return Optional.of(shortcode(id, m.group("user")));
  }

  /** The post of a bare shortcode ({@code amp-instagram data-shortcode}). */
  static Optional<OtherPlatformUrls.Post> shortcode(String code) {
    return code != null && code.strip().matches("[A-Za-z0-9_-]{5,40}")
        ? Optional.of(shortcode(code.strip(), null))
        : Optional.empty();
  }

  private static OtherPlatformUrls.Post shortcode(String id, String user) {
    return new OtherPlatformUrls.Post(Platform.INSTAGRAM, user, id, "https://www.instagram.com/p/" + id + "/");
  }
}
