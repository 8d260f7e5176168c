package org.embedwatch.platform.oembed;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import org.embedwatch.net.Fetch;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;

/**
 * Instagram through Meta's {@code instagram_oembed} (Graph API, app access token). The served shape is the
 * documented field list ({@code author_name, html, provider_name, provider_url, thumbnail_url, thumbnail_width,
 * thumbnail_height, type, version, width}); the embed's {@code blockquote.instagram-media} names the post in
 * {@code data-instgrm-permalink}. The answer carries no caption (the embed script loads it), so the text is empty
 * unless a {@code title} is given; {@code author_name} is the account's user name, stored as the handle. Errors are
 * read as {@link GraphApi} says.
 */
final class InstagramDialect implements OEmbedDialect {
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final GraphApi graph;

  InstagramDialect(GraphApi graph) {
    this.graph = graph;
  }

  @Override
  public URI requestUri(PostKey post) {
    if (!CODE.matcher(post.postId()).matches()) {
      throw new IllegalArgumentException("not an Instagram shortcode: '" + post.postId() + "'");
    }
    return graph.uri("instagram_oembed", "https://www.instagram.com/p/" + post.postId() + "/");
  }

  @Override
  public PostFetch error(String endpoint, PostKey post, Fetch.Response r) {
    return graph.error(endpoint, r);
  }

  @Override
  public Optional<EmbedFields> read(PostKey post, OEmbedBody body) {
    Optional<String> permalink = body.attribute("blockquote.instagram-media[data-instgrm-permalink]",
            "data-instgrm-permalink")
        .filter(p -> p.matches("https://www\\.instagram\\.com/(?:[A-Za-z0-9_.]+/)?(?:p|reel|tv)/"
            + Pattern.quote(post.postId()) + "/?(?:[?#].*)?"));
    if (permalink.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new EmbedFields(body.string("title").orElse(""), body.string("author_name").orElse(null),
        null, permalink.get(), body.string("thumbnail_url").orElse(null)));
  }
}
