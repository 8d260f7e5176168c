package org.embedwatch.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the simulated Wayback Machine holds: for each scenario post, captures derived from it, in the forms tweets are
 * archived under (platform-protocols §5.4): its twitter.com URL three hours after it was posted (200), a
 * {@code http://…?s=20} share link two days after (302, the redirect to the clean URL), and its x.com URL 400 days
 * after (200). Only captures made by the sandbox's now are listed. No i/web form is held. Also the switchable fault of
 * both Wayback hosts. Thread-safe.
 */
final class WaybackArchive {
  private static final Pattern STATUS = Pattern.compile("/status(?:es)?/([0-9]{1,40})");
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneOffset.UTC);

  /** One capture as the CDX server lists it. */
  record Capture(String urlkey, String timestamp, String original, String mimetype, String statuscode, String digest,
      String length) {
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
  private volatile Fault fault = Fault.none();

  WaybackArchive(Timeline timeline) {
    this.timeline = timeline;
  }

  Fault fault() {
    return fault;
  }

  void fault(Fault next) {
    fault = next;
  }

  /** The captures whose scheme-less, lower-cased URL starts with (or, unless {@code prefix}, equals) {@code url}. */
  List<Capture> captures(String url, boolean prefix) {
    String wanted = bare(url);
    Matcher m = STATUS.matcher(wanted);
    List<Capture> out = new ArrayList<>();
    if (!m.find()) {
      return out;
    }
    for (Capture c : capturesOf(m.group(1))) {
      String have = bare(c.original());
      if (prefix ? have.startsWith(wanted) : have.equals(wanted)) {
        out.add(c);
      }
    }
    return out;
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
    add(out, "https://twitter.com/" + p.handle() + "/status/" + id, created.plus(Duration.ofHours(3)), "200", 4587);
    add(out, "http://twitter.com/" + p.handle() + "/status/" + id + "?s=20", created.plus(Duration.ofDays(2)), "302",
        1231);
    add(out, "https://x.com/" + p.handle() + "/status/" + id, created.plus(Duration.ofDays(400)), "200", 3859);
    return out;
  }

  private void add(List<Capture> out, String original, Instant at, String status, int length) {
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
    out.add(new Capture(surt + bare.substring(slash), ts, original, "text/html", status, digest(original + ts),
        Integer.toString(length)));
  }

  /** The URL without scheme and {@code www.}, lower-cased: how the CDX index (SURT) compares URLs. */
  private static String bare(String url) {
    String s = url.toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
    return s.startsWith("www.") ? s.substring(4) : s;
  }

  /** A base32 SHA-1, like the CDX digest. */
  private static String digest(String s) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
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
