package org.embedwatch.platform.x;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.embedwatch.Outcome;
import org.embedwatch.Platform;
import org.embedwatch.Sha256;
import org.embedwatch.UnavailableReason;
import org.embedwatch.archive.ExchangeRecorder;
import org.embedwatch.archive.HttpExchangeRecord;
import org.embedwatch.archive.WarcLocation;
import org.embedwatch.config.Settings;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.Routes;
import org.embedwatch.platform.PostContent;
import org.embedwatch.platform.PostEndpoint;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;
import twitter4j.TwitterException;
import twitter4j.TwitterObjectFactory;
import twitter4j.v1.Status;

/**
 * X's v1.1 {@code statuses/show} through Twitter4J, used when OAuth 1.0a credentials are configured. Twitter4J has its
 * own transport, so its base URL comes from {@code net.route.api.twitter.com} and the exchange is recorded in WARC from
 * what Twitter4J hands back (the raw JSON it kept, or the error status and body), with the Authorization header
 * redacted. Error codes map as in platform-protocols §3.1.
 */
public final class V1Client implements PostEndpoint {
  public static final String ENDPOINT = "x-v1.1";
  private static final String REAL_BASE = "https://api.twitter.com/1.1/";

  private final twitter4j.Twitter twitter;
  private final ExchangeRecorder recorder;
  private final ObjectMapper json;
  private final Clock clock;

  public V1Client(Settings.XV1Credentials credentials, Settings.Net net, Routes routes, ExchangeRecorder recorder,
      ObjectMapper json, Clock clock) {
    Properties p = new Properties();
    p.setProperty("restBaseURL", routes.baseFor("api.twitter.com").map(b -> b + "/1.1/").orElse(REAL_BASE));
    this.twitter = twitter4j.Twitter.newBuilder()
        .load(p)
        .oAuthConsumer(credentials.consumerKey(), credentials.consumerSecret())
        .oAuthAccessToken(credentials.accessToken(), credentials.accessTokenSecret())
        .tweetModeExtended(true)
        .jsonStoreEnabled(true)
        .httpRetryCount(0)
        .httpConnectionTimeout((int) net.connectTimeout().toMillis())
        .httpReadTimeout((int) net.readTimeout().toMillis())
        .build();
    this.recorder = recorder;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public Platform platform() {
    return Platform.X;
  }

  @Override
  public String name() {
    return ENDPOINT;
  }

  @Override
  public PostFetch fetch(PostKey post) {
    String postId = post.postId();
    URI uri = URI.create(REAL_BASE + "statuses/show/" + postId + ".json?tweet_mode=extended");
    Instant at = clock.instant();
    long id;
    try {
      id = Long.parseLong(postId);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a tweet id: '" + postId + "'", e);
    }
    try {
      Status status = twitter.v1().tweets().showStatus(id);
      String raw = TwitterObjectFactory.getRawJSON(status);
      byte[] body = raw == null ? new byte[0] : raw.getBytes(StandardCharsets.UTF_8);
      Fetch.Response r = record(uri, at, 200, "OK", body);
      JsonNode node = json.readTree(body);
      return new PostFetch.Served(ENDPOINT, r, content(node));
    } catch (TwitterException e) {
      return failure(uri, at, e);
    } catch (IOException e) {
      Fetch.Response r = record(uri, at, 200, "OK", new byte[0]);
      return new PostFetch.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED, "unreadable status JSON: " + e.getMessage());
    }
  }

  private PostFetch failure(URI uri, Instant at, TwitterException e) {
    if (e.isCausedByNetworkIssue() || e.getStatusCode() <= 0) {
      WarcLocation loc = recorder.write(new HttpExchangeRecord(uri, null, at, "GET", requestHeaders(), null,
          "twitter4j: " + e.getMessage()));
      return new PostFetch.Inconclusive(ENDPOINT, new Fetch.Failure(uri, at, Fetch.Kind.IO, e.getMessage(), loc),
          Outcome.TRANSPORT_ERROR, "transport error: " + firstLine(e.getMessage()));
    }
    int status = e.getStatusCode();
    String detail = "HTTP " + status + " code " + e.getErrorCode() + ": " + e.getErrorMessage();
    Fetch.Response r = record(uri, at, status, "", String.valueOf(e.getErrorMessage()).getBytes(StandardCharsets.UTF_8));
    return switch (e.getErrorCode()) {
      case 144 -> new PostFetch.Unavailable(ENDPOINT, r, UnavailableReason.DELETED, detail);
      case 63 -> new PostFetch.Unavailable(ENDPOINT, r, UnavailableReason.SUSPENDED, detail);
      case 179 -> new PostFetch.Unavailable(ENDPOINT, r, UnavailableReason.PROTECTED, detail);
      case 421, 422 -> new PostFetch.Unavailable(ENDPOINT, r, UnavailableReason.UNKNOWN, detail);
      case 34, 50 -> new PostFetch.NotFound(ENDPOINT, r, detail);
      case 88 -> new PostFetch.Inconclusive(ENDPOINT, r, Outcome.RATE_LIMITED, detail);
      default -> new PostFetch.Inconclusive(ENDPOINT, r,
          status == 429 ? Outcome.RATE_LIMITED : status >= 500 ? Outcome.SERVER_ERROR
              : status == 401 || status == 403 ? Outcome.REFUSED : Outcome.UNEXPECTED, detail);
    };
  }

  private Fetch.Response record(URI uri, Instant at, int status, String reason, byte[] body) {
    List<Map.Entry<String, String>> headers = List.of(Map.entry("Content-Type", "application/json"),
        Map.entry("X-Embedwatch-Transport", "twitter4j (body as Twitter4J returned it)"));
    WarcLocation loc = recorder.write(new HttpExchangeRecord(uri, null, at, "GET", requestHeaders(),
        new HttpExchangeRecord.Response(status, reason, headers, body, false), null));
    return new Fetch.Response(uri, uri, at, status, headers, body, false, Sha256.of(body), loc);
  }

  private static List<Map.Entry<String, String>> requestHeaders() {
    return List.of(Map.entry("Authorization", "OAuth [redacted]"));
  }

  private PostContent content(JsonNode s) {
    JsonNode user = s.path("user");
    String text = s.has("full_text") ? s.path("full_text").asText("") : s.path("text").asText("");
    List<PostContent.MediaRef> media = new ArrayList<>();
    for (JsonNode m : s.path("extended_entities").path("media")) {
      if (m.path("type").asText().equals("photo")) {
        media.add(new PostContent.MediaRef("photo", m.path("media_url_https").asText() + "?name=orig"));
      } else {
        media.add(new PostContent.MediaRef("thumbnail", m.path("media_url_https").asText()));
      }
    }
    ObjectNode f = json.createObjectNode();
    f.put("id", s.path("id_str").asText());
    f.put("text", Normalizer.normalize(text, Normalizer.Form.NFC));
    f.put("created_at", s.path("created_at").asText(""));
    f.put("user_id", user.path("id_str").asText(""));
    ArrayNode urls = f.putArray("urls");
    s.path("entities").path("urls").forEach(u -> urls.add(u.path("expanded_url").asText("")));
    ArrayNode mediaIds = f.putArray("media");
    s.path("extended_entities").path("media").forEach(m -> mediaIds.add(m.path("id_str").asText("")));
    f.put("quoted_id", s.path("quoted_status_id_str").asText(""));
    f.put("in_reply_to", s.path("in_reply_to_status_id_str").asText(""));
    String fingerprint = Sha256.of(f.toString().getBytes(StandardCharsets.UTF_8)).hex();
    return new PostContent(s.path("id_str").asText(), text, user.path("screen_name").asText(null),
        user.path("name").asText(null), s.path("created_at").asText(null), media, fingerprint,
        RelatedTweets.of(s, s.path("quoted_status"), s.path("quoted_status_id_str")));
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.split("\n", 2)[0];
  }
}
