package org.embedwatch.extract;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Platform;

/**
 * Mastodon (and compatible ActivityPub server) post URLs on any host: {@code /@user/<id>}, its embed {@code
 * /@user/<id>/embed}, {@code /users/<user>/statuses/<id>}, and a remote account's post as another server shows it,
 * {@code /@user@otherhost/<id>}.
 *
 * <p>The handle is always account-qualified, {@code user@host}: the host of the account, which is the URL's host except
 * for {@code /@user@otherhost/} links. A bare "user" names no one across the fediverse. The id is the server's decimal
 * status id, which is only unique on that server, so the canonical URL {@code https://<host>/@<user>/<id>} (or {@code
 * /@user@otherhost/<id>}) is what tells two Mastodon posts apart.
 *
 * <p>{@code /@name/<digits>} is a common path shape elsewhere too, so hosts known not to run ActivityPub servers (Medium,
 * YouTube, TikTok, Threads, the other big platforms, code and blog hosts) and their subdomains are never Mastodon;
 * any other host is, to keep recall for the thousands of small servers. On a host we do not know as a server, the id
 * must also look like a Mastodon id: since 2017 those are 64-bit snowflakes of 17 or 18 digits, so at least 15 digits
 * are required ({@code news.example.com/@staff/20240101} is a date, not a post). Known servers (and hosts named
 * "mastodon", "mstdn" or "toot") keep the old short ids.
 *
 * <p>User names are case-insensitive on Mastodon, so the handle and the canonical URL are lower-cased: {@code @Gargron}
 * and {@code @gargron} are one account.
 */
final class MastodonUrls implements PlatformUrls {

  private static final String USER = "(?<user>[A-Za-z0-9_][A-Za-z0-9_.-]{0,29})";
  private static final Pattern AT_POST =
      Pattern.compile("/@" + USER + "(?:@(?<home>[a-z0-9.-]{1,253}\\.[a-z]{2,}))?/(?<id>[0-9]{6,20})(?:/embed)?/?");
  private static final Pattern USERS_STATUSES =
      Pattern.compile("/users/" + USER + "/statuses/(?<id>[0-9]{6,20})(?:/activity)?/?");

  /** Domains (with all their subdomains) known not to be ActivityPub servers. */
  private static final Set<String> NOT_ACTIVITYPUB =
      Set.of(
          "twitter.com", "x.com", "t.co", "medium.com", "tiktok.com", "youtube.com", "youtu.be", "threads.net",
          "threads.com", "instagram.com", "facebook.com", "bsky.app", "reddit.com", "t.me", "telegram.me",
          "linkedin.com", "substack.com", "tumblr.com", "pinterest.com", "vimeo.com", "twitch.tv", "soundcloud.com",
          "spotify.com", "github.com", "gitlab.com", "npmjs.com", "unpkg.com", "jsdelivr.net", "snapchat.com", "vk.com",
          "google.com", "apple.com", "dailymotion.com", "rumble.com", "linktr.ee", "patreon.com", "ko-fi.com",
          "flickr.com", "codepen.io", "figma.com", "behance.net", "dribbble.com", "deviantart.com", "wordpress.com",
          "blogger.com", "blogspot.com", "bandcamp.com", "mixcloud.com", "giphy.com", "imgur.com", "gravatar.com",
          "hashnode.dev", "dev.to", "quora.com", "discord.com", "discord.gg", "kick.com", "weibo.com", "bilibili.com");

  /** Well-known servers, where short (pre-2017) status ids are accepted too. */
  private static final Set<String> KNOWN_SERVERS =
      Set.of(
          "mastodon.social", "mastodon.online", "mstdn.social", "mas.to", "fosstodon.org", "chaos.social",
          "hachyderm.io", "infosec.exchange", "mastodon.world", "techhub.social", "social.coop", "journa.host",
          "mastodon.art", "mastodon.cloud", "mstdn.jp", "pawoo.net", "mastodon.xyz", "octodon.social", "toot.cafe",
          "mastodon.sdf.org", "kolektiva.social", "troet.cafe", "digitalcourage.social", "social.tchncs.de");

  /** Fewest digits of a status id on a host we do not know as a server: snowflake ids have 17 or more. */
  private static final int FEWEST_SNOWFLAKE_DIGITS = 15;

  @Override
  public List<String> domains() {
    return List.of();
  }

  /** Whether the URL has a Mastodon post path on a host that may be an ActivityPub server. */
  @Override
  public boolean serves(UrlParts url) {
    if (!url.path().startsWith("/@") && !url.path().startsWith("/users/")) {
      return false;
    }
    String host = url.host();
    for (int dot = -1; ; dot = host.indexOf('.', dot + 1)) {
      if (NOT_ACTIVITYPUB.contains(host.substring(dot + 1))) {
        return false;
      }
      if (host.indexOf('.', dot + 1) < 0) {
        return true;
      }
    }
  }

  @Override
  public Optional<OtherPlatformUrls.Post> post(UrlParts url) {
    String path = url.path();
    if (path.startsWith("/@")) {
      Matcher m = AT_POST.matcher(path);
      if (m.matches() && plausibleId(m.group("id"), url.host())) {
        String home = m.group("home") == null ? url.host() : m.group("home");
        String shown = m.group("home") == null ? m.group("user") : m.group("user") + "@" + m.group("home");
        return Optional.of(post(m.group("user") + "@" + home, m.group("id"), url.host(), shown));
      }
    } else if (path.startsWith("/users/")) {
      Matcher m = USERS_STATUSES.matcher(path);
      if (m.matches() && plausibleId(m.group("id"), url.host())) {
        return Optional.of(post(m.group("user") + "@" + url.host(), m.group("id"), url.host(), m.group("user")));
      }
    }
    return Optional.empty();
  }

  private static OtherPlatformUrls.Post post(String handle, String id, String host, String pathUser) {
    return new OtherPlatformUrls.Post(Platform.MASTODON, handle.toLowerCase(Locale.ROOT), id,
        "https://" + host + "/@" + pathUser.toLowerCase(Locale.ROOT) + "/" + id);
  }

  /** Whether {@code id} can be a status id on {@code host} (see the class comment). */
  private static boolean plausibleId(String id, String host) {
    return id.length() >= FEWEST_SNOWFLAKE_DIGITS || KNOWN_SERVERS.contains(host) || host.contains("mastodon")
        || host.contains("mstdn") || host.contains("toot");
  }
}
