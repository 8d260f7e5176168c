package org.embedwatch.sandbox;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.platform.x.SyndicationToken;

/**
 * What the simulated Wayback Machine holds: for each scenario post, captures derived from it, in the forms tweets are
 * archived under (platform-protocols §5.4): its twitter.com URL three hours after it was posted (200), a
 * {@code http://…?s=20} share link two days after (302, the redirect to the clean URL), and its x.com URL 400 days
 * after (200); when {@link #syndicationArchived(boolean) switched on}, also its syndication JSON
 * ({@code cdn.syndication.twimg.com/tweet-result?id=…}) one hour after (200, {@code application/json}). Only captures
 * made by the sandbox's now are listed. No i/web form is held. Each capture's bytes are the post as it stood at the
 * capture's time ({@link MementoPages}); the CDX digest is their base32 SHA-1. Thread-safe.
 */
final class WaybackArchive {
  private static final Pattern STATUS = Pattern.compile("/status(?:es)?/([0-9]{1,40})");
  private static final Pattern TWEET_RESULT = Pattern.compile("/tweet-result\\?(?:.*&)?id=([0-9]{1,40})(?:&|$)");
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneOffset.UTC);

  /** The forms a post is captured under. */
  enum Form {
    STATUS_PAGE,
    SHARE_LINK,
    X_PAGE,
    SYNDICATION
  }

  /** One capture as the CDX server lists it, with the post and form it is a capture of. */
  record Capture(String postId, Form form, Instant at, String urlkey, String timestamp, String original,
      String mimetype, String statuscode, String digest, String length) {
    String field(String name) {
      return switch (name) {
        case "urlkey" -> urlkey;
        case "timestamp" -> timestamp;
        case "original" -> original;
        case "mimetype" -> mimetype;
        case "statuscode" -> statuscode;
        case "digest" -> digest;
        case "length" -> length;
        default -> throw new IllegalArgumentException("no CDX field '" + name + "'");
      };
    }
  }

  private final Timeline timeline;
  private final MementoPages pages;
  private volatile boolean syndicationArchived;

  WaybackArchive(Timeline timeline, MementoPages pages) {
    this.timeline = timeline;
    this.pages = pages;
  }

  /** Whether the archive also holds each post's syndication JSON. Off by default. */
  void syndicationArchived(boolean on) {
    syndicationArchived = on;
  }

  /**
   * The captures whose scheme-less, lower-cased URL starts with (or, unless {@code prefix}, equals) {@code url}. A
   * prefix without a post id ({@code twitter.com/<user>/status/}) sweeps every post's captures, sorted as the index
   * is (by urlkey, then timestamp).
   */
  List<Capture> captures(String url, boolean prefix) {
    String wanted = bare(url);
    Optional<String> id = postId(wanted);
    List<Capture> out = new ArrayList<>();
    if (id.isEmpty()) {
      if (prefix && wanted.contains("/")) {
        // A sweep of an account (twitter.com/<user>/status/): every X post's captures under it, in index order.
        for (String postId : timeline.postIds()) {
          capturesOf(postId).stream().filter(c -> bare(c.original()).startsWith(wanted)).forEach(out::add);
        }
        out.sort(Comparator.comparing(Capture::urlkey).thenComparing(Capture::timestamp));
      }
      return out;
    }
    for (Capture c : capturesOf(id.get())) {
      String have = bare(c.original());
      if (prefix ? have.startsWith(wanted) : have.equals(wanted)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The capture of {@code url} closest in time to the 14-digit {@code timestamp}, or empty when it was never captured. */
  Optional<Capture> closest(String url, String timestamp) {
    long wanted = Long.parseLong(timestamp);
    return captures(url, false).stream()
        .min(Comparator.comparingLong(c -> Math.abs(Long.parseLong(c.timestamp()) - wanted)));
  }

  /** The bytes the archive holds for {@code capture}. */
  byte[] payload(Capture capture) {
    PostState then = timeline.stateAt(capture.postId(), capture.at()).orElseThrow(
        () -> new IllegalStateException("no post '" + capture.postId() + "' for a capture of it"));
    return switch (capture.form()) {
      case STATUS_PAGE -> pages.statusPage(then);
      case X_PAGE -> pages.xPage(then);
      case SHARE_LINK -> new byte[0];
      case SYNDICATION -> pages.syndication(then);
    };
  }

  /** Every capture of post {@code id} made by now, oldest first. */
  List<Capture> capturesOf(String id) {
    Optional<PostState> found = timeline.find(id);
    List<Capture> out = new ArrayList<>();
    if (found.isEmpty()) {
      return out;
    }
    PostState p = found.get();
    Instant created = p.createdAt();
    if (syndicationArchived) {
      add(out, id, Form.SYNDICATION, "https://cdn.syndication.twimg.com/tweet-result?id=" + id + "&lang=en&token="
          + SyndicationToken.of(id), created.plus(Duration.ofHours(1)), "application/json", "200", 2954);
    }
    add(out, id, Form.STATUS_PAGE, "https://twitter.com/" + p.handle() + "/status/" + id,
        created.plus(Duration.ofHours(3)), "text/html", "200", 4587);
    add(out, id, Form.SHARE_LINK, "http://twitter.com/" + p.handle() + "/status/" + id + "?s=20",
        created.plus(Duration.ofDays(2)), "text/html", "302", 1231);
    add(out, id, Form.X_PAGE, "https://x.com/" + p.handle() + "/status/" + id, created.plus(Duration.ofDays(400)),
        "text/html", "200", 3859);
    return out;
  }

  private void add(List<Capture> out, String id, Form form, String original, Instant at, String mimetype,
      String status, int length) {
    if (at.isAfter(timeline.now())) {
      return;
    }
    String ts = TS.format(at);
    String bare = bare(original);
    int slash = bare.indexOf('/');
    String[] host = bare.substring(0, slash).split("\\.");
    StringBuilder surt = new StringBuilder();
    for (int i = host.length - 1; i >= 0; i--) {
      surt.append(host[i]).append(i == 0 ? ")" : ",");
    }
    Capture unhashed = new Capture(id, form, at, surt + bare.substring(slash), ts, original, mimetype, status, "",
        Integer.toString(length));
    out.add(new Capture(id, form, at, unhashed.urlkey(), ts, original, mimetype, status,
        base32Sha1(payload(unhashed)), unhashed.length()));
  }

  private static Optional<String> postId(String bareUrl) {
    Matcher m = STATUS.matcher(bareUrl);
    if (m.find()) {
      return Optional.of(m.group(1));
    }
    Matcher r = TWEET_RESULT.matcher(bareUrl);
    return r.find() ? Optional.of(r.group(1)) : Optional.empty();
  }

  /** The URL without scheme and {@code www.}, lower-cased: how the CDX index (SURT) compares URLs. */
  static String bare(String url) {
    String s = url.toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
    return s.startsWith("www.") ? s.substring(4) : s;
  }

  /** A base32 SHA-1, like the CDX digest. */
  static String base32Sha1(byte[] bytes) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-1").digest(bytes);
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
      StringBuilder out = new StringBuilder();
      int buffer = 0;
      int bits = 0;
      for (byte b : sha) {
        buffer = (buffer << 8) | (b & 0xff);
        bits += 8;
        while (bits >= 5) {
          out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
          bits -= 5;
        }
      }
      return out.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-1", e);
    }
  }
}
