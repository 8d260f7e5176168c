package org.embedwatch.platform.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.platform.PostEndpoint;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;

/**
 * A Mastodon post's own server: {@code GET https://<host>/api/v1/statuses/<id>}, no token (public statuses, since
 * 2.7.0; platform-protocols §6.2). The host comes from the post's canonical URL (else from its {@code user@host}
 * handle), so every server is reached, and routed, by its own name.
 *
 * <p>How answers are read:
 * <ul>
 *   <li>200 with the status of this id: served; an edit shows as a new {@code edited_at} and content;
 *   <li>404 ("Record not found"): <b>not found</b>. Mastodon answers the same for deleted, never existed and private
 *       statuses, so it is never read as "deleted";
 *   <li>410 Gone: not found too. The protocol notes do not list it for statuses, so it is not read as "deleted";
 *   <li>401 (the server requires an authenticated user: authorized-fetch or limited mode) and 403: inconclusive,
 *       refused. They are about us, not the post;
 *   <li>429, 5xx and transport errors: inconclusive; any other answer: inconclusive, unexpected.
 * </ul>
 */
public final class MastodonClient implements PostEndpoint {
  public static final String ENDPOINT = "mastodon-api";
  private static final Pattern ID = Pattern.compile("[0-9]{1,40}");
  private static final Pattern HOST = Pattern.compile("[a-z0-9.-]{1,253}(:[0-9]{1,5})?");

  private final HttpFetcher http;
  private final ObjectMapper json;
  private final MastodonStatus statuses;

  public MastodonClient(HttpFetcher http, ObjectMapper json) {
    this.http = http;
    this.json = json;
    this.statuses = new MastodonStatus(json);
  }

  @Override
  public Platform platform() {
    return Platform.MASTODON;
  }

  @Override
  public String name() {
    return ENDPOINT;
  }

  /** The API address of status {@code id} on {@code host}. */
  public static URI requestUri(String host, String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a Mastodon status id: '" + id + "'");
    }
    if (!HOST.matcher(host).matches()) {
      throw new IllegalArgumentException("not a Mastodon server host: '" + host + "'");
    }
    return URI.create("https://" + host + "/api/v1/statuses/" + id);
  }

  @Override
  public PostFetch fetch(PostKey post) {
    String id = post.postId();
    String host = host(post).orElseThrow(() ->
        new IllegalArgumentException("a Mastodon post needs its URL or user@host handle: " + post));
    Fetch fetch = http.get(requestUri(host, id), Map.of("Accept", "application/json"));
    if (fetch instanceof Fetch.Failure f) {
      return PostFetch.Inconclusive.of(ENDPOINT, f);
    }
    Fetch.Response r = (Fetch.Response) fetch;
    int status = r.status();
    if (status == 404 || status == 410) {
      return new PostFetch.NotFound(ENDPOINT, r, "HTTP " + status + " " + r.snippet());
    }
    Optional<PostFetch.Inconclusive> unanswered = PostFetch.Inconclusive.unanswered(ENDPOINT, r);
    if (unanswered.isPresent()) {
      return unanswered.get();
    }
    if (status == 401 || status == 403) {
      return new PostFetch.Inconclusive(ENDPOINT, r, Outcome.REFUSED, "HTTP " + status + " " + r.snippet());
    }
    if (status != 200) {
      return unexpected(r, "HTTP " + status + " " + r.snippet());
    }
    if (r.truncated()) {
      return unexpected(r, r.truncation());
    }
    JsonNode body;
    try {
      body = json.readTree(r.body());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      return unexpected(r, "not a JSON object: " + r.snippet());
    }
    if (!id.equals(body.path("id").asText()) || !body.has("content") || !body.path("account").isObject()) {
      return unexpected(r, "unrecognised body (id '" + body.path("id").asText("") + "')");
    }
    return new PostFetch.Served(ENDPOINT, r, statuses.read(body, host));
  }

  /** The server: the host of the canonical URL, else the part after {@code @} in the handle. */
  static Optional<String> host(PostKey post) {
    if (post.url() != null) {
      try {
        URI uri = URI.create(post.url());
        if (uri.getHost() != null) {
          return Optional.of(uri.getHost().toLowerCase(Locale.ROOT));
        }
      } catch (IllegalArgumentException e) {
        // fall back to the handle
      }
    }
    if (post.handle() != null && post.handle().lastIndexOf('@') > 0) {
      return Optional.of(post.handle().substring(post.handle().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
    }
    return Optional.empty();
  }

  private static PostFetch.Inconclusive unexpected(Fetch.Response r, String detail) {
    return new PostFetch.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED, detail);
  }

}
