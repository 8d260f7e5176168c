package org.embedwatch.platform.oembed;

import java.net.URI;
import java.util.Optional;
import org.embedwatch.net.Fetch;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;

/**
 * What differs between one platform's oEmbed endpoint and another's: the request, the reading of its error answers
 * and where its embed names the post. Implementations are immutable.
 */
interface OEmbedDialect {
  /**
   * The request for {@code post}.
   *
   * @throws IllegalArgumentException when the key cannot name a post of this platform
   */
  URI requestUri(PostKey post);

  /**
   * The outcome of an answer other than 200, 429 and 5xx: only a recognised body is evidence.
   *
   * @param endpoint the stored endpoint name, for the outcome
   */
  PostFetch error(String endpoint, PostKey post, Fetch.Response response);

  /** The embed's fields, or empty when the body is not this platform's oEmbed answer about {@code post}. */
  Optional<EmbedFields> read(PostKey post, OEmbedBody body);

  /** {@code HTTP <status> <first bytes of the body>}, for details. */
  static String http(Fetch.Response r) {
    return "HTTP " + r.status() + " " + r.snippet();
  }
}
