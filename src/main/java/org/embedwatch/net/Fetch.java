package org.embedwatch.net;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.evidence.WarcLocation;

/** What one HTTP request gave: a response (of any status) or a failure before a response arrived. */
public sealed interface Fetch {
  /** The address asked for (before routing). */
  URI uri();

  Instant at();

  /** Where the exchange was written in the WARC files. */
  WarcLocation warc();

  /**
   * A complete (or size-truncated) response.
   *
   * @param finalUri the address that answered after redirects (before routing)
   * @param body the payload bytes (empty when {@code overParseLimit})
   * @param truncated whether {@code body} is not the whole payload: cut at {@code net.max-body-bytes}, or left out
   *     because the payload was larger than {@code net.max-parse-bytes}
   * @param sha256 SHA-256 of the payload as received (of the whole payload, when it was too large to hold)
   * @param overParseLimit the payload was larger than {@code net.max-parse-bytes}: it was streamed to WARC (whole, up
   *     to {@code net.max-body-bytes}) but not kept in memory, so {@code body} is empty and it cannot be read as
   *     evidence of anything
   */
  record Response(
      URI uri,
      URI finalUri,
      Instant at,
      int status,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      boolean truncated,
      Sha256 sha256,
      WarcLocation warc,
      boolean overParseLimit)
      implements Fetch {
    /** A response whose body is held (not over the parse limit). */
    public Response(URI uri, URI finalUri, Instant at, int status, List<Map.Entry<String, String>> headers,
        byte[] body, boolean truncated, Sha256 sha256, WarcLocation warc) {
      this(uri, finalUri, at, status, headers, body, truncated, sha256, warc, false);
    }

    /** Why the body is not whole, for an observation of a {@link #truncated()} response: never evidence. */
    public String truncation() {
      return overParseLimit ? "body larger than net.max-parse-bytes, kept in WARC but not read"
          : "body truncated at the size limit";
    }

    /** The first {@code maxBytes} of the body as UTF-8, whitespace collapsed: enough to say what came back. */
    public String snippet(int maxBytes) {
      String s = new String(body, 0, Math.min(body.length, maxBytes), java.nio.charset.StandardCharsets.UTF_8).strip();
      return s.replaceAll("\\s+", " ");
    }

    /** {@link #snippet(int)} of the first 120 bytes. */
    public String snippet() {
      return snippet(120);
    }

    public Response {
      headers = List.copyOf(headers);
    }

    /** The first value of header {@code name}, case-insensitively. */
    public Optional<String> header(String name) {
      return headers.stream()
          .filter(h -> h.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue)
          .findFirst();
    }

    /** The declared content type, lower-cased, without parameters ("" when absent). */
    public String contentType() {
      return header("Content-Type").map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
    }
  }

  /**
   * No response: the request could not be made or the answer did not arrive, or (kind {@link Kind#RATE_LIMITED})
   * it was not sent because the host is parked after a rate-limit answer.
   *
   * @param kind what went wrong
   * @param message the underlying error, for the operator
   * @param warc where the failed exchange was written, or null (always null for {@link Kind#RATE_LIMITED}: no
   *     request was made, so there is no exchange)
   */
  record Failure(URI uri, Instant at, Kind kind, String message, WarcLocation warc) implements Fetch {}

  /** Why no response arrived. */
  enum Kind {
    TIMEOUT,
    CONNECTION,
    IO,
    TOO_MANY_REDIRECTS,
    BAD_REDIRECT,
    /** Not sent: the host is parked until the rate-limit reset it gave. */
    RATE_LIMITED,
    /** Not sent: {@code net.only-routed} is on and the host has no route and no {@code net.allow-addresses} entry. */
    NOT_ROUTED,
    /**
     * Not sent: the address connected to is not public (loopback, private, link-local, …) and neither a
     * {@code net.route} nor {@code net.allow-addresses} allows it. Never evidence about a post.
     */
    REFUSED_ADDRESS,
    /** Not sent: the client found the request invalid before sending it (a post id the API would refuse). */
    INVALID_REQUEST
  }
}
