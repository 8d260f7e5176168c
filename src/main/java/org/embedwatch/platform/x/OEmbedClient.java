package org.embedwatch.platform.x;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * X's oEmbed endpoint ({@code https://publish.twitter.com/oembed?url=…}), a second witness beside syndication: no
 * credentials, no counts. Maps every answer to one {@link PostFetch} (platform-protocols §2): 200 with the oEmbed JSON
 * is served, with content read from the embed's {@code <p>} ({@link OEmbedTweet}); 404 is not found (oEmbed gives no
 * reason); 403 with the "not authorized" error is unavailable (protected); 429, 5xx, other refusals and transport
 * errors are inconclusive; any other body is unexpected and kept as is.
 */
public final class OEmbedClient implements PostEndpoint {
  public static final String ENDPOINT = "x-oembed";
  private static final URI BASE = URI.create("https://publish.twitter.com/oembed");
  private static final Pattern ID = Pattern.compile("[0-9]{1,40}");
  private static final Pattern STATUS_URL =
      Pattern.compile("^https://(?:www\\.|mobile\\.)?(?:twitter|x)\\.com/[A-Za-z0-9_]{1,50}/status/[0-9]{1,40}$");
  private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_]{1,50}");
  private static final String NOT_AUTHORIZED = "not authorized to see this status";

  private final HttpFetcher http;
  private final ObjectMapper json;
  private final OEmbedTweet tweets;

  public OEmbedClient(HttpFetcher http, ObjectMapper json) {
    this.http = http;
    this.json = json;
    this.tweets = new OEmbedTweet(json);
  }

  /**
   * The request URL for a post: the post's canonical status URL when it is one, else one built from the handle (or
   * {@code i} when there is none) and the id. Only {@code url} is sent, as react-tweet does.
   */
  public static URI requestUri(PostKey post) {
    if (!ID.matcher(post.postId()).matches()) {
      throw new IllegalArgumentException("not a tweet id: '" + post.postId() + "'");
    }
    String status;
    if (post.url() != null && STATUS_URL.matcher(post.url()).matches() && post.url().endsWith("/" + post.postId())) {
      status = post.url();
    } else {
      String handle = post.handle() != null && HANDLE.matcher(post.handle()).matches() ? post.handle() : "i";
      status = "https://twitter.com/" + handle + "/status/" + post.postId();
    }
    return URI.create(BASE + "?url=" + URLEncoder.encode(status, StandardCharsets.UTF_8));
  }

  @Override
  public Platform platform() {
    return Platform.X;
  }

  @Override
  public String name() {
    return ENDPOINT;
  }

  /** Asks the endpoint about one tweet. Never throws for what the network or the endpoint does. */
  @Override
  public PostFetch fetch(PostKey post) {
    Fetch fetch = http.get(requestUri(post), Map.of("Accept", "application/json"));
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
    if (status == 403) {
      String error = errorText(r);
      if (error != null && error.toLowerCase(Locale.ROOT).contains(NOT_AUTHORIZED)) {
        return new PostFetch.Unavailable(ENDPOINT, r, UnavailableReason.PROTECTED, "HTTP 403: " + error);
      }
      return new PostFetch.Inconclusive(ENDPOINT, r, Outcome.REFUSED, "HTTP 403 " + r.snippet());
    }
    if (status == 401) {
      return new PostFetch.Inconclusive(ENDPOINT, r, Outcome.REFUSED, "HTTP 401 " + r.snippet());
    }
    if (status != 200) {
      return new PostFetch.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED, "HTTP " + status + " " + r.snippet());
    }
    if (r.truncated()) {
      return new PostFetch.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED, r.truncation());
    }
    JsonNode body = parse(r);
    if (body == null || !body.isObject()) {
      return new PostFetch.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED, "not a JSON object: " + r.snippet());
    }
    return tweets.read(post.postId(), body)
        .<PostFetch>map(content -> new PostFetch.Served(ENDPOINT, r, content))
        .orElseGet(() -> new PostFetch.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED,
            "not an oEmbed tweet (no html with a twitter-tweet blockquote and its <p>): " + r.snippet()));
  }

  private JsonNode parse(Fetch.Response r) {
    try {
      return json.readTree(r.body());
    } catch (JsonProcessingException e) {
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The {@code error} of a JSON error body, or null when the body is not one. */
  private String errorText(Fetch.Response r) {
    JsonNode body = parse(r);
    if (body == null || !body.path("error").isTextual()) {
      return null;
    }
    return body.path("error").asText();
  }

}
