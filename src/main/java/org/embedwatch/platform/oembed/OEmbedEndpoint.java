package org.embedwatch.platform.oembed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.platform.PostEndpoint;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;

/**
 * One platform's public oEmbed endpoint as a {@link PostEndpoint}. Every answer maps to one {@link PostFetch}: a
 * transport error is inconclusive, 429 rate limited, 5xx a server error; any other status is read by the platform's
 * dialect, which calls it not found or unavailable only for a body it recognises; a 200 is served only when it is a
 * JSON object whose embed names the post asked about, and unexpected (stored, quoted, never guessed) otherwise.
 * Immutable and thread-safe.
 */
public final class OEmbedEndpoint implements PostEndpoint {
  private final Platform platform;
  private final String name;
  private final OEmbedDialect dialect;
  private final HttpFetcher http;
  private final ObjectMapper json;

  private OEmbedEndpoint(Platform platform, String name, OEmbedDialect dialect, HttpFetcher http,
      ObjectMapper json) {
    this.platform = platform;
    this.name = name;
    this.dialect = dialect;
    this.http = http;
    this.json = json;
  }

  /** {@code youtube-oembed}: {@code https://www.youtube.com/oembed?url=<watch URL>&format=json}, no key. */
  public static OEmbedEndpoint youtube(HttpFetcher http, ObjectMapper json) {
    return new OEmbedEndpoint(Platform.YOUTUBE, "youtube-oembed", new YouTubeDialect(), http, json);
  }

  /** {@code tiktok-oembed}: {@code https://www.tiktok.com/oembed?url=<video URL>}, no key. */
  public static OEmbedEndpoint tiktok(HttpFetcher http, ObjectMapper json) {
    return new OEmbedEndpoint(Platform.TIKTOK, "tiktok-oembed", new TikTokDialect(json), http, json);
  }

  /** {@code instagram-oembed}: Graph API {@code instagram_oembed}, with Meta's app access token. */
  public static OEmbedEndpoint instagram(HttpFetcher http, ObjectMapper json, String accessToken) {
    return new OEmbedEndpoint(Platform.INSTAGRAM, "instagram-oembed",
        new InstagramDialect(new GraphApi(accessToken, json)), http, json);
  }

  /** {@code facebook-oembed}: Graph API {@code oembed_post} (or {@code oembed_video}), with the app access token. */
  public static OEmbedEndpoint facebook(HttpFetcher http, ObjectMapper json, String accessToken) {
    return new OEmbedEndpoint(Platform.FACEBOOK, "facebook-oembed",
        new FacebookDialect(new GraphApi(accessToken, json)), http, json);
  }

  @Override
  public Platform platform() {
    return platform;
  }

  @Override
  public String name() {
    return name;
  }

  /** Asks the endpoint about one post. Never throws for what the network or the endpoint does. */
  @Override
  public PostFetch fetch(PostKey post) {
    Fetch fetch = http.get(dialect.requestUri(post), Map.of("Accept", "application/json"));
    if (fetch instanceof Fetch.Failure f) {
      return PostFetch.Inconclusive.of(name(), f);
    }
    Fetch.Response r = (Fetch.Response) fetch;
    Optional<PostFetch.Inconclusive> unanswered = PostFetch.Inconclusive.unanswered(name(), r);
    if (unanswered.isPresent()) {
      return unanswered.get();
    }
    if (r.status() != 200) {
      return dialect.error(name, post, r);
    }
    if (r.truncated()) {
      return unexpected(r, r.truncation());
    }
    JsonNode body = parse(r);
    if (body == null || !body.isObject()) {
      return unexpected(r, "HTTP 200 but not a JSON object: " + r.snippet());
    }
    return dialect.read(post, OEmbedBody.of(body))
        .<PostFetch>map(fields -> new PostFetch.Served(name(), r,
            fields.content(platform(), post.postId(), json)))
        .orElseGet(() -> unexpected(r, "not a " + platform().key() + " oEmbed answer about " + post.postId()
            + " (no embed that names it): " + r.snippet()));
  }

  private JsonNode parse(Fetch.Response r) {
    try {
      return json.readTree(r.body());
    } catch (IOException notJson) {
      return null;
    }
  }

  private PostFetch.Inconclusive unexpected(Fetch.Response r, String detail) {
    return new PostFetch.Inconclusive(name(), r, Outcome.UNEXPECTED, detail);
  }
}
