package org.embedwatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code api.twitter.com} / {@code api.x.com} v1.1: {@code statuses/show} in both forms
 * ({@code /1.1/statuses/show/<id>.json}, which Twitter4J 4.1.2 calls, and {@code /1.1/statuses/show.json?id=}) and
 * {@code statuses/lookup} ({@code /1.1/statuses/lookup.json?id=a,b,c}, up to 100 ids). A status is the recorded
 * sample with the post's id, text, author and date; errors use the recorded error bodies. Lookup leaves out the ids
 * that are missing, deleted, protected or suspended, as X does, and answers the rest newest first (X promises no
 * order); with {@code map=true} it answers {@code {"id":{"<id>":status or null}}} in the order asked.
 *
 * <p>Each endpoint counts its requests in 15-minute windows of the sandbox clock, {@link #rateLimit(int) 900 per
 * window} unless a test sets fewer: every answer carries {@code x-rate-limit-limit/remaining/reset} (the reset is the
 * window's end, in epoch seconds), and a request past the limit gets 429 with code 88. Thread-safe.
 */
final class V1Route implements Route {
  private static final Pattern SHOW_PATH = Pattern.compile("/1\\.1/statuses/show/([0-9]{1,40})\\.json");
  private static final Pattern TWEET_ID = Pattern.compile("[0-9]{1,40}");
  private static final String LOOKUP_PATH = "/1.1/statuses/lookup.json";
  static final int DEFAULT_LIMIT = 900;
  static final int MAX_LOOKUP_IDS = 100;
  private static final long WINDOW_SECONDS = 15 * 60;

  private final Timeline timeline;
  private final Samples samples;
  private final ObjectMapper json;
  private final Window showWindow = new Window();
  private final Window lookupWindow = new Window();
  private volatile int limit = DEFAULT_LIMIT;

  V1Route(Timeline timeline, Samples samples, ObjectMapper json) {
    this.timeline = timeline;
    this.samples = samples;
    this.json = json;
  }

  /** Sets how many requests each endpoint answers per 15-minute window (900, as X, by default). */
  void rateLimit(int requestsPerWindow) {
    if (requestsPerWindow < 1) {
      throw new IllegalArgumentException("a v1.1 rate limit must be at least 1 request per window, got "
          + requestsPerWindow);
    }
    limit = requestsPerWindow;
  }

  @Override
  public Answer answer(RecordedRequest request) {
    if (request.hostPath().equals(LOOKUP_PATH)) {
      return lookup(request, lookupWindow.take(timeline.now(), limit));
    }
    Quota quota = showWindow.take(timeline.now(), limit);
    if (!quota.allowed()) {
      return error(429, 88, quota);
    }
    Optional<String> id = requestedId(request);
    if (id.isEmpty()) {
      return error(404, 34, quota);
    }
    Optional<PostState> found = timeline.find(id.get());
    if (found.isEmpty()) {
      return error(404, 144, quota);
    }
    PostState state = found.get();
    if (state.fault().active()) {
      return faulted(state.fault());
    }
    return switch (state.availability()) {
      case AVAILABLE, AGE_RESTRICTED -> json(200, status(state, request), quota);
      case SUSPENDED -> error(403, 63, quota);
      case PROTECTED -> error(403, 179, quota);
      case DELETED, ACCOUNT_GONE, NOT_FOUND_EMPTY, NOT_FOUND_404 -> error(404, 144, quota);
    };
  }

  @Override
  public Answer.Reply failure(int status) {
    if (status == 429) {
      return json(429, samples.v1Error(88), Quota.spent(limit, timeline.now()));
    }
    return Answer.htmlError(status, "Over capacity");
  }

  /** statuses/lookup: the visible posts among the ids asked for; the others are left out without a word. */
  private Answer lookup(RecordedRequest request, Quota quota) {
    if (!quota.allowed()) {
      return error(429, 88, quota);
    }
    Optional<List<String>> asked = lookupIds(request);
    if (asked.isEmpty()) {
      // X's exact answer to a malformed or oversized id list is not recorded; this stand-in is its usual form.
      ObjectNode body = json.createObjectNode();
      body.putArray("errors").addObject().put("code", 195).put("message", "Missing or invalid url parameter.");
      return json(400, body, quota);
    }
    Map<String, PostState> visible = new LinkedHashMap<>();
    for (String id : asked.get()) {
      Optional<PostState> found = timeline.find(id);
      if (found.isEmpty()) {
        continue;
      }
      if (found.get().fault().active()) {
        return faulted(found.get().fault());
      }
      PostState.Availability a = found.get().availability();
      if (a == PostState.Availability.AVAILABLE || a == PostState.Availability.AGE_RESTRICTED) {
        visible.put(id, found.get());
      }
    }
    if (request.queryParam("map").orElse("").equals("true")) {
      ObjectNode byId = json.createObjectNode();
      for (String id : asked.get()) {
        PostState state = visible.get(id);
        byId.set(id, state == null ? json.nullNode() : status(state, request));
      }
      ObjectNode body = json.createObjectNode();
      body.set("id", byId);
      return json(200, body, quota);
    }
    ArrayNode statuses = json.createArrayNode();
    visible.values().stream()
        .sorted(Comparator.comparing((PostState p) -> new BigInteger(p.id())).reversed())
        .forEach(state -> statuses.add(status(state, request)));
    return json(200, statuses, quota);
  }

  /** The distinct ids of {@code id=a,b,c} in the order given, or empty when one is not a tweet id or too many. */
  private static Optional<List<String>> lookupIds(RecordedRequest request) {
    String value = request.queryParam("id").orElse("");
    Set<String> ids = new LinkedHashSet<>();
    for (String id : value.split(",", -1)) {
      if (!TWEET_ID.matcher(id.trim()).matches()) {
        return Optional.empty();
      }
      ids.add(id.trim());
    }
    return ids.size() > MAX_LOOKUP_IDS ? Optional.empty() : Optional.of(List.copyOf(ids));
  }

  private static Optional<String> requestedId(RecordedRequest request) {
    Matcher m = SHOW_PATH.matcher(request.hostPath());
    if (m.matches()) {
      return Optional.of(m.group(1));
    }
    if (request.hostPath().equals("/1.1/statuses/show.json")) {
      return request.queryParam("id").filter(id -> TWEET_ID.matcher(id).matches());
    }
    return Optional.empty();
  }

  private ObjectNode status(PostState state, RecordedRequest request) {
    ObjectNode status = samples.object("statuses_show_266367358078169089.json");
    ObjectNode tweet = TweetJson.syndication(timeline.template(state.id()), state, 0);
    status.put("created_at", TweetJson.v1Date(state.createdAt()));
    status.put("id", new BigInteger(state.id()));
    status.put("id_str", state.id());
    boolean extended = request.queryParam("tweet_mode").orElse("").equals("extended");
    status.remove("text");
    status.remove("truncated");
    if (extended) {
      status.put("full_text", state.text());
      status.set("display_text_range", tweet.get("display_text_range"));
    } else {
      status.put("text", state.text());
      status.put("truncated", false);
    }
    status.set("entities", entities(tweet));
    status.put("possibly_sensitive", state.availability() == PostState.Availability.AGE_RESTRICTED);
    ObjectNode user = (ObjectNode) status.get("user");
    String userId = tweet.path("user").path("id_str").asText("0");
    user.put("id", new BigInteger(userId));
    user.put("id_str", userId);
    user.put("screen_name", state.handle());
    user.put("name", state.name());
    return status;
  }

  /** The syndication entities (indices match the text), with media rebuilt from mediaDetails in v1.1 shape. */
  private static ObjectNode entities(ObjectNode tweet) {
    JsonNode source = tweet.path("entities");
    ObjectNode entities = source.isObject() ? ((ObjectNode) source).deepCopy() : tweet.objectNode();
    for (String field : new String[] {"hashtags", "symbols", "user_mentions", "urls"}) {
      if (!entities.path(field).isArray()) {
        entities.putArray(field);
      }
    }
    entities.remove("media");
    JsonNode details = tweet.path("mediaDetails");
    if (details.isArray() && !details.isEmpty()) {
      ArrayNode media = entities.putArray("media");
      for (JsonNode item : details) {
        ObjectNode m = media.addObject();
        for (String field : new String[] {"display_url", "expanded_url", "indices", "media_url_https", "sizes",
            "type", "url"}) {
          if (item.has(field)) {
            m.set(field, item.get(field));
          }
        }
        m.put("media_url", item.path("media_url_https").asText().replace("https://", "http://"));
      }
    }
    return entities;
  }

  private Answer.Reply error(int status, int code, Quota quota) {
    return json(status, samples.v1Error(code), quota);
  }

  private Answer.Reply json(int status, JsonNode body, Quota quota) {
    try {
      return Answer.reply(status, "application/json;charset=utf-8", json.writeValueAsBytes(body))
          .withHeaders(Map.of(
              "x-rate-limit-limit", Integer.toString(quota.limit()),
              "x-rate-limit-remaining", Integer.toString(status == 429 ? 0 : quota.remaining()),
              "x-rate-limit-reset", Long.toString(quota.reset())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a v1.1 body", e);
    }
  }

  /**
   * What one request left of an endpoint's window.
   *
   * @param reset the window's end, epoch seconds
   * @param allowed false when the request was past the limit (it is answered 429)
   */
  private record Quota(int limit, int remaining, long reset, boolean allowed) {
    /** The window of {@code now} with nothing left, for an injected 429. */
    static Quota spent(int limit, Instant now) {
      return new Quota(limit, 0, windowEnd(Math.floorDiv(now.getEpochSecond(), WINDOW_SECONDS)), false);
    }
  }

  private static long windowEnd(long window) {
    return (window + 1) * WINDOW_SECONDS;
  }

  /** One endpoint's request count in the current 15-minute window of the sandbox clock. Thread-safe. */
  private static final class Window {
    private long window = Long.MIN_VALUE;
    private int used;

    /** Counts one request at {@code now} against {@code limit}. */
    synchronized Quota take(Instant now, int limit) {
      long current = Math.floorDiv(now.getEpochSecond(), WINDOW_SECONDS);
      if (current != window) {
        window = current;
        used = 0;
      }
      used = used == Integer.MAX_VALUE ? used : used + 1;
      return new Quota(limit, Math.max(0, limit - used), windowEnd(current), used <= limit);
    }
  }
}
