package org.embedwatch.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One HTTP exchange as it is written to WARC: the request we sent and the response (or failure) we got. Secrets in
 * the query ({@link QuerySecrets}, e.g. Meta's {@code access_token}) are redacted from both addresses here, so no
 * recorder ever sees them.
 *
 * @param targetUri the URI the caller asked for (the platform's own address, before {@code net.route} rewriting),
 *     secret query values redacted
 * @param routedTo the address the request actually went to, when a route rewrote it, else null; secret query values
 *     redacted
 * @param date when the request was sent
 * @param method HTTP method
 * @param requestHeaders request headers as sent, with secrets already redacted
 * @param response the response, or null when the exchange failed before one arrived
 * @param failure why no (complete) response arrived, or null
 */
public record HttpExchangeRecord(
    URI targetUri,
    URI routedTo,
    Instant date,
    String method,
    List<Map.Entry<String, String>> requestHeaders,
    Response response,
    String failure) {

  public HttpExchangeRecord {
    targetUri = QuerySecrets.redact(targetUri);
    routedTo = routedTo == null ? null : QuerySecrets.redact(routedTo);
    requestHeaders = List.copyOf(requestHeaders);
  }

  /**
   * A response as received.
   *
   * @param status HTTP status code
   * @param reason reason phrase
   * @param headers response headers as received (framing headers are rewritten by the writer)
   * @param body the payload bytes as received (content encoding not undone); empty when {@code bodyFile} holds them
   * @param truncated true when the body was cut off at the configured limit
   * @param bodyFile the file the payload was streamed to, or null when it is {@code body}
   */
  public record Response(
      int status, String reason, List<Map.Entry<String, String>> headers, byte[] body, boolean truncated,
      Path bodyFile) {
    public Response {
      headers = List.copyOf(headers);
    }

    /** A response whose payload is held in memory. */
    public Response(int status, String reason, List<Map.Entry<String, String>> headers, byte[] body,
        boolean truncated) {
      this(status, reason, headers, body, truncated, null);
    }

    /** The payload's length in bytes. */
    public long bodyLength() {
      if (bodyFile == null) {
        return body.length;
      }
      try {
        return Files.size(bodyFile);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the size of " + bodyFile, e);
      }
    }
  }
}
