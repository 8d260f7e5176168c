package org.embedwatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Mastodon server ({@code https://<host>/api/v1/statuses/<id>}): the scenario's Mastodon posts whose handle is on
 * this host, built from the documented Status example with the post's current text, author and {@code edited_at};
 * 404 {@code {"error":"Record not found"}} for a deleted, missing, private or suspended one (Mastodon does not tell
 * them apart); a post's fault as 429 JSON with {@code X-RateLimit-*} headers or an HTML 5xx page.
 */
final class MastodonRoute implements Route {
  private static final Pattern STATUS = Pattern.compile("^/api/v1/statuses/([0-9]{1,40})$");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final String host;
  private final Timeline timeline;
  private final Samples samples;
  private final ObjectMapper json;

  MastodonRoute(String host, Timeline timeline, Samples samples, ObjectMapper json) {
    this.host = host;
    this.timeline = timeline;
    this.samples = samples;
    this.json = json;
  }

  @Override
  public Answer answer(RecordedRequest request) {
    Matcher m = STATUS.matcher(request.hostPath());
    if (!m.matches()) {
      return notFound();
    }
    String id = m.group(1);
    Optional<Scenario.Post> post = timeline.post(id).filter(p -> host.equals(p.host()));
    Optional<PostState> found = post.flatMap(p -> timeline.find(Scenario.Service.MASTODON, id));
    if (found.isEmpty()) {
      return notFound();
    }
    PostState state = found.get();
    if (state.fault().active()) {
      return faulted(state.fault());
    }
    return switch (state.availability()) {
      case AVAILABLE, AGE_RESTRICTED -> Answer.reply(200, Answer.JSON,
          bytes(status(timeline.template(id), post.get(), state, timeline.countFetch(id))));
      case DELETED, SUSPENDED, PROTECTED, ACCOUNT_GONE, NOT_FOUND_EMPTY, NOT_FOUND_404 -> notFound();
    };
  }

  @Override
  public Answer.Reply failure(int status) {
    if (status == 429) {
      return Answer.text(429, Answer.JSON, "{\"error\":\"Too many requests\"}").withHeaders(Map.of(
          "X-RateLimit-Limit", "300", "X-RateLimit-Remaining", "0",
          "X-RateLimit-Reset", DATE.format(timeline.now().plusSeconds(300))));
    }
    return Answer.htmlError(status, "Error");
  }

  private Answer.Reply notFound() {
    return Answer.reply(404, Answer.JSON, bytes(samples.object("status_404_record_not_found.json")));
  }

  private static ObjectNode status(ObjectNode status, Scenario.Post post, PostState state, long fetchCount) {
    String user = post.user();
    status.put("id", state.id());
    status.put("created_at", DATE.format(state.createdAt()));
    status.put("uri", "https://" + post.host() + "/users/" + user + "/statuses/" + state.id());
    status.put("url", "https://" + post.host() + "/@" + user + "/" + state.id());
    status.put("content", html(state.text()));
    if (state.availability() == PostState.Availability.AGE_RESTRICTED) {
      status.put("sensitive", true);
    }
    Instant editedAt = state.editedAt();
    if (editedAt == null) {
      status.putNull("edited_at");
    } else {
      status.put("edited_at", DATE.format(editedAt));
    }
    ObjectNode account = (ObjectNode) status.get("account");
    account.put("username", user);
    account.put("acct", user);
    account.put("display_name", state.name());
    account.put("url", "https://" + post.host() + "/@" + user);
    // Volatile counters: they grow with every fetch, so a client hashing the raw body sees a "change" each time.
    bump(status, "replies_count", fetchCount);
    bump(status, "favourites_count", fetchCount);
    return status;
  }

  private static void bump(ObjectNode node, String field, long by) {
    JsonNode value = node.get(field);
    node.put(field, (value == null ? 0 : value.asLong()) + by);
  }

  /** Text as Mastodon renders it: one {@code <p>} per paragraph, {@code <br />} for a line break. */
  static String html(String text) {
    StringBuilder out = new StringBuilder();
    for (String paragraph : text.split("\n\n")) {
      out.append("<p>").append(escape(paragraph).replace("\n", "<br />")).append("</p>");
    }
    return out.toString();
  }

  /** The inverse of {@link #html}, for the sample's content. */
  static String plainText(String html) {
    return html.replaceAll("</p>\\s*<p>", "\n\n").replaceAll("<br\\s*/?>", "\n").replaceAll("<[^>]+>", "")
        .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&amp;", "&");
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private byte[] bytes(JsonNode body) {
    try {
      return json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a Mastodon body", e);
    }
  }
}
