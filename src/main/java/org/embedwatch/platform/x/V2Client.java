package org.embedwatch.platform.x;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.UnavailableReason;
import org.embedwatch.config.Settings;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.platform.BatchPostEndpoint;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;

/**
 * X's v2 tweet lookup ({@code GET https://api.twitter.com/2/tweets?ids=…}, up to 100 ids a request) with an App-only
 * bearer token, used when {@code x.v2.bearer-token} is set. Maps every answer to one {@link PostFetch} per post
 * (platform-protocols §3.2): a tweet in {@code data} is served, with its own part of the shared response
 * ({@code /data/<i>}); a partial {@code resource-not-found} error is not found; a {@code not-authorized-for-resource}
 * error is unavailable for an unknown reason (v2 does not tell a protected author from a suspended one); any other
 * error, an id in neither, and a 400 are unexpected; 429 (also the usage cap) is rate limited, 401/403 refused, 5xx a
 * server error, for every post of the request. A post id v2 would refuse is answered without being sent, so it cannot
 * spoil the others. Stateless apart from its collaborators; thread-safe.
 */
public final class V2Client implements BatchPostEndpoint {
  public static final String ENDPOINT = "x-v2";
  /** The most ids one {@code /2/tweets} request takes. */
  public static final int MAX_BATCH = 100;
  /** What v2 accepts as a tweet id. */
  private static final Pattern ID = Pattern.compile("[0-9]{1,19}");
  private static final String BASE = "https://api.twitter.com/2/tweets";
  static final String TWEET_FIELDS = String.join(",", "attachments", "author_id", "created_at", "edit_controls",
      "edit_history_tweet_ids", "entities", "note_tweet", "possibly_sensitive", "public_metrics",
      "referenced_tweets", "withheld");
  static final String EXPANSIONS = "attachments.media_keys,author_id,referenced_tweets.id";
  static final String MEDIA_FIELDS = "alt_text,media_key,preview_image_url,type,url,variants";
  static final String USER_FIELDS = "name,profile_image_url,username";
  private static final String PROBLEMS = "https://api.twitter.com/2/problems/";
  /** The detail stored for a {@code not-authorized-for-resource} error. */
  public static final String NOT_AUTHORIZED =
      "not authorized: protected or suspended author (v2 does not say which)";

  private final Map<String, String> headers;
  private final HttpFetcher http;
  private final ObjectMapper json;
  private final Clock clock;
  private final V2Tweet tweets;

  public V2Client(Settings.BearerToken token, HttpFetcher http, ObjectMapper json, Clock clock) {
    this.headers = Map.of("Authorization", "Bearer " + token.value(), "Accept", "application/json");
    this.http = http;
    this.json = json;
    this.clock = clock;
    this.tweets = new V2Tweet(json);
  }

  /**
   * The lookup URL for {@code ids}, with the fields and expansions a capture needs.
   *
   * @throws IllegalArgumentException when there are no ids, more than {@value #MAX_BATCH}, or one is not a v2 id
   */
  public static URI requestUri(List<String> ids) {
    if (ids.isEmpty() || ids.size() > MAX_BATCH) {
      throw new IllegalArgumentException("a v2 lookup takes 1 to " + MAX_BATCH + " ids, got " + ids.size());
    }
    for (String id : ids) {
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException("not a v2 tweet id: '" + id + "' (must match ^[0-9]{1,19}$)");
      }
    }
    return uri(String.join(",", ids));
  }

  private static URI uri(String ids) {
    return URI.create(BASE + "?ids=" + encode(ids) + "&tweet.fields=" + encode(TWEET_FIELDS)
        + "&expansions=" + encode(EXPANSIONS) + "&media.fields=" + encode(MEDIA_FIELDS)
        + "&user.fields=" + encode(USER_FIELDS));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
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
  public int maxBatch() {
    return MAX_BATCH;
  }

  /** Asks about {@code posts} in requests of at most {@value #MAX_BATCH} distinct ids. Never throws for the network. */
  @Override
  public List<PostFetch> fetchAll(List<PostKey> posts) {
    LinkedHashSet<String> valid = new LinkedHashSet<>();
    for (PostKey post : posts) {
      if (ID.matcher(post.postId()).matches()) {
        valid.add(post.postId());
      }
    }
    List<String> ids = List.copyOf(valid);
    Map<String, PostFetch> answers = new HashMap<>();
    for (int from = 0; from < ids.size(); from += MAX_BATCH) {
      answers.putAll(ask(ids.subList(from, Math.min(ids.size(), from + MAX_BATCH))));
    }
    List<PostFetch> out = new ArrayList<>(posts.size());
    for (PostKey post : posts) {
      PostFetch answer = answers.get(post.postId());
      out.add(answer != null ? answer : notSent(post.postId()));
    }
    return out;
  }

  /** A post whose id v2 would refuse with a 400 for the whole request: answered here, never sent. */
  private PostFetch notSent(String id) {
    String detail = "not a v2 tweet id: '" + id + "' (v2 ids match ^[0-9]{1,19}$); not sent";
    Fetch.Failure failure = new Fetch.Failure(uri(id), clock.instant(), Fetch.Kind.INVALID_REQUEST, detail, null);
    return new PostFetch.Inconclusive(ENDPOINT, failure, Outcome.UNEXPECTED, detail);
  }

  /** One request about {@code ids}: tweet id → answer, for every id. */
  private Map<String, PostFetch> ask(List<String> ids) {
    Fetch fetch = http.get(requestUri(ids), headers);
    if (fetch instanceof Fetch.Failure f) {
      return every(ids, PostFetch.Inconclusive.of(ENDPOINT, f));
    }
    Fetch.Response r = (Fetch.Response) fetch;
    Optional<PostFetch> whole = wholeResponse(r);
    if (whole.isPresent()) {
      return every(ids, whole.get());
    }
    JsonNode body = parse(r.body());
    if (body == null || !body.isObject()) {
      return every(ids, unexpected(r, (body == null ? "not JSON: " : "not a JSON object: ") + r.snippet()));
    }
    JsonNode data = body.path("data");
    if (!data.isMissingNode() && !data.isArray()) {
      return every(ids, unexpected(r, "data is not an array: " + r.snippet()));
    }
    Map<String, Integer> byId = new HashMap<>();
    Map<String, Integer> byEdit = new HashMap<>();
    for (int i = 0; i < data.size(); i++) {
      byId.putIfAbsent(data.get(i).path("id").asText(""), i);
      for (JsonNode version : data.get(i).path("edit_history_tweet_ids")) {
        byEdit.putIfAbsent(version.asText(""), i);
      }
    }
    Map<String, JsonNode> errors = new HashMap<>();
    for (JsonNode error : body.path("errors")) {
      errors.putIfAbsent(error.path("value").asText(error.path("resource_id").asText("")), error);
    }
    Map<String, PostFetch> out = new HashMap<>();
    for (String id : ids) {
      Integer i = byId.containsKey(id) ? byId.get(id) : byEdit.get(id);
      out.put(id, i != null ? served(r, data, i, body.path("includes")) : partialError(r, id, errors.get(id)));
    }
    return out;
  }

  private PostFetch served(Fetch.Response r, JsonNode data, int i, JsonNode includes) {
    JsonNode tweet = data.get(i);
    byte[] part;
    try {
      part = json.writeValueAsBytes(tweet);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot re-serialize /data/" + i + " of " + r.uri(), e);
    }
    return new PostFetch.Served(ENDPOINT, r, tweets.read(tweet, includes), new PostFetch.Part("/data/" + i, part));
  }

  /** What the {@code errors} entry about {@code id} says, or unexpected when there is none. */
  private static PostFetch partialError(Fetch.Response r, String id, JsonNode error) {
    if (error == null) {
      return unexpected(r, "tweet " + id + " is in neither data nor errors");
    }
    String type = error.path("type").asText("");
    String detail = error.path("detail").asText("");
    if (type.equals(PROBLEMS + "resource-not-found")) {
      return new PostFetch.NotFound(ENDPOINT, r, detail.isEmpty() ? "Not Found Error" : detail);
    }
    if (type.equals(PROBLEMS + "not-authorized-for-resource")) {
      return new PostFetch.Unavailable(ENDPOINT, r, UnavailableReason.UNKNOWN, NOT_AUTHORIZED);
    }
    return unexpected(r, "error " + error.path("title").asText("(no title)") + ": "
        + (detail.isEmpty() ? error.path("message").asText(type) : detail));
  }

  /** The answers that are the same for every post of the request (anything but a readable 200). */
  private Optional<PostFetch> wholeResponse(Fetch.Response r) {
    int status = r.status();
    if (status == 429) {
      return Optional.of(new PostFetch.Inconclusive(ENDPOINT, r, Outcome.RATE_LIMITED, "HTTP 429 " + problem(r)));
    }
    if (status >= 500) {
      return Optional.of(new PostFetch.Inconclusive(ENDPOINT, r, Outcome.SERVER_ERROR,
          "HTTP " + status + " " + problem(r)));
    }
    if (status == 401 || status == 403) {
      return Optional.of(new PostFetch.Inconclusive(ENDPOINT, r, Outcome.REFUSED, "HTTP " + status + " "
          + problem(r)));
    }
    if (status != 200) {
      return Optional.of(unexpected(r, "HTTP " + status + " " + problem(r)));
    }
    if (r.truncated()) {
      return Optional.of(unexpected(r, r.truncation()));
    }
    return Optional.empty();
  }

  /**
   * A problem body in words: an Invalid Request's first error message, else {@code title: detail}; the body's snippet
   * when it is no problem JSON.
   */
  private String problem(Fetch.Response r) {
    JsonNode body = parse(r.body());
    if (body == null || !body.isObject()) {
      return r.snippet();
    }
    String message = body.path("errors").path(0).path("message").asText("");
    String title = body.path("title").asText("");
    String detail = body.path("detail").asText("");
    if (!message.isEmpty()) {
      return (title.isEmpty() ? "" : title + ": ") + message;
    }
    if (title.isEmpty()) {
      return r.snippet();
    }
    return detail.isEmpty() || detail.equals(title) ? title : title + ": " + detail;
  }

  private static PostFetch.Inconclusive unexpected(Fetch.Response r, String detail) {
    return new PostFetch.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED, detail);
  }

  private static Map<String, PostFetch> every(List<String> ids, PostFetch answer) {
    Map<String, PostFetch> out = new HashMap<>();
    ids.forEach(id -> out.put(id, answer));
    return out;
  }

  private JsonNode parse(byte[] body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
