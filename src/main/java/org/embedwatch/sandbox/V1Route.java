package org.embedwatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code api.twitter.com} / {@code api.x.com} v1.1 {@code statuses/show} in both forms ({@code /1.1/statuses/show/<id>.json},
 * which Twitter4J 4.1.2 calls, and {@code /1.1/statuses/show.json?id=}). The status is the recorded sample with the
 * post's id, text, author and date; errors use the recorded error bodies; every answer carries {@code x-rate-limit-*}.
 */
final class V1Route implements Route {
  private static final Pattern SHOW_PATH = Pattern.compile("/1\\.1/statuses/show/([0-9]{1,40})\\.json");
  private static final Pattern TWEET_ID = Pattern.compile("[0-9]{1,40}");
  private static final int LIMIT = 900;
  private static final long WINDOW_SECONDS = 15 * 60;

  private final Timeline timeline;
  private final Samples samples;
  private final ObjectMapper json;
  private final AtomicLong calls = new AtomicLong();

  V1Route(Timeline timeline, Samples samples, ObjectMapper json) {
    this.timeline = timeline;
    this.samples = samples;
    this.json = json;
  }

  @Override
  public Answer answer(RecordedRequest request) {
    long n = calls.incrementAndGet();
    Optional<String> id = requestedId(request);
    if (id.isEmpty()) {
      return error(404, 34, n);
    }
    Optional<PostState> found = timeline.find(id.get());
    if (found.isEmpty()) {
      return error(404, 144, n);
    }
    PostState state = found.get();
    if (state.fault().active()) {
      return faulted(state.fault());
    }
    return switch (state.availability()) {
      case AVAILABLE, AGE_RESTRICTED -> json(200, status(state, request), n);
      case SUSPENDED -> error(403, 63, n);
      case PROTECTED -> error(403, 179, n);
      case DELETED, ACCOUNT_GONE, NOT_FOUND_EMPTY, NOT_FOUND_404 -> error(404, 144, n);
    };
  }

  @Override
  public Answer.Reply failure(int status) {
    if (status == 429) {
      return json(429, samples.v1Error(88), LIMIT);
    }
    return Answer.htmlError(status, "Over capacity");
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

  private Answer.Reply error(int status, int code, long n) {
    return json(status, samples.v1Error(code), n);
  }

  private Answer.Reply json(int status, JsonNode body, long n) {
    long now = timeline.now().getEpochSecond();
    long reset = (now / WINDOW_SECONDS + 1) * WINDOW_SECONDS;
    long remaining = Math.max(0, LIMIT - ((n - 1) % LIMIT) - 1);
    try {
      return Answer.reply(status, "application/json;charset=utf-8", json.writeValueAsBytes(body))
          .withHeaders(Map.of(
              "x-rate-limit-limit", Integer.toString(LIMIT),
              "x-rate-limit-remaining", Long.toString(status == 429 ? 0 : remaining),
              "x-rate-limit-reset", Long.toString(reset)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a v1.1 body", e);
    }
  }
}
