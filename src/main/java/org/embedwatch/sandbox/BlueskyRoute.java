package org.embedwatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Sha256;

/**
 * Bluesky's public AppView ({@code public.api.bsky.app/xrpc/…}) for the scenario's Bluesky posts:
 * <ul>
 *   <li>{@code com.atproto.identity.resolveHandle}: the author's DID (the sample's for the sample's handle, else one
 *       derived from the handle); 400 {@code InvalidRequest} "Unable to resolve handle" for an unknown handle or an
 *       author whose account is gone;
 *   <li>{@code app.bsky.feed.getPostThread}: a {@code #threadViewPost} built from the (constructed) sample with the
 *       post's current text, author and a {@code cid} that follows the text; 400 {@code NotFound} (the reported body)
 *       for a deleted, missing or taken-down post; a {@code #blockedPost} for a protected one.
 * </ul>
 * A post's fault is answered as XRPC JSON errors ({@code RateLimitExceeded} for 429, else
 * {@code InternalServerError}); those two bodies follow the XRPC error shape, not a recording.
 */
final class BlueskyRoute implements Route {
  private static final Pattern AT_URI = Pattern.compile("^at://([^/]+)/app\\.bsky\\.feed\\.post/([^/?#]+)$");
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final Timeline timeline;
  private final Samples samples;
  private final ObjectMapper json;

  BlueskyRoute(Timeline timeline, Samples samples, ObjectMapper json) {
    this.timeline = timeline;
    this.samples = samples;
    this.json = json;
  }

  @Override
  public Answer answer(RecordedRequest request) {
    return switch (request.hostPath()) {
      case "/xrpc/com.atproto.identity.resolveHandle" -> resolveHandle(request.queryParam("handle").orElse(""));
      case "/xrpc/app.bsky.feed.getPostThread" -> postThread(request.queryParam("uri").orElse(""));
      default -> error(404, "MethodNotImplemented", "Method Not Implemented");
    };
  }

  @Override
  public Answer.Reply failure(int status) {
    return status == 429
        ? error(429, "RateLimitExceeded", "Rate Limit Exceeded")
        : error(status, "InternalServerError", "Internal Server Error");
  }

  private Answer resolveHandle(String handle) {
    for (String id : timeline.postIds()) {
      Optional<PostState> state = timeline.find(Scenario.Service.BLUESKY, id);
      if (state.isPresent() && state.get().handle().equalsIgnoreCase(handle)) {
        if (state.get().fault().active()) {
          return faulted(state.get().fault());
        }
        if (state.get().availability() != PostState.Availability.ACCOUNT_GONE) {
          ObjectNode body = json.createObjectNode().put("did", did(id, state.get()));
          return Answer.reply(200, Answer.JSON, bytes(body));
        }
      }
    }
    return error(400, "InvalidRequest", "Unable to resolve handle");
  }

  private Answer postThread(String uri) {
    Matcher m = AT_URI.matcher(uri);
    if (!m.matches()) {
      return error(400, "InvalidRequest", "Error: uri must be a valid at-uri");
    }
    String rkey = m.group(2);
    Optional<PostState> found = timeline.find(Scenario.Service.BLUESKY, rkey);
    if (found.isPresent() && found.get().fault().active()) {
      return faulted(found.get().fault());
    }
    if (found.isEmpty() || !(m.group(1).equals(did(rkey, found.get()))
        || m.group(1).equalsIgnoreCase(found.get().handle()))) {
      return notFound(uri);
    }
    PostState state = found.get();
    return switch (state.availability()) {
      case AVAILABLE, AGE_RESTRICTED -> Answer.reply(200, Answer.JSON, bytes(thread(rkey, state)));
      case PROTECTED -> Answer.reply(200, Answer.JSON, bytes(blocked(rkey, state)));
      case DELETED, SUSPENDED, ACCOUNT_GONE, NOT_FOUND_EMPTY, NOT_FOUND_404 -> notFound(uri);
    };
  }

  private ObjectNode thread(String rkey, PostState state) {
    ObjectNode sample = timeline.template(rkey);
    ObjectNode post = sample.deepCopy();
    String sampleText = post.path("record").path("text").asText();
    String did = did(rkey, state);
    post.put("uri", "at://" + did + "/app.bsky.feed.post/" + rkey);
    if (!state.text().equals(sampleText)) {
      post.put("cid", "bafyrei" + base32(Sha256.of(state.text().getBytes(StandardCharsets.UTF_8)).hex(), 52));
      ((ObjectNode) post.get("record")).remove("facets");
    }
    ObjectNode author = (ObjectNode) post.get("author");
    author.put("did", did);
    author.put("handle", state.handle());
    author.put("displayName", state.name());
    ObjectNode record = (ObjectNode) post.get("record");
    record.put("text", state.text());
    record.put("createdAt", DATE.format(state.createdAt()));
    if (state.availability() == PostState.Availability.AGE_RESTRICTED) {
      post.putArray("labels").addObject().put("val", "porn").put("src", did);
    }
    long fetches = timeline.countFetch(rkey);
    post.put("likeCount", post.path("likeCount").asLong() + fetches);
    post.put("indexedAt", DATE.format(timeline.now()));
    ObjectNode body = json.createObjectNode();
    ObjectNode thread = body.putObject("thread");
    thread.put("$type", "app.bsky.feed.defs#threadViewPost");
    thread.set("post", post);
    thread.putArray("replies");
    return body;
  }

  private ObjectNode blocked(String rkey, PostState state) {
    String did = did(rkey, state);
    ObjectNode body = json.createObjectNode();
    ObjectNode thread = body.putObject("thread");
    thread.put("$type", "app.bsky.feed.defs#blockedPost");
    thread.put("uri", "at://" + did + "/app.bsky.feed.post/" + rkey);
    thread.put("blocked", true);
    ObjectNode author = thread.putObject("author");
    author.put("did", did);
    author.putObject("viewer").put("blockedBy", true);
    return body;
  }

  /** The sample's DID for the sample's own author, else one derived from the handle (stable per handle). */
  private String did(String rkey, PostState state) {
    JsonNode author = timeline.template(rkey).path("author");
    if (state.handle().equalsIgnoreCase(author.path("handle").asText())) {
      return author.path("did").asText();
    }
    return "did:plc:" + base32(Sha256.of(state.handle().toLowerCase(Locale.ROOT)
        .getBytes(StandardCharsets.UTF_8)).hex(), 24);
  }

  private static String base32(String hex, int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; out.length() < length; i = (i + 2) % (hex.length() - 1)) {
      out.append(BASE32.charAt(Integer.parseInt(hex.substring(i, i + 2), 16) % 32));
    }
    return out.toString();
  }

  private Answer.Reply notFound(String uri) {
    ObjectNode body = samples.object("getPostThread_400_notfound_reported.json");
    body.put("message", "Post not found: " + uri);
    return Answer.reply(400, Answer.JSON, bytes(body));
  }

  private Answer.Reply error(int status, String error, String message) {
    return Answer.reply(status, Answer.JSON, bytes(json.createObjectNode().put("error", error)
        .put("message", message)));
  }

  private byte[] bytes(JsonNode body) {
    try {
      return json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise an XRPC body", e);
    }
  }
}
