package org.embedwatch.platform.oembed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.net.Fetch;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;

/**
 * TikTok's oEmbed ({@code https://www.tiktok.com/oembed?url=https://www.tiktok.com/@<user>/video/<id>}). The served
 * shape is TikTok's documented example ({@code title, author_name, author_unique_id, author_url, thumbnail_url,
 * embed_product_id, html: <blockquote class="tiktok-embed" cite=… data-video-id=…>}); the error is as reported:
 * <ul>
 *   <li>400 with {@code {"code":400,"message":"Something went wrong",…}}: not found, for a removed, private or
 *       never-existing video alike. Only when the request named the video by its canonical
 *       {@code /@user/video/<id>} URL: a post known only by its player URL ({@code /embed/v2/<id>}, no user) may be
 *       refused for the URL form, so that 400 stays unexpected;
 *   <li>any other 400 body, any other status: unexpected (403: refused). None is evidence.
 * </ul>
 */
final class TikTokDialect implements OEmbedDialect {
  private static final String BASE = "https://www.tiktok.com/oembed";
  private static final Pattern ID = Pattern.compile("[0-9]{6,25}");
  private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_.]{1,40}");

  private final ObjectMapper json;

  TikTokDialect(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public URI requestUri(PostKey post) {
    if (!ID.matcher(post.postId()).matches()) {
      throw new IllegalArgumentException("not a TikTok video id: '" + post.postId() + "'");
    }
    String video = canonical(post)
        ? "https://www.tiktok.com/@" + post.handle() + "/video/" + post.postId()
        : "https://www.tiktok.com/embed/v2/" + post.postId();
    return URI.create(BASE + "?url=" + URLEncoder.encode(video, StandardCharsets.UTF_8));
  }

  /** Whether the post can be asked about by its canonical {@code /@user/video/<id>} URL. */
  private static boolean canonical(PostKey post) {
    return post.handle() != null && HANDLE.matcher(post.handle()).matches();
  }

  @Override
  public PostFetch error(String endpoint, PostKey post, Fetch.Response r) {
    if (r.status() == 400) {
      Optional<String> words = somethingWentWrong(json, r);
      if (words.isPresent() && canonical(post)) {
        return new PostFetch.NotFound(endpoint, r, "HTTP 400 " + words.get());
      }
      if (words.isPresent()) {
        return new PostFetch.Inconclusive(endpoint, r, Outcome.UNEXPECTED, "HTTP 400 " + words.get()
            + " (asked by the player URL, without the author: not read as not found)");
      }
    }
    Outcome outcome = r.status() == 403 ? Outcome.REFUSED : Outcome.UNEXPECTED;
    return new PostFetch.Inconclusive(endpoint, r, outcome, OEmbedDialect.http(r));
  }

  /** The words of TikTok's "something went wrong" error body, or empty when the body is not that one. */
  private static Optional<String> somethingWentWrong(ObjectMapper json, Fetch.Response r) {
    JsonNode body;
    try {
      body = json.readTree(r.body());
    } catch (IOException notJson) {
      return Optional.empty();
    }
    if (body == null || !body.isObject() || body.path("code").asInt(-1) != 400
        || !body.path("message").asText("").equals("Something went wrong")) {
      return Optional.empty();
    }
    String status = body.path("status_msg").asText("");
    return Optional.of("Something went wrong" + (status.isBlank() || status.equals("Something went wrong")
        ? "" : ": " + status));
  }

  @Override
  public Optional<EmbedFields> read(PostKey post, OEmbedBody body) {
    String id = post.postId();
    Optional<String> cite = body.attribute("blockquote.tiktok-embed[cite]", "cite")
        .filter(c -> c.matches("https://www\\.tiktok\\.com/@[^/]+/video/" + id + "(?:[/?#].*)?")
            || body.attribute("blockquote.tiktok-embed", "data-video-id").orElse("").equals(id));
    if (cite.isEmpty() || !body.json().path("title").isTextual()) {
      return Optional.empty();
    }
    String handle = body.string("author_unique_id").or(() -> body.lastSegment("author_url")).orElse(null);
    return Optional.of(new EmbedFields(body.json().path("title").asText(), handle,
        body.string("author_name").orElse(null), cite.get(), body.string("thumbnail_url").orElse(null)));
  }
}
