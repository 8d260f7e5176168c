package org.embedwatch.extract;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules that tell whether a URL names one X/Twitter post (a "status URL"), and which. Pure string work: ids stay
 * the exact decimal digits of the URL, never passing through a number type.
 */
public final class StatusUrls {

  /** Hosts that serve status pages. */
  private static final Set<String> STATUS_HOSTS =
      Set.of(
          "twitter.com",
          "www.twitter.com",
          "mobile.twitter.com",
          "m.twitter.com",
          "x.com",
          "www.x.com",
          "mobile.x.com");

  /** First path segments that are site sections, not user handles. */
  private static final Set<String> RESERVED =
      Set.of(
          "i", "intent", "share", "search", "hashtag", "home", "explore", "settings", "messages",
          "notifications", "login", "signup", "compose", "widgets", "account");

  private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_]{1,20}");
  private static final Pattern ID = Pattern.compile("[0-9]{1,20}");

  /** {@code /<handle>/status/<id>}, {@code /<handle>/statuses/<id>}, {@code /i/web/status/<id>}, {@code /i/status/<id>}. */
  private static final Pattern PATH =
      Pattern.compile(
          "/(?:(?<web>i/web|i)|(?<handle>[A-Za-z0-9_]{1,20}))/status(?:es)?/(?<id>[0-9]{1,20})(?:/.*)?");

  /** The old handle-less form {@code /statuses/<id>}. */
  private static final Pattern BARE_STATUSES = Pattern.compile("/statuses/(?<id>[0-9]{1,20})(?:/.*)?");

  /** A tweet id inside an embed URL's query string ({@code Tweet.html?id=…} and the widget iframes). */
  private static final Pattern EMBED_ID = Pattern.compile("(?:^|[?&])id=([0-9]{1,20})(?:&|#|$)");

  private StatusUrls() {}

  /** Whether {@code handle} (without {@code @}) is a plausible X handle: 1–20 letters, digits or underscores. */
  static boolean isHandle(String handle) {
    return handle != null && HANDLE.matcher(handle).matches();
  }

  /** One X post as a status URL names it. */
  public record XStatus(String handle, String id) {

    /** Validates: {@code id} is 1–20 decimal digits; {@code handle} is null or a plausible X handle. */
    public XStatus {
      Objects.requireNonNull(id, "id");
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException("not a tweet id: '" + id + "'");
      }
      if (handle != null && !HANDLE.matcher(handle).matches()) {
        throw new IllegalArgumentException("not an X handle: '" + handle + "'");
      }
    }

    /** {@code https://twitter.com/<handle>/status/<id>}, or {@code https://twitter.com/i/web/status/<id>}. */
    public String canonicalUrl() {
      return handle == null
          ? "https://twitter.com/i/web/status/" + id
          : "https://twitter.com/" + handle + "/status/" + id;
    }
  }

  /** Parses any X/Twitter status URL form; empty when it is not one (or longer than 4,000 characters). Never throws. */
  public static Optional<XStatus> parse(String url) {
    if (url == null || url.length() > UrlParts.MAX_LENGTH) {
      return Optional.empty();
    }
    String rest = UrlParts.withoutScheme(url.strip());
    int slash = UrlParts.hostEnd(rest, 0);
    if (slash <= 0) {
      return Optional.empty();
    }
    String host = rest.substring(0, slash).toLowerCase(Locale.ROOT);
    int colon = host.indexOf(':');
    if (colon >= 0) {
      host = host.substring(0, colon);
    }
    if (!STATUS_HOSTS.contains(host)) {
      return Optional.empty();
    }
    return parsePath(rest.substring(slash));
  }

  /** The tweet id of a {@code platform.twitter.com/embed/Tweet.html?id=} (or widget iframe) URL. */
  static Optional<String> embedId(String url) {
    if (url == null) {
      return Optional.empty();
    }
    String rest = UrlParts.withoutScheme(url.strip());
    if (!rest.regionMatches(true, 0, "platform.twitter.com/embed/", 0, 27)) {
      return Optional.empty();
    }
    int query = rest.indexOf('?');
    if (query < 0) {
      return Optional.empty();
    }
    Matcher m = EMBED_ID.matcher(rest.substring(query));
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static Optional<XStatus> parsePath(String pathAndMore) {
    String path = pathAndMore;
    // Old "hashbang" URLs keep the real path in the fragment: twitter.com/#!/user/status/1
    if (path.startsWith("/#!/") || path.startsWith("#!/")) {
      path = path.substring(path.indexOf('!') + 1);
    }
    int end = indexOfAny(path, "?#");
    if (end >= 0) {
      path = path.substring(0, end);
    }
    Matcher m = PATH.matcher(path);
    if (m.matches()) {
      String handle = m.group("handle");
      if (handle != null && RESERVED.contains(handle.toLowerCase(Locale.ROOT))) {
        return Optional.empty();
      }
      return Optional.of(new XStatus(handle, m.group("id")));
    }
    Matcher bare = BARE_STATUSES.matcher(path);
    if (bare.matches()) {
      return Optional.of(new XStatus(null, bare.group("id")));
    }
    return Optional.empty();
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
