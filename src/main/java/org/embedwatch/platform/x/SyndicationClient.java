package org.embedwatch.platform.x;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.UnavailableReason;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.platform.PostEndpoint;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;
import org.embedwatch.evidence.Platform;

/**
 * X's syndication endpoint ({@code https://cdn.syndication.twimg.com/tweet-result}), the one behind X's own embed
 * widget: no credentials, token computed from the id. Maps every answer to one {@link PostFetch} (platform-protocols
 * §1.4): a Tweet is served; a {@code TweetTombstone} is unavailable with the reason its text gives; {@code {}} and 404
 * are not found; 429, 5xx, 403 and transport errors are inconclusive; anything else is unexpected and kept as is.
 */
public final class SyndicationClient implements PostEndpoint {
  public static final String ENDPOINT = "x-syndication";
  private static final URI BASE = URI.create("https://cdn.syndication.twimg.com/tweet-result");
  private static final Pattern ID = Pattern.compile("[0-9]{1,40}");
  private static final String FEATURES = String.join(";",
      "tfw_timeline_list:", "tfw_follower_count_sunset:true", "tfw_tweet_edit_backend:on",
      "tfw_refsrc_session:on", "tfw_fosnr_soft_interventions_enabled:on", "tfw_show_birdwatch_pivots_enabled:on",
      "tfw_show_business_verified_badge:on", "tfw_duplicate_scribes_to_settings:on",
      "tfw_use_profile_image_shape_enabled:on", "tfw_show_blue_verified_badge:on",
      "tfw_legacy_timeline_sunset:true", "tfw_show_gov_verified_badge:on",
      "tfw_show_business_affiliate_badge:on", "tfw_tweet_edit_frontend:on");

  private final HttpFetcher http;
  private final ObjectMapper json;
  private final SyndicationTweet tweets;

  public SyndicationClient(HttpFetcher http, ObjectMapper json) {
    this.http = http;
    this.json = json;
    this.tweets = new SyndicationTweet(json);
  }

  /** The request URL for a tweet id, exactly as X's widget (via react-tweet) builds it. */
  public static URI requestUri(String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a tweet id: '" + id + "'");
    }
    return URI.create(BASE + "?id=" + id + "&lang=en&features="
        + URLEncoder.encode(FEATURES, StandardCharsets.UTF_8) + "&token=" + SyndicationToken.of(id));
  }

  @Override
  public Platform platform() {
    return Platform.X;
  }

  @Override
  public String name() {
    return ENDPOINT;
  }

  /** Asks the endpoint about tweet {@code id}. Never throws for what the network or the endpoint does. */
  @Override
  public PostFetch fetch(PostKey post) {
    String id = post.postId();
    Fetch fetch = http.get(requestUri(id), Map.of("Accept", "application/json"));
    if (fetch instanceof Fetch.Failure f) {
      return PostFetch.Inconclusive.of(ENDPOINT, f);
    }
    Fetch.Response r = (Fetch.Response) fetch;
    int status = r.status();
    if (status == 404) {
      return new PostFetch.NotFound(ENDPOINT, r, "HTTP 404");
    }
    Optional<PostFetch.Inconclusive> unanswered = PostFetch.Inconclusive.unanswered(ENDPOINT, r);
    if (unanswered.isPresent()) {
      return unanswered.get();
    }
    if (status == 401 || status == 403) {
      return new PostFetch.Inconclusive(ENDPOINT, r, Outcome.REFUSED, "HTTP " + status + " " + r.snippet());
    }
    if (status != 200) {
      return new PostFetch.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED, "HTTP " + status + " " + r.snippet());
    }
    if (r.truncated()) {
      return new PostFetch.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED, r.truncation());
    }
    JsonNode body;
    try {
      body = json.readTree(r.body());
    } catch (JsonProcessingException e) {
      return new PostFetch.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED, "not JSON: " + r.snippet());
    } catch (java.io.IOException e) {
      return new PostFetch.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED, "unreadable body: " + e.getMessage());
    }
    return interpret(id, r, body);
  }

  private PostFetch interpret(String id, Fetch.Response r, JsonNode body) {
    if (body == null || !body.isObject()) {
      return new PostFetch.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED, "not a JSON object: " + r.snippet());
    }
    if (body.isEmpty()) {
      return new PostFetch.NotFound(ENDPOINT, r, "empty answer {}");
    }
    String typename = body.path("__typename").asText("");
    if (typename.equals("TweetTombstone")) {
      String text = body.path("tombstone").path("text").path("text").asText("");
      return new PostFetch.Unavailable(ENDPOINT, r, tombstoneReason(text),
          text.isEmpty() ? "tombstone without text" : "tombstone: " + text);
    }
    if (typename.equals("Tweet") && id.equals(body.path("id_str").asText())) {
      if (!body.path("user").isObject()) {
        return new PostFetch.Unavailable(ENDPOINT, r, UnavailableReason.ACCOUNT_GONE,
            "post served without its author (the account no longer exists or is suspended)");
      }
      return new PostFetch.Served(ENDPOINT, r, tweets.read(body));
    }
    return new PostFetch.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED,
        "unrecognised body (__typename '" + typename + "', id_str '" + body.path("id_str").asText("") + "')");
  }

  /** The reason a tombstone's text gives, in the words X uses (platform-protocols §1.4). */
  static UnavailableReason tombstoneReason(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    if (t.contains("deleted by the post author") || t.contains("deleted by the tweet author")) {
      return UnavailableReason.DELETED;
    }
    if (t.contains("suspended")) {
      return UnavailableReason.SUSPENDED;
    }
    if (t.contains("protected") || t.contains("limits who can view")) {
      return UnavailableReason.PROTECTED;
    }
    if (t.contains("withheld")) {
      return UnavailableReason.WITHHELD;
    }
    if (t.contains("age-restricted") || t.contains("age restricted")) {
      return UnavailableReason.AGE_RESTRICTED;
    }
    return UnavailableReason.UNKNOWN;
  }

}
