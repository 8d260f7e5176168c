package org.embedwatch.extract;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Platform;

/**
 * Telegram channel post URLs: {@code t.me/<channel>/<n>}, {@code t.me/s/<channel>/<n>} (the web preview) and the same
 * on {@code telegram.me}, plus the widget's {@code data-telegram-post="channel/n"}. Message numbers count per channel,
 * so the id is {@code <channel>/<n>} with the channel in lower case (Telegram names ignore case); the handle is the
 * channel as the page writes it.
 *
 * <p>Not posts: a channel alone, {@code joinchat} and {@code +} invite links, {@code share/url}, sticker sets.
 */
final class TelegramUrls implements PlatformUrls {

  private static final Pattern POST =
      Pattern.compile("/(?:s/)?(?<channel>[A-Za-z][A-Za-z0-9_]{3,31})/(?<n>[0-9]{1,12})/?");
  private static final Pattern WIDGET = Pattern.compile("(?<channel>[A-Za-z][A-Za-z0-9_]{3,31})/(?<n>[0-9]{1,12})");

  /** Paths of t.me that are site functions, never a channel. */
  private static final Set<String> RESERVED =
      Set.of(
          "joinchat", "share", "addstickers", "addemoji", "addtheme", "addlist", "proxy", "socks", "iv",
          "setlanguage", "login", "confirmphone", "invoice", "boost", "contact", "giftcode", "bg");

  @Override
  public List<String> domains() {
    return List.of("t.me", "telegram.me", "telegram.dog");
  }

  @Override
  public boolean serves(UrlParts url) {
    return url.hostIs("t.me") || url.hostIs("telegram.me") || url.hostIs("telegram.dog");
  }

  @Override
  public Optional<OtherPlatformUrls.Post> post(UrlParts url) {
    return match(POST.matcher(url.path()));
  }

  /** The post of a widget's {@code data-telegram-post} value ({@code "durov/43"}). */
  static Optional<OtherPlatformUrls.Post> widget(String value) {
    return value == null || value.length() > 60 ? Optional.empty() : match(WIDGET.matcher(value.strip()));
  }

  private static Optional<OtherPlatformUrls.Post> match(Matcher m) {
    if (!m.matches() || RESERVED.contains(m.group("channel").toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    String channel = m.group("channel");
    String n = m.group("n");
    return Optional.of(
        new OtherPlatformUrls.Post(
            Platform.TELEGRAM, channel, channel.toLowerCase(Locale.ROOT) + "/" + n, "https://t.me/" + channel + "/" + n));
  }
}
