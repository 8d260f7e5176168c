package org.embedwatch.platform.oembed;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.UnavailableReason;
import org.embedwatch.net.Fetch;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;

/**
 * YouTube's oEmbed ({@code https://www.youtube.com/oembed?url=https://www.youtube.com/watch?v=<id>&format=json}).
 * There is no recorded sample; the answers below are the ones reported by oEmbed consumers (Ghost, oembed-extractor,
 * YoutubeExplode, humhub issue threads) and are read only when their body is the one reported:
 * <ul>
 *   <li>200 JSON {@code {title, author_name, author_url, thumbnail_url, html: <iframe src=".../embed/<id>?...">}}:
 *       served; the title is the post text, the handle the last segment of {@code author_url};
 *   <li>404 {@code Not Found}: not found. YouTube answers it for removed and never-existing videos alike;
 *   <li>401 {@code Unauthorized}: unavailable, reason unknown. YouTube answers it when the owner disabled embedding
 *       and when the video is private, and does not say which: the video may still play on youtube.com;
 *   <li>400 (our request was malformed) and any other body: unexpected; 403: refused. None is evidence.
 * </ul>
 */
final class YouTubeDialect implements OEmbedDialect {
  private static final String BASE = "https://www.youtube.com/oembed";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{11}");

  @Override
  public URI requestUri(PostKey post) {
    if (!ID.matcher(post.postId()).matches()) {
      throw new IllegalArgumentException("not a YouTube video id: '" + post.postId() + "'");
    }
    String watch = "https://www.youtube.com/watch?v=" + post.postId();
    return URI.create(BASE + "?url=" + URLEncoder.encode(watch, StandardCharsets.UTF_8) + "&format=json");
  }

  @Override
  public PostFetch error(String endpoint, PostKey post, Fetch.Response r) {
    String body = r.snippet();
    if (r.status() == 404 && body.equalsIgnoreCase("Not Found")) {
      return new PostFetch.NotFound(endpoint, r, "HTTP 404 Not Found");
    }
    if (r.status() == 401 && body.equalsIgnoreCase("Unauthorized")) {
      return new PostFetch.Unavailable(endpoint, r, UnavailableReason.UNKNOWN,
          "HTTP 401 Unauthorized: embedding disabled or private (YouTube does not say which)");
    }
    if (r.status() == 403) {
      return new PostFetch.Inconclusive(endpoint, r, Outcome.REFUSED, OEmbedDialect.http(r));
    }
    if (r.status() == 400) {
      return new PostFetch.Inconclusive(endpoint, r, Outcome.UNEXPECTED,
          "HTTP 400: the endpoint refused the request as malformed: " + body);
    }
    return new PostFetch.Inconclusive(endpoint, r, Outcome.UNEXPECTED, OEmbedDialect.http(r));
  }

  @Override
  public Optional<EmbedFields> read(PostKey post, OEmbedBody body) {
    Optional<String> src = body.attribute("iframe[src]", "src")
        .filter(s -> s.matches("https://www\\.youtube(?:-nocookie)?\\.com/embed/" + Pattern.quote(post.postId())
            + "(?:[?#].*)?"));
    Optional<String> title = body.string("title");
    if (src.isEmpty() || title.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new EmbedFields(title.get(), body.lastSegment("author_url").orElse(null),
        body.string("author_name").orElse(null), src.get(), body.string("thumbnail_url").orElse(null)));
  }
}
