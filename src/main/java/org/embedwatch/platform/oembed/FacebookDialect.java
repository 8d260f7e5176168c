package org.embedwatch.platform.oembed;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.embedwatch.net.Fetch;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;
import org.jsoup.nodes.Element;

/**
 * Facebook through Meta's {@code oembed_post}, or {@code oembed_video} for a video, watch or reel URL (Graph API,
 * app access token). The served shape is the documented one ({@code author_name, author_url, provider_name,
 * provider_url, html, type, version, width}): the embed is a {@code div.fb-post} (or {@code div.fb-video}) whose
 * {@code data-href} is the post's address, holding a {@code blockquote} whose paragraphs are the post text. The
 * address may differ in form from the one asked (a {@code pfbid} token for a numeric id), so the embed must be on
 * facebook.com but need not repeat the id. Errors are read as {@link GraphApi} says.
 */
final class FacebookDialect implements OEmbedDialect {
  private static final Pattern ID = Pattern.compile("[0-9]{1,25}|pfbid[0-9A-Za-z]{10,80}");
  private static final Pattern PAGE = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final Pattern FACEBOOK_URL = Pattern.compile("https://(?:www\\.|m\\.|web\\.)?facebook\\.com/\\S+");
  private static final Pattern VIDEO_URL = Pattern.compile("https://[^/]+/(?:[^/]+/videos/|watch/?\\?|reel/).*");

  private final GraphApi graph;

  FacebookDialect(GraphApi graph) {
    this.graph = graph;
  }

  /** The post's canonical URL as extracted, else one built from the page name and the id. */
  @Override
  public URI requestUri(PostKey post) {
    if (!ID.matcher(post.postId()).matches()) {
      throw new IllegalArgumentException("not a Facebook post id: '" + post.postId() + "'");
    }
    String url;
    if (post.url() != null && FACEBOOK_URL.matcher(post.url()).matches()) {
      url = post.url();
    } else if (post.handle() != null && PAGE.matcher(post.handle()).matches()) {
      url = "https://www.facebook.com/" + post.handle() + "/posts/" + post.postId();
    } else {
      throw new IllegalArgumentException("a Facebook post needs its URL or page name: " + post);
    }
    return graph.uri(VIDEO_URL.matcher(url).matches() ? "oembed_video" : "oembed_post", url);
  }

  @Override
  public PostFetch error(String endpoint, PostKey post, Fetch.Response r) {
    return graph.error(endpoint, r);
  }

  @Override
  public Optional<EmbedFields> read(PostKey post, OEmbedBody body) {
    Element embed = body.html().selectFirst("div.fb-post[data-href], div.fb-video[data-href]");
    if (embed == null || !FACEBOOK_URL.matcher(embed.attr("data-href").strip()).matches()) {
      return Optional.empty();
    }
    List<String> paragraphs = embed.select("blockquote p").stream().map(p -> p.wholeText().strip()).toList();
    return Optional.of(new EmbedFields(String.join("\n\n", paragraphs), body.lastSegment("author_url").orElse(null),
        body.string("author_name").orElse(null), embed.attr("data-href").strip(),
        body.string("thumbnail_url").orElse(null)));
  }
}
