package org.embedwatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code api.twitter.com} / {@code api.x.com} v2 tweet lookup, {@code /2/tweets?ids=} and {@code /2/tweets/<id>}, and
 * search by author ({@code /2/tweets/search/recent|all?query=from:<user>}, see {@link #search}), as
 * platform-protocols §3.2 describes it: each scenario post's current state (text, author, edits as a longer
 * {@code edit_history_tweet_ids}, media with {@code bit_rate} variants) rebuilt in v2 shape from its syndication
 * sample; partial errors with HTTP 200 (Not Found Error for a deleted or missing post, Authorization Error for a
 * suspended or protected author); {@code data} left out when every id failed; 400 Invalid Request for a bad or
 * missing id list; 401 problem JSON without a bearer token; {@code x-rate-limit-*} headers (300 requests per 15-minute
 * window, then 429); the v2 problem JSON for injected faults. Only the requested {@code tweet.fields},
 * {@code expansions}, {@code media.fields} and {@code user.fields} are served (v2's defaults: id, text,
 * edit_history_tweet_ids; media_key and type; id, name and username). {@code public_metrics} grow with every fetch, so
 * a client hashing raw bodies sees a change each time. Thread-safe.
 */
final class V2Route implements Route {
  private static final Pattern SINGLE = Pattern.compile("/2/tweets/([^/]*)");
  private static final Pattern ID = Pattern.compile("[0-9]{1,19}");
  private static final Pattern SEARCH = Pattern.compile("/2/tweets/search/(?:recent|all)");
  private static final Pattern FROM = Pattern.compile("from:([A-Za-z0-9_]{1,50})");
  private static final int MAX_IDS = 100;
  private static final int LIMIT = 300;
  private static final long WINDOW_SECONDS = 15 * 60;
  /** The usage-cap 429, as reported (platform-protocols §3.2; no recorded sample). */
  private static final String USAGE_CAPPED = "{\"title\":\"UsageCapExceeded\",\"detail\":\"Usage cap exceeded:"
      + " Monthly product cap\",\"type\":\"https://api.twitter.com/2/problems/usage-capped\",\"period\":\"Monthly\","
      + "\"scope\":\"Product\"}";

  private final Timeline timeline;
  private final Samples samples;
  private final ObjectMapper json;
  private final V2TweetJson tweets;
  private volatile boolean usageCapExceeded;
  private long window = -1;
  private int used;

  V2Route(Timeline timeline, Samples samples, ObjectMapper json) {
    this.timeline = timeline;
    this.samples = samples;
    this.json = json;
    this.tweets = new V2TweetJson(json);
  }

  /** When on, every authorized request gets the 429 {@code UsageCapExceeded} problem. Off by default. */
  void usageCapExceeded(boolean on) {
    usageCapExceeded = on;
  }

  /** Where this request stands in the rate-limit window. */
  private record Quota(int remaining, long reset, boolean exceeded) {}

  @Override
  public Answer answer(RecordedRequest request) {
    String authorization = request.header("authorization").orElse("");
    if (!authorization.startsWith("Bearer ") || authorization.substring(7).isBlank()) {
      return problem(401, "Unauthorized", "Unauthorized");
    }
    if (usageCapExceeded) {
      return Answer.text(429, Answer.JSON, USAGE_CAPPED).withHeaders(rateHeaders(new Quota(0, reset(), true)));
    }
    Quota quota = take();
    if (quota.exceeded()) {
      return failure(429);
    }
    Answer answer;
    if (request.hostPath().equals("/2/tweets")) {
      answer = lookup(request);
    } else if (SEARCH.matcher(request.hostPath()).matches()) {
      answer = search(request);
    } else {
      Matcher m = SINGLE.matcher(request.hostPath());
      answer = m.matches() ? single(m.group(1), request) : problem(404, "Not Found Error",
          "The requested resource " + request.hostPath() + " does not exist");
    }
    // A fault may bring its own x-rate-limit-* headers; they win.
    return answer instanceof Answer.Reply reply && !reply.headers().containsKey("x-rate-limit-remaining")
        ? reply.withHeaders(rateHeaders(quota))
        : answer;
  }

  @Override
  public Answer.Reply failure(int status) {
    return switch (status) {
      case 429 -> reply(429, samples.object("error_429_too_many_requests.json"))
          .withHeaders(rateHeaders(new Quota(0, reset(), true)));
      case 400 -> reply(400, samples.object("error_400_invalid_request_ids.json"));
      case 401 -> problem(401, "Unauthorized", "Unauthorized");
      case 403 -> problem(403, "Forbidden", "Forbidden");
      case 503 -> problem(503, "Service Unavailable", "Service Unavailable");
      default -> problem(status, "Error", "HTTP " + status);
    };
  }

  /** {@code /2/tweets?ids=…}: one answer about every id, in {@code data} or {@code errors}. */
  private Answer lookup(RecordedRequest request) {
    String raw = request.queryParam("ids").orElse("");
    List<String> ids = raw.isEmpty() ? List.of() : List.of(raw.split(",", -1));
    if (ids.isEmpty() || ids.size() > MAX_IDS) {
      return invalid("ids", raw, "The number of values in the `ids` query parameter list [" + ids.size()
          + "] is not between 1 and " + MAX_IDS);
    }
    for (String id : ids) {
      if (!ID.matcher(id).matches()) {
        return invalid("ids", raw, "The `ids` query parameter value [" + id + "] does not match ^[0-9]{1,19}$");
      }
    }
    Map<String, Optional<PostState>> states = new LinkedHashMap<>();
    for (String id : ids) {
      Optional<PostState> state = states.computeIfAbsent(id, timeline::find);
      if (state.isPresent() && state.get().fault().active()) {
        // A post's flakiness is its host's: the whole request fails with it.
        return faulted(state.get().fault());
      }
    }
    V2TweetJson.Fields fields = V2TweetJson.Fields.of(request);
    V2TweetJson.Includes includes = new V2TweetJson.Includes();
    ArrayNode data = json.createArrayNode();
    ArrayNode errors = json.createArrayNode();
    for (Map.Entry<String, Optional<PostState>> entry : states.entrySet()) {
      String id = entry.getKey();
      Optional<PostState> state = entry.getValue();
      if (state.isPresent() && visible(state.get())) {
        data.add(tweet(state.get(), fields, includes));
      } else {
        errors.add(error(id, "ids", state.orElse(null)));
      }
    }
    ObjectNode body = json.createObjectNode();
    if (!data.isEmpty()) {
      body.set("data", data);
    }
    includes.addTo(body);
    if (!errors.isEmpty()) {
      body.set("errors", errors);
    }
    return reply(200, body);
  }

  /**
   * {@code /2/tweets/search/recent} and {@code /search/all} with {@code query=from:<user>} (the only operator served)
   * and optional {@code start_time} (inclusive) and {@code end_time} (exclusive), RFC 3339: the user's visible posts
   * made in that window, newest first, with {@code meta.result_count}; {@code {"meta":{"result_count":0}}} when none.
   */
  private Answer search(RecordedRequest request) {
    String query = request.queryParam("query").orElse("").strip();
    Matcher from = FROM.matcher(query);
    if (!from.matches()) {
      return invalid("query", query, "The query [" + query + "] is not served by the sandbox: only from:<user>");
    }
    java.time.Instant start;
    java.time.Instant end;
    try {
      start = request.queryParam("start_time").map(java.time.Instant::parse).orElse(java.time.Instant.EPOCH);
      end = request.queryParam("end_time").map(java.time.Instant::parse).orElse(timeline.now());
    } catch (java.time.format.DateTimeParseException e) {
      return invalid("start_time", request.queryParam("start_time").orElse(""), "Invalid time: " + e.getMessage());
    }
    List<PostState> found = new java.util.ArrayList<>();
    for (String id : timeline.postIds()) {
      timeline.find(id).filter(V2Route::visible)
          .filter(p -> p.handle().equalsIgnoreCase(from.group(1)))
          .filter(p -> !p.createdAt().isBefore(start) && p.createdAt().isBefore(end))
          .ifPresent(found::add);
    }
    for (PostState p : found) {
      if (p.fault().active()) {
        return faulted(p.fault());
      }
    }
    found.sort(java.util.Comparator.comparing(PostState::createdAt).reversed());
    V2TweetJson.Fields fields = V2TweetJson.Fields.of(request);
    V2TweetJson.Includes includes = new V2TweetJson.Includes();
    ObjectNode body = json.createObjectNode();
    if (!found.isEmpty()) {
      ArrayNode data = body.putArray("data");
      found.forEach(p -> data.add(tweet(p, fields, includes)));
    }
    includes.addTo(body);
    ObjectNode meta = body.putObject("meta");
    if (!found.isEmpty()) {
      meta.put("newest_id", found.get(0).id());
      meta.put("oldest_id", found.get(found.size() - 1).id());
    }
    meta.put("result_count", found.size());
    return reply(200, body);
  }

  /** {@code /2/tweets/<id>}: the tweet as {@code data}, or the single-lookup error shapes. */
  private Answer single(String id, RecordedRequest request) {
    if (!ID.matcher(id).matches()) {
      return invalid("id", id, "The `id` query parameter value [" + id + "] does not match ^[0-9]{1,19}$");
    }
    Optional<PostState> state = timeline.find(id);
    if (state.isPresent() && state.get().fault().active()) {
      return faulted(state.get().fault());
    }
    if (state.isPresent() && visible(state.get())) {
      V2TweetJson.Includes includes = new V2TweetJson.Includes();
      ObjectNode body = json.createObjectNode();
      body.set("data", tweet(state.get(), V2TweetJson.Fields.of(request), includes));
      includes.addTo(body);
      return reply(200, body);
    }
    ObjectNode error = error(id, "id", state.orElse(null));
    if (error.path("title").asText().equals("Not Found Error")) {
      ObjectNode body = samples.object("get_tweet_single_not_found_reported.json");
      body.putArray("errors").add(error);
      body.put("detail", error.path("detail").asText());
      return reply(200, body);
    }
    ObjectNode body = json.createObjectNode();
    body.putArray("errors").add(error);
    return reply(200, body);
  }

  private static boolean visible(PostState state) {
    return state.availability() == PostState.Availability.AVAILABLE
        || state.availability() == PostState.Availability.AGE_RESTRICTED;
  }

  /** The partial error about {@code id}: Authorization Error for a suspended or protected author, else Not Found. */
  private ObjectNode error(String id, String parameter, PostState state) {
    boolean unauthorized = state != null && (state.availability() == PostState.Availability.SUSPENDED
        || state.availability() == PostState.Availability.PROTECTED);
    String which = parameter.equals("ids") ? "ids" : "id";
    if (unauthorized) {
      ObjectNode e = (ObjectNode) samples.object("get_tweets_error_protected_author.json").path("errors").get(0);
      e.put("value", id);
      e.put("parameter", parameter);
      e.put("detail", "Sorry, you are not authorized to see the Tweet with " + which + ": [" + id + "].");
      return e;
    }
    ObjectNode e = (ObjectNode) samples.object("get_tweets_partial_not_found_docs_example.json").path("errors").get(0);
    e.put("value", id);
    e.put("parameter", parameter);
    e.put("detail", "Could not find tweet with " + which + ": [" + id + "].");
    e.put("resource_id", id); // live responses carry it; the docs example does not
    return e;
  }

  private ObjectNode tweet(PostState state, V2TweetJson.Fields fields, V2TweetJson.Includes includes) {
    return tweets.tweet(timeline.template(state.id()), state, timeline.countFetch(state.id()), fields, includes);
  }

  private Answer.Reply invalid(String parameter, String value, String message) {
    ObjectNode body = samples.object("error_400_invalid_request_ids.json");
    ObjectNode error = (ObjectNode) body.path("errors").get(0);
    error.putObject("parameters").putArray(parameter).add(value);
    error.put("message", message);
    return reply(400, body);
  }

  private Answer.Reply problem(int status, String title, String detail) {
    ObjectNode body = json.createObjectNode();
    body.put("title", title);
    body.put("detail", detail);
    body.put("type", "about:blank");
    body.put("status", status);
    return reply(status, body);
  }

  /** Counts this request in the current 15-minute window. */
  private synchronized Quota take() {
    long now = timeline.now().getEpochSecond();
    long current = now / WINDOW_SECONDS;
    if (current != window) {
      window = current;
      used = 0;
    }
    used++;
    return new Quota(Math.max(0, LIMIT - used), (current + 1) * WINDOW_SECONDS, used > LIMIT);
  }

  private long reset() {
    return (timeline.now().getEpochSecond() / WINDOW_SECONDS + 1) * WINDOW_SECONDS;
  }

  private static Map<String, String> rateHeaders(Quota quota) {
    return Map.of(
        "x-rate-limit-limit", Integer.toString(LIMIT),
        "x-rate-limit-remaining", Integer.toString(quota.remaining()),
        "x-rate-limit-reset", Long.toString(quota.reset()),
        "api-version", "2.52",
        "x-access-level", "read");
  }

  private Answer.Reply reply(int status, JsonNode body) {
    try {
      return Answer.reply(status, Answer.JSON, json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a v2 body", e);
    }
  }

}
