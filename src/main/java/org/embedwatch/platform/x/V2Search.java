package org.embedwatch.platform.x;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.config.Settings;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;

/**
 * X's v2 search by author ({@code GET https://api.twitter.com/2/tweets/search/all?query=from:<user>&start_time=…
 * &end_time=…}, platform-protocols §3.2), used to list a remnant's candidate posts when {@code x.v2.bearer-token} is
 * set. {@code search/all} is the full archive (Pro and Academic access); {@code recent} only covers 7 days. A 200
 * lists the posts in {@code data} (none: {@code meta.result_count} 0); any other answer lists nothing and tells
 * nothing. Thread-safe.
 */
public final class V2Search {
  public static final String ENDPOINT = "x-v2-search";
  private static final String BASE = "https://api.twitter.com/2/tweets/search/all";
  static final int MAX_RESULTS = 100;

  private final Map<String, String> headers;
  private final HttpFetcher http;
  private final ObjectMapper json;

  public V2Search(Settings.BearerToken token, HttpFetcher http, ObjectMapper json) {
    this.headers = Map.of("Authorization", "Bearer " + token.value(), "Accept", "application/json");
    this.http = http;
    this.json = json;
  }

  /** One post the search listed. */
  public record Hit(String id, String text) {}

  /** What one search answered. */
  public sealed interface Answer {
    Fetch fetch();

    String detail();

    /** A 200 listing {@code hits} (possibly none). */
    record Listed(Fetch.Response fetch, List<Hit> hits, String detail) implements Answer {
      public Listed {
        hits = List.copyOf(hits);
      }
    }

    /** Refused, rate limited, 5xx, transport error or a body we do not understand: nothing learnt. */
    record Failed(Fetch fetch, Outcome outcome, String detail) implements Answer {}
  }

  public static URI requestUri(String handle, Instant start, Instant end) {
    return URI.create(BASE + "?query=" + URLEncoder.encode("from:" + handle, StandardCharsets.UTF_8)
        + "&start_time=" + start + "&end_time=" + end + "&max_results=" + MAX_RESULTS + "&tweet.fields=created_at");
  }

  /** Posts by {@code handle} made in [{@code start}, {@code end}). Never throws for the network. */
  public Answer search(String handle, Instant start, Instant end) {
    Fetch fetch = http.get(requestUri(handle, start, end), headers);
    if (fetch instanceof Fetch.Failure f) {
      return new Answer.Failed(f, f.kind() == Fetch.Kind.RATE_LIMITED ? Outcome.RATE_LIMITED
          : Outcome.TRANSPORT_ERROR, f.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + f.message());
    }
    Fetch.Response r = (Fetch.Response) fetch;
    if (r.status() != 200 || r.truncated()) {
      Outcome o = r.status() == 429 ? Outcome.RATE_LIMITED : r.status() == 401 || r.status() == 403
          ? Outcome.REFUSED : r.status() >= 500 ? Outcome.SERVER_ERROR : Outcome.UNEXPECTED;
      return new Answer.Failed(r, o, "HTTP " + r.status() + (r.truncated() ? " (truncated)" : "") + " "
          + r.snippet(160));
    }
    try {
      JsonNode root = json.readTree(r.body());
      if (root == null || !root.isObject() || !root.path("meta").has("result_count")) {
        return new Answer.Failed(r, Outcome.UNEXPECTED, "not a v2 search answer: " + r.snippet(160));
      }
      List<Hit> hits = new ArrayList<>();
      for (JsonNode t : root.path("data")) {
        String id = t.path("id").asText("");
        if (id.matches("[0-9]{1,19}")) {
          hits.add(new Hit(id, t.path("note_tweet").path("text").asText(t.path("text").asText(null))));
        }
      }
      return new Answer.Listed(r, hits, hits.size() + (hits.size() == 1 ? " post" : " posts") + " from:" + handle
          + " between " + start + " and " + end);
    } catch (IOException e) {
      return new Answer.Failed(r, Outcome.UNEXPECTED, "not JSON (" + e.getMessage() + "): " + r.snippet(160));
    }
  }
}
