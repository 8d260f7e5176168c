package org.embedwatch.platform.wayback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.platform.PostKey;

/**
 * The Wayback CDX server ({@code https://web.archive.org/cdx/search/cdx}, platform-protocols §5.1 and §5.4): lists the
 * captures of a post's URL. Queried by prefix, scheme-less, in the forms tweets are captured under:
 * {@code twitter.com/<user>/status/<id>}, {@code x.com/<user>/status/<id>} and {@code twitter.com/i/web/status/<id>};
 * and, for a post found gone, its syndication JSON {@code cdn.syndication.twimg.com/tweet-result?id=<id>} (react-tweet's
 * form, the id first).
 */
public final class CdxClient {
  public static final String ENDPOINT = "wayback-cdx";
  static final String FIELDS = "original,timestamp,digest,mimetype,length,statuscode";
  static final int LIMIT = 1000;
  private static final URI BASE = URI.create("https://web.archive.org/cdx/search/cdx");
  private static final Pattern STATUS_ID = Pattern.compile("/status(?:es)?/([0-9]{1,40})(?![0-9])");
  private static final Pattern TWEET_RESULT =
      Pattern.compile("^(?:https?://)?cdn\\.syndication\\.twimg\\.com/tweet-result\\?(?:[^#]*&)?"
          + "id=([0-9]{1,40})(?:[&#]|$)");

  private final HttpFetcher http;
  private final ObjectMapper json;

  public CdxClient(HttpFetcher http, ObjectMapper json) {
    this.http = http;
    this.json = json;
  }

  /** The URL patterns to query for a post: the twitter.com and x.com forms (with a handle) and the i/web form. */
  public static List<String> patterns(PostKey post) {
    List<String> out = new ArrayList<>();
    UrlForm.STATUS_PAGES.forEach(f -> f.pattern(post).ifPresent(out::add));
    return out;
  }

  /** The pattern of a post's archived syndication JSON, as react-tweet asks for it (the id first). */
  public static String syndicationPattern(String postId) {
    return "cdn.syndication.twimg.com/tweet-result?id=" + postId;
  }

  /** The request for every capture whose URL starts with {@code pattern}. */
  public static URI requestUri(String pattern) {
    return URI.create(BASE + "?url=" + URLEncoder.encode(pattern, StandardCharsets.UTF_8)
        + "&matchType=prefix&output=json&fl=" + URLEncoder.encode(FIELDS, StandardCharsets.UTF_8) + "&limit=" + LIMIT);
  }

  /**
   * The captures of post {@code postId} listed under {@code pattern}. Rows for another post (a prefix also matches
   * longer ids) are dropped. Never throws for what the network or the archive does.
   */
  public WaybackAnswer search(String pattern, String postId) {
    Fetch fetch = http.get(requestUri(pattern), Map.of("Accept", "application/json"));
    var failed = WaybackAnswer.unless200(ENDPOINT, fetch);
    if (failed.isPresent()) {
      return failed.get();
    }
    Fetch.Response r = (Fetch.Response) fetch;
    CdxRows rows;
    try {
      JsonNode root = r.body().length == 0 ? null : json.readTree(r.body());
      rows = CdxRows.parse(root);
    } catch (IOException | IllegalArgumentException e) {
      return new WaybackAnswer.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED,
          "not a CDX JSON answer (" + e.getMessage() + "): " + WaybackAnswer.snippet(r));
    }
    List<Memento> mine = rows.mementos().stream().filter(m -> isPost(m.original(), postId)).toList();
    String more = rows.resumeKey() == null ? "" : ", more behind resume key " + rows.resumeKey();
    if (mine.isEmpty()) {
      return new WaybackAnswer.NoneFound(ENDPOINT, r, "no captures under " + pattern
          + (rows.mementos().isEmpty() ? "" : " (" + rows.mementos().size() + " of other posts)") + more);
    }
    return new WaybackAnswer.Found(ENDPOINT, r, mine, mine.size() + (mine.size() == 1 ? " capture" : " captures")
        + " under " + pattern + (rows.mementos().size() >= LIMIT ? " (the limit of " + LIMIT + " reached)" : "")
        + more);
  }

  /**
   * The request sweeping an account's status pages ({@code twitter.com/<handle>/status/}, by prefix) captured between
   * {@code from} and {@code to} (inclusive days), one row per urlkey ({@code collapse=urlkey}).
   */
  public static URI sweepUri(String handle, java.time.LocalDate from, java.time.LocalDate to) {
    java.time.format.DateTimeFormatter day = java.time.format.DateTimeFormatter.BASIC_ISO_DATE;
    return URI.create(BASE + "?url=" + URLEncoder.encode(sweepPattern(handle), StandardCharsets.UTF_8)
        + "&matchType=prefix&output=json&fl=" + URLEncoder.encode(FIELDS, StandardCharsets.UTF_8)
        + "&from=" + day.format(from) + "&to=" + day.format(to) + "&collapse=urlkey&limit=" + LIMIT);
  }

  /** {@code twitter.com/<handle>/status/}. */
  public static String sweepPattern(String handle) {
    return "twitter.com/" + handle + "/status/";
  }

  /**
   * Every capture of {@code handle}'s status pages between {@code from} and {@code to}, whatever post it is of (see
   * {@link #statusId}). Never throws for what the network or the archive does.
   */
  public WaybackAnswer sweep(String handle, java.time.LocalDate from, java.time.LocalDate to) {
    if (!handle.matches("[A-Za-z0-9_]{1,50}")) {
      throw new IllegalArgumentException("not an X handle: '" + handle + "'");
    }
    Fetch fetch = http.get(sweepUri(handle, from, to), Map.of("Accept", "application/json"));
    var failed = WaybackAnswer.unless200(ENDPOINT, fetch);
    if (failed.isPresent()) {
      return failed.get();
    }
    Fetch.Response r = (Fetch.Response) fetch;
    CdxRows rows;
    try {
      rows = CdxRows.parse(r.body().length == 0 ? null : json.readTree(r.body()));
    } catch (IOException | IllegalArgumentException e) {
      return new WaybackAnswer.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED,
          "not a CDX JSON answer (" + e.getMessage() + "): " + WaybackAnswer.snippet(r));
    }
    List<Memento> statuses = rows.mementos().stream().filter(m -> statusId(m.original()).isPresent()).toList();
    String where = sweepPattern(handle) + " between " + from + " and " + to;
    if (statuses.isEmpty()) {
      return new WaybackAnswer.NoneFound(ENDPOINT, r, "no capture of " + where);
    }
    return new WaybackAnswer.Found(ENDPOINT, r, statuses, statuses.size()
        + (statuses.size() == 1 ? " capture" : " captures") + " of " + where
        + (rows.mementos().size() >= LIMIT ? " (the limit of " + LIMIT + " reached)" : ""));
  }

  /** The status id a status URL names, or empty. */
  public static java.util.Optional<String> statusId(String original) {
    Matcher m = STATUS_ID.matcher(original);
    return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }

  /** True when {@code original} is a status URL or the syndication JSON of post {@code postId}. */
  static boolean isPost(String original, String postId) {
    if (isStatus(original, postId)) {
      return true;
    }
    Matcher m = TWEET_RESULT.matcher(original);
    return m.find() && m.group(1).equals(postId);
  }

  static boolean isStatus(String original, String postId) {
    Matcher m = STATUS_ID.matcher(original);
    return m.find() && m.group(1).equals(postId);
  }
}
