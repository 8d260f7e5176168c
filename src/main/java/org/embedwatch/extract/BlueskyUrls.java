package org.embedwatch.extract;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Platform;

/**
 * Bluesky post URLs: {@code bsky.app/profile/<handle or DID>/post/<rkey>}, the embed iframe {@code
 * embed.bsky.app/embed/<DID>/app.bsky.feed.post/<rkey>}, and the AT-URI {@code at://<DID>/app.bsky.feed.post/<rkey>}
 * that embeds carry in {@code data-bluesky-uri}. The id is the record key; the handle is the handle or DID as given.
 */
final class BlueskyUrls implements PlatformUrls {

  private static final String ACTOR = "(?<actor>did:[a-z0-9]{1,20}:[A-Za-z0-9._:%-]{1,200}|[A-Za-z0-9.-]{1,253})";
  private static final String RKEY = "(?<rkey>[A-Za-z0-9._~:-]{1,100})";

  private static final Pattern PROFILE_POST = Pattern.compile("/profile/" + ACTOR + "/post/" + RKEY + "(?:/.*)?");
  private static final Pattern EMBED = Pattern.compile("/embed/" + ACTOR + "/app\\.bsky\\.feed\\.post/" + RKEY + "/?");
  private static final Pattern AT_URI = Pattern.compile("at://" + ACTOR + "/app\\.bsky\\.feed\\.post/" + RKEY + "/?");

  @Override
  public List<String> domains() {
    return List.of("bsky.app");
  }

  @Override
  public boolean serves(UrlParts url) {
    return url.host().equals("bsky.app") || url.host().equals("www.bsky.app") || url.host().equals("embed.bsky.app");
  }

  @Override
  public Optional<OtherPlatformUrls.Post> post(UrlParts url) {
    Matcher m = (url.host().equals("embed.bsky.app") ? EMBED : PROFILE_POST).matcher(url.path());
    return m.matches() ? Optional.of(post(m)) : Optional.empty();
  }

  /** The post an AT-URI ({@code at://did:plc:…/app.bsky.feed.post/<rkey>}) names, or empty. */
  static Optional<OtherPlatformUrls.Post> atUri(String uri) {
    if (uri == null || uri.length() > 600) {
      return Optional.empty();
    }
    Matcher m = AT_URI.matcher(uri.strip());
    return m.matches() ? Optional.of(post(m)) : Optional.empty();
  }

  private static OtherPlatformUrls.Post post(Matcher m) {
    String actor = m.group("actor");
    String rkey = m.group("rkey");
    return new OtherPlatformUrls.Post(
        Platform.BLUESKY, actor, rkey, "https://bsky.app/profile/" + actor + "/post/" + rkey);
  }
}
