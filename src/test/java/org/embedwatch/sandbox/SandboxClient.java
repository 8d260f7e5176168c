package org.embedwatch.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Test support: GETs against a started sandbox, by simulated host and path. */
final class SandboxClient {
  static final String PHOTO_ID = "1641086480675225601";
  static final String VIDEO_ID = "1684218600456876032";
  static final String QUOTE_ID = "1641895049427550208";
  static final String BROWSER_UA =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Never follows a redirect: the sandbox's answers name real hosts (a Wayback replay's {@code Location} is
   * {@code https://web.archive.org/…}), and a test reads them as text; every request goes to the sandbox only.
   */
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final Sandbox sandbox;

  SandboxClient(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  HttpResponse<byte[]> get(String hostAndPath) throws IOException, InterruptedException {
    return get(hostAndPath, Duration.ofSeconds(10), BROWSER_UA);
  }

  HttpResponse<byte[]> get(String hostAndPath, Duration timeout, String userAgent)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/" + hostAndPath)).timeout(timeout).GET();
    if (userAgent != null) {
      request.header("User-Agent", userAgent);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** GET with the given request headers (and no User-Agent unless given). */
  HttpResponse<byte[]> get(String hostAndPath, java.util.Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/" + hostAndPath)).timeout(Duration.ofSeconds(10)).GET();
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** GET syndication tweet-result as react-tweet sends it (lang, features, token). */
  HttpResponse<byte[]> tweetResult(String id, String token) throws IOException, InterruptedException {
    return get("cdn.syndication.twimg.com/tweet-result?id=" + id
        + "&lang=en&features=tfw_timeline_list%3A%3Btfw_tweet_edit_backend%3Aon"
        + (token == null ? "" : "&token=" + token));
  }

  JsonNode tweet(String id) throws IOException, InterruptedException {
    return json(tweetResult(id, "a"));
  }

  static JsonNode json(HttpResponse<byte[]> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8), e);
    }
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
