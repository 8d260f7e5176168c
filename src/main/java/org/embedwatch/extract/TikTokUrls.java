package org.embedwatch.extract;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Platform;

/**
 * TikTok post URLs: {@code /@user/video/<id>} (and {@code /photo/}), and the players {@code /embed/v2/<id>}, {@code
 * /embed/<id>}, {@code /player/v1/<id>}. The id is TikTok's decimal id; without a user the canonical URL is the player.
 */
final class TikTokUrls implements PlatformUrls {

  private static final Pattern USER_POST =
      Pattern.compile("/@(?<handle>[A-Za-z0-9_.]{1,40})/(?:video|photo)/(?<id>[0-9]{6,25})/?");
  private static final Pattern PLAYER = Pattern.compile("/(?:embed/v2|embed|player/v1)/(?<id>[0-9]{6,25})/?");

  @Override
  public List<String> domains() {
    return List.of("tiktok.com");
  }

  @Override
  public boolean serves(UrlParts url) {
    return url.hostIs("tiktok.com");
  }

  @Override
  public Optional<OtherPlatformUrls.Post> post(UrlParts url) {
    Matcher user = USER_POST.matcher(url.path());
    if (user.matches()) {
      String handle = user.group("handle");
      String id = user.group("id");
      return Optional.of(
          new OtherPlatformUrls.Post(
              Platform.TIKTOK, handle, id, "https://www.tiktok.com/@" + handle + "/video/" + id));
    }
    Matcher player = PLAYER.matcher(url.path());
    return player.matches() ? videoId(player.group("id")) : Optional.empty();
  }

  /** The post of a bare video id ({@code data-video-id}). */
  static Optional<OtherPlatformUrls.Post> videoId(String id) {
    if (id == null || !id.strip().matches("[0-9]{6,25}")) {
      return Optional.empty();
    }
    String digits = id.strip();
    return Optional.of(
        new OtherPlatformUrls.Post(Platform.TIKTOK, null, digits, "https://www.tiktok.com/embed/v2/" + digits));
  }
}
