package org.embedwatch.platform.wayback;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;

/**
 * Fetches a memento's raw archived bytes ({@code https://web.archive.org/web/<timestamp>id_/<original>},
 * platform-protocols §5.3): no rewriting, no toolbar, what to hash. A 200 must carry {@code Memento-Datetime}, else it
 * is not a memento; its bytes' SHA-1 is compared with the digest CDX listed, and the post's text is read from them
 * ({@link MementoText}). A 404 means the archive holds no such capture; anything else tells nothing.
 */
public final class MementoClient {
  public static final String ENDPOINT = "wayback-memento";

  private final HttpFetcher http;
  private final ObjectMapper json;

  public MementoClient(HttpFetcher http, ObjectMapper json) {
    this.http = http;
    this.json = json;
  }

  /** Fetches the raw bytes of {@code memento}, which is about post {@code postId}. Never throws for network trouble. */
  public MementoReplay fetch(Memento memento, String postId) {
    Fetch fetch = http.get(URI.create(memento.rawUri()), Map.of());
    if (fetch instanceof Fetch.Response r && r.status() == 404) {
      return new MementoReplay.Missing(memento, r, "HTTP 404: the Wayback Machine holds no capture of "
          + memento.original() + " at " + memento.timestamp());
    }
    Optional<WaybackAnswer.Inconclusive> failed = WaybackAnswer.unless200(ENDPOINT, fetch);
    if (failed.isPresent()) {
      return new MementoReplay.Inconclusive(memento, fetch, failed.get().outcome(), failed.get().detail());
    }
    Fetch.Response r = (Fetch.Response) fetch;
    Optional<String> datetime = r.header("Memento-Datetime");
    if (datetime.isEmpty()) {
      return new MementoReplay.Inconclusive(memento, r, Outcome.UNEXPECTED,
          "HTTP 200 without Memento-Datetime, not a memento: " + WaybackAnswer.snippet(r));
    }
    MementoText text = MementoText.read(r.body(), r.contentType(), postId, json).orElse(null);
    String detail = "memento of " + memento.original() + " at " + datetime.get()
        + (r.finalUri().equals(r.uri()) ? "" : ", redirected to " + r.finalUri())
        + "; " + digestCheck(memento, r.body())
        + "; " + (text == null ? "no post text in it" : "text from " + text.source());
    return new MementoReplay.Served(memento, r, datetime.get(), text, detail);
  }

  /** Whether the bytes are those CDX listed: its digest is the base32 SHA-1 of the payload. */
  private static String digestCheck(Memento memento, byte[] body) {
    if (memento.digest() == null) {
      return "no CDX digest to compare";
    }
    String sha1 = Base32Sha1.of(body);
    return sha1.equals(memento.digest()) ? "payload SHA-1 matches the CDX digest"
        : "payload SHA-1 " + sha1 + " differs from the CDX digest " + memento.digest();
  }
}
