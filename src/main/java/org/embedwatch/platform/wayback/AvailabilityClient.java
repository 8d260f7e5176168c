package org.embedwatch.platform.wayback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;

/**
 * The availability API ({@code https://archive.org/wayback/available?url=…}, platform-protocols §5.2): the one
 * snapshot closest to now. Known to answer {@code {}} even when CDX lists captures, so it is asked only when CDX could
 * not be; its {@code http://}, rewritten snapshot address is turned into the usual {@code https://} memento URI.
 */
public final class AvailabilityClient {
  public static final String ENDPOINT = "wayback-available";
  private static final URI BASE = URI.create("https://archive.org/wayback/available");
  private static final Pattern SNAPSHOT = Pattern.compile("^https?://web\\.archive\\.org/web/([0-9]{14})[a-z_]*/(.+)$");

  private final HttpFetcher http;
  private final ObjectMapper json;

  public AvailabilityClient(HttpFetcher http, ObjectMapper json) {
    this.http = http;
    this.json = json;
  }

  public static URI requestUri(String url) {
    return URI.create(BASE + "?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
  }

  /** The closest snapshot of {@code url}. Never throws for what the network or the archive does. */
  public WaybackAnswer closest(String url) {
    Fetch fetch = http.get(requestUri(url), Map.of("Accept", "application/json"));
    var failed = WaybackAnswer.unless200(ENDPOINT, fetch);
    if (failed.isPresent()) {
      return failed.get();
    }
    Fetch.Response r = (Fetch.Response) fetch;
    JsonNode root;
    try {
      root = json.readTree(r.body());
    } catch (IOException e) {
      return unexpected(r, "not JSON");
    }
    if (root == null || !root.isObject() || !root.path("archived_snapshots").isObject()) {
      return unexpected(r, "no archived_snapshots object");
    }
    JsonNode closest = root.path("archived_snapshots").path("closest");
    if (closest.isMissingNode()) {
      return new WaybackAnswer.NoneFound(ENDPOINT, r, "no snapshot of " + url);
    }
    Matcher m = SNAPSHOT.matcher(closest.path("url").asText(""));
    String ts = closest.path("timestamp").asText("");
    if (!closest.path("available").asBoolean(false) || !m.matches() || !m.group(1).equals(ts)) {
      return unexpected(r, "unrecognised closest snapshot");
    }
    String status = closest.path("status").asText("");
    Memento memento = new Memento(m.group(2), ts, Memento.instant(ts),
        status.isEmpty() || status.equals("-") ? null : status, null, null, null);
    return new WaybackAnswer.Found(ENDPOINT, r, List.of(memento), "closest snapshot " + ts);
  }

  private static WaybackAnswer unexpected(Fetch.Response r, String what) {
    return new WaybackAnswer.Inconclusive(ENDPOINT, r, Outcome.UNEXPECTED, what + ": " + WaybackAnswer.snippet(r));
  }
}
