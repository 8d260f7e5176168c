package org.embedwatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.regex.Pattern;
import org.embedwatch.platform.x.SyndicationToken;

/**
 * {@code cdn.syndication.twimg.com/tweet-result}, answering as platform-protocols.md §1.4 describes: Tweet JSON,
 * tombstones, a user-less tweet for suspended or vanished accounts, {@code {}}, 404 HTML, 400, 429 and 403.
 */
final class SyndicationRoute implements Route {
  private static final Pattern TWEET_ID = Pattern.compile("[0-9]{1,40}");

  private final Timeline timeline;
  private final Samples samples;
  private final ObjectMapper json;
  private final SyndicationSwitches switches;

  SyndicationRoute(Timeline timeline, Samples samples, ObjectMapper json, SyndicationSwitches switches) {
    this.timeline = timeline;
    this.samples = samples;
    this.json = json;
    this.switches = switches;
  }

  @Override
  public Answer answer(RecordedRequest request) {
    if (!request.hostPath().equals("/tweet-result")) {
      return Answer.htmlError(404, "Not Found");
    }
    if (switches.browserUserAgentRequired() && !browserLike(request.header("user-agent"))) {
      return Answer.htmlError(403, "Forbidden");
    }
    String id = request.queryParam("id").orElse("");
    if (!TWEET_ID.matcher(id).matches()) {
      return json(400, samples.variant("out-of-range"));
    }
    String token = request.queryParam("token").orElse("");
    if (token.isEmpty() || (switches.tokenEnforced() && !token.equals(SyndicationToken.of(id)))) {
      return empty();
    }
    Optional<PostState> found = timeline.find(id);
    if (found.isEmpty()) {
      return empty();
    }
    PostState state = found.get();
    if (state.fault().active()) {
      return faulted(state.fault());
    }
    return switch (state.availability()) {
      case AVAILABLE, SUSPENDED, ACCOUNT_GONE -> tweet(state);
      case DELETED -> json(200, samples.deletedTombstone());
      case PROTECTED -> json(200, samples.variant("generic unavailable"));
      case AGE_RESTRICTED -> json(200, samples.variant("age-restricted"));
      case NOT_FOUND_EMPTY -> empty();
      case NOT_FOUND_404 -> Answer.htmlError(404, "Page not found");
    };
  }

  @Override
  public Answer.Reply failure(int status) {
    if (status == 429) {
      return Answer.text(429, "text/plain;charset=utf-8", "Rate limit exceeded");
    }
    return Answer.htmlError(status, status == 503 ? "Service Unavailable" : "Error");
  }

  private Answer.Reply tweet(PostState state) {
    long fetches = timeline.countFetch(state.id());
    return json(200, TweetJson.syndication(timeline.template(state.id()), state, fetches));
  }

  private Answer.Reply empty() {
    return json(200, samples.variant("tweet id 0"));
  }

  private Answer.Reply json(int status, JsonNode body) {
    try {
      return Answer.reply(status, Answer.JSON, json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a syndication body", e);
    }
  }

  private static boolean browserLike(Optional<String> userAgent) {
    return userAgent.map(ua -> ua.startsWith("Mozilla/5.0")).orElse(false);
  }
}
