package org.embedwatch.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.embedwatch.archive.ExchangeRecorder;
import org.embedwatch.archive.HttpExchangeRecord;
import org.embedwatch.archive.QuerySecrets;
import org.embedwatch.evidence.WarcLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An answer as {@link HttpFetcher} read it (status line, headers and a {@link BoundedBody}), before it is archived.
 *
 * @param reason the status line's reason phrase, or null
 */
record ReadBody(int status, String reason, List<Map.Entry<String, String>> headers, BoundedBody body) {
  /** The HTTP stack's log: one for all of it. */
  private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);

  /** The answer's head and its body: in memory up to {@code held} bytes, past that in a temporary file. */
  static ReadBody read(ClassicHttpResponse response, long held, long max, TransferLimits.Watch watch)
      throws IOException {
    watch.started();
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (Header h : response.getHeaders()) {
      headers.add(Map.entry(h.getName(), h.getValue()));
    }
    BoundedBody body = BoundedBody.EMPTY;
    HttpEntity entity = response.getEntity();
    if (entity != null) {
      try (InputStream in = entity.getContent()) {
        body = BoundedBody.read(in, held, max, watch);
      }
    }
    return new ReadBody(response.getCode(), response.getReasonPhrase(), headers, body);
  }

  /**
   * Writes the exchange to WARC (a body too long to hold streams from its temporary file, which is then deleted) and
   * returns it as the response to {@code uri}.
   */
  Fetch.Response answer(URI uri, URI routedTo, Instant at, List<Map.Entry<String, String>> recorded,
      ExchangeRecorder warc) throws IOException {
    try {
      HttpExchangeRecord.Response response = new HttpExchangeRecord.Response(status, reason, headers, body.bytes(),
          body.truncated(), body.file());
      WarcLocation loc = warc.write(new HttpExchangeRecord(uri, routedTo, at, "GET", recorded, response, null));
      log.debug("GET {} -> {} ({} bytes{})", QuerySecrets.redact(uri), status, body.length(),
          body.spilled() ? ", over net.max-parse-bytes: archived, not held" : "");
      return new Fetch.Response(uri, uri, at, status, headers, body.bytes(), body.truncated() || body.spilled(),
          body.sha256(), loc, body.spilled());
    } finally {
      if (body.spilled()) {
        Files.deleteIfExists(body.file());
      }
    }
  }
}
