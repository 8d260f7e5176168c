package org.embedwatch.platform.oembed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.net.Fetch;
import org.embedwatch.platform.PostFetch;

/**
 * Meta's Graph API as the Instagram and Facebook oEmbed endpoints use it: requests to
 * {@code https://graph.facebook.com/v18.0/<edge>?url=…&access_token=…}, and the documented error shape
 * {@code {"error":{"message","type":"OAuthException","code","error_subcode","fbtrace_id"}}} (Graph API "Handling
 * Errors"), read by its code:
 * <ul>
 *   <li>24, "the requested resource does not exist" (as reported for Meta's media endpoints): not found;
 *   <li>190, the access token is invalid or expired: refused (about us, not the post);
 *   <li>4, 17, 32 and 613, the documented throttling codes: rate limited;
 *   <li>anything else, code 100 included (its "does not exist, cannot be loaded due to missing permissions" mixes
 *       a missing post with a missing permission), and any other body: unexpected.
 * </ul>
 *
 * @param accessToken the app (or client) token; sent, never shown ({@code HttpFetcher} redacts it)
 */
record GraphApi(String accessToken, ObjectMapper json) {
  static final String VERSION = "v18.0";
  private static final Set<Integer> THROTTLED = Set.of(4, 17, 32, 613);

  GraphApi {
    Objects.requireNonNull(accessToken, "accessToken");
    if (accessToken.isBlank()) {
      throw new IllegalArgumentException("a Graph API oEmbed endpoint needs meta.oembed-token");
    }
  }

  @Override
  public String toString() {
    return "GraphApi[" + VERSION + ", token redacted]";
  }

  /** The request for the oEmbed of {@code url} on {@code edge} ({@code instagram_oembed}, {@code oembed_post}, …). */
  URI uri(String edge, String url) {
    return URI.create("https://graph.facebook.com/" + VERSION + "/" + edge
        + "?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8)
        + "&access_token=" + URLEncoder.encode(accessToken, StandardCharsets.UTF_8));
  }

  /** The outcome of a non-200 answer that is not 429 or 5xx. */
  PostFetch error(String endpoint, Fetch.Response r) {
    JsonNode error = errorObject(r);
    if (error == null) {
      return new PostFetch.Inconclusive(endpoint, r, Outcome.UNEXPECTED, OEmbedDialect.http(r));
    }
    int code = error.path("code").asInt(-1);
    String detail = "HTTP " + r.status() + " Graph error " + code
        + (error.hasNonNull("error_subcode") ? "/" + error.path("error_subcode").asText() : "")
        + ": " + error.path("message").asText("");
    if (code == 24) {
      return new PostFetch.NotFound(endpoint, r, detail);
    }
    if (code == 190) {
      return new PostFetch.Inconclusive(endpoint, r, Outcome.REFUSED, detail + " (check meta.oembed-token)");
    }
    if (THROTTLED.contains(code)) {
      return new PostFetch.Inconclusive(endpoint, r, Outcome.RATE_LIMITED, detail);
    }
    return new PostFetch.Inconclusive(endpoint, r, Outcome.UNEXPECTED, detail);
  }

  /** The {@code error} object of a Graph error body with a numeric code, or null when the body is not one. */
  private JsonNode errorObject(Fetch.Response r) {
    try {
      JsonNode body = json.readTree(r.body());
      JsonNode error = body == null ? null : body.path("error");
      return error != null && error.isObject() && error.path("code").isInt() ? error : null;
    } catch (IOException notJson) {
      return null;
    }
  }
}
