package org.embedwatch.platform.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.UnavailableReason;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.platform.PostEndpoint;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;

/**
 * Bluesky's public AppView ({@code https://public.api.bsky.app/xrpc/…}, no credentials; platform-protocols §6.1).
 * A handle is first resolved to a DID ({@code com.atproto.identity.resolveHandle}); then
 * {@code app.bsky.feed.getPostThread?uri=at://<did>/app.bsky.feed.post/<rkey>&depth=0&parentHeight=0} is asked. Both
 * exchanges go to WARC; the observation carries the last one made.
 *
 * <p>How answers are read:
 * <ul>
 *   <li>a {@code #threadViewPost} whose post is this record: served;
 *   <li>HTTP 400 {@code NotFound} ("Post not found: …") or a {@code #notFoundPost}: <b>not found</b>, never
 *       "deleted": the AppView answers the same for a deleted record and one that never existed (§6.1);
 *   <li>a {@code #blockedPost}: unavailable, reason {@code protected}. The record exists, but the AppView withholds it
 *       from us because of a block; like a protected post it is a restriction on who can see it, not a deletion;
 *   <li>a handle that no longer resolves (400 "Unable to resolve handle"): not found. A handle can also have been
 *       changed, so this alone does not say the account is gone; only an explicit {@code AccountDeactivated} error
 *       gives {@code account-gone} (and {@code AccountTakedown} {@code suspended}), error names of the atproto
 *       lexicons that the protocol notes do not list (from memory);
 *   <li>429, 5xx, 401/403 and transport errors are inconclusive; any other answer is inconclusive, unexpected.
 * </ul>
 */
public final class BlueskyClient implements PostEndpoint {
  public static final String ENDPOINT = "bluesky-appview";
  private static final String XRPC = "https://public.api.bsky.app/xrpc/";
  private static final Pattern RKEY = Pattern.compile("[A-Za-z0-9._:~-]{1,512}");
  private static final Pattern PROFILE = Pattern.compile("/profile/([^/?#]+)/post/");

  private final HttpFetcher http;
  private final ObjectMapper json;
  private final BlueskyPost posts;

  public BlueskyClient(HttpFetcher http, ObjectMapper json) {
    this.http = http;
    this.json = json;
    this.posts = new BlueskyPost(json);
  }

  @Override
  public Platform platform() {
    return Platform.BLUESKY;
  }

  @Override
  public String name() {
    return ENDPOINT;
  }

  /** The at-URI of record {@code rkey} in the repository of {@code did}. */
  public static String atUri(String did, String rkey) {
    return "at://" + did + "/app.bsky.feed.post/" + rkey;
  }

  @Override
  public PostFetch fetch(PostKey post) {
    String rkey = post.postId();
    if (!RKEY.matcher(rkey).matches()) {
      throw new IllegalArgumentException("not a Bluesky record key: '" + rkey + "'");
    }
    String actor = actor(post).orElseThrow(() ->
        new IllegalArgumentException("a Bluesky post needs its handle or DID: " + post));
    String did = actor;
    if (!actor.startsWith("did:")) {
      Fetch resolved = http.get(URI.create(XRPC + "com.atproto.identity.resolveHandle?handle="
          + URLEncoder.encode(actor, StandardCharsets.UTF_8)), Map.of("Accept", "application/json"));
      Answer answer = read(resolved);
      if (answer.verdict() != null) {
        return answer.verdict();
      }
      if (answer.status() == 400) {
        return accountError(answer).orElseGet(() -> answer.error().equals("InvalidRequest")
            ? new PostFetch.NotFound(ENDPOINT, answer.response(), "handle " + actor + " does not resolve: "
                + answer.message())
            : unexpected(answer.response(), "resolveHandle HTTP 400 " + answer.response().snippet()));
      }
      if (answer.status() != 200 || !answer.body().path("did").asText("").startsWith("did:")) {
        return unexpected(answer.response(), "resolveHandle HTTP " + answer.status() + " "
            + answer.response().snippet());
      }
      did = answer.body().path("did").asText();
    }
    String uri = atUri(did, rkey);
    Fetch fetched = http.get(URI.create(XRPC + "app.bsky.feed.getPostThread?uri="
        + URLEncoder.encode(uri, StandardCharsets.UTF_8) + "&depth=0&parentHeight=0"),
        Map.of("Accept", "application/json"));
    Answer answer = read(fetched);
    if (answer.verdict() != null) {
      return answer.verdict();
    }
    if (answer.status() == 400) {
      if (answer.error().equals("NotFound")) {
        return new PostFetch.NotFound(ENDPOINT, answer.response(), "NotFound: " + answer.message());
      }
      return accountError(answer).orElseGet(() ->
          unexpected(answer.response(), "HTTP 400 " + answer.response().snippet()));
    }
    if (answer.status() != 200) {
      return unexpected(answer.response(), "HTTP " + answer.status() + " " + answer.response().snippet());
    }
    return thread(uri, answer.response(), answer.body().path("thread"));
  }

  private PostFetch thread(String uri, Fetch.Response r, JsonNode thread) {
    String type = thread.path("$type").asText("");
    if (type.endsWith("#notFoundPost") || thread.path("notFound").asBoolean(false)) {
      return new PostFetch.NotFound(ENDPOINT, r, "notFoundPost " + thread.path("uri").asText(uri));
    }
    if (type.endsWith("#blockedPost") || thread.path("blocked").asBoolean(false)) {
      return new PostFetch.Unavailable(ENDPOINT, r, UnavailableReason.PROTECTED,
          "blockedPost: the AppView withholds the post because of a block");
    }
    JsonNode post = thread.path("post");
    if (type.endsWith("#threadViewPost") && post.isObject() && post.path("uri").asText("").endsWith(
        uri.substring(uri.indexOf("/app.bsky.feed.post/"))) && post.path("record").isObject()) {
      return new PostFetch.Served(ENDPOINT, r, posts.read(post));
    }
    return unexpected(r, "unrecognised thread ($type '" + type + "', uri '" + post.path("uri").asText("") + "')");
  }

  /** The handle or DID to ask with: the extracted handle, else the one in the post URL. */
  private static Optional<String> actor(PostKey post) {
    if (post.handle() != null && !post.handle().isBlank()) {
      String h = post.handle().strip();
      return Optional.of(h.startsWith("@") ? h.substring(1) : h);
    }
    if (post.url() != null) {
      Matcher m = PROFILE.matcher(post.url());
      if (m.find()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  private static Optional<PostFetch> accountError(Answer answer) {
    return switch (answer.error()) {
      case "AccountDeactivated" -> Optional.of(new PostFetch.Unavailable(ENDPOINT, answer.response(),
          UnavailableReason.ACCOUNT_GONE, "AccountDeactivated: " + answer.message()));
      case "AccountTakedown" -> Optional.of(new PostFetch.Unavailable(ENDPOINT, answer.response(),
          UnavailableReason.SUSPENDED, "AccountTakedown: " + answer.message()));
      default -> Optional.empty();
    };
  }

  /**
   * One XRPC answer: either already a verdict (inconclusive: transport, 429, 5xx, 401/403, truncated or non-JSON
   * body), or a response with its status, JSON body and XRPC error name and message ("" when absent).
   */
  private record Answer(PostFetch verdict, Fetch.Response response, int status, JsonNode body, String error,
      String message) {}

  private Answer read(Fetch fetch) {
    if (fetch instanceof Fetch.Failure f) {
      return new Answer(PostFetch.Inconclusive.of(ENDPOINT, f), null, 0, null, "", "");
    }
    Fetch.Response r = (Fetch.Response) fetch;
    int status = r.status();
    PostFetch verdict = null;
    if (status == 429 || status >= 500) {
      verdict = PostFetch.Inconclusive.unanswered(ENDPOINT, r).orElseThrow();
    } else if (status == 401 || status == 403) {
      verdict = new PostFetch.Inconclusive(ENDPOINT, r, Outcome.REFUSED, "HTTP " + status + " " + r.snippet());
    } else if (r.truncated()) {
      verdict = unexpected(r, r.truncation());
    }
    if (verdict != null) {
      return new Answer(verdict, r, status, null, "", "");
    }
    JsonNode body;
    try {
      body = json.readTree(r.body());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      return new Answer(unexpected(r, "HTTP " + status + ", not a JSON object: " + r.snippet()), r, status, null, "",
          "");
    }
    return new Answer(null, r, status, body, body.path("error").asText(""), body.path("message").asText(""));
  }

  private static PostFetch.Inconclusive unexpected(Fetch.Response r, String detail) {
    return new PostFetch.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED, detail);
  }

}
