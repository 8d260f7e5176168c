package org.embedwatch.capture;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.embedwatch.archive.BlobStore;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.platform.PostContent;
import org.embedwatch.read.ContentSniffer;
import org.embedwatch.store.NewMedia;

/**
 * Fetches one media item and stores its bytes content-addressed, with the content type Tika detects from the bytes
 * (never from the file name). Every fetch is in WARC, failed ones included.
 */
final class MediaFetcher {
  private final HttpFetcher http;
  private final BlobStore media;
  private final ContentSniffer sniffer;

  MediaFetcher(HttpFetcher http, BlobStore media, ContentSniffer sniffer) {
    this.http = http;
    this.media = media;
    this.sniffer = sniffer;
  }

  NewMedia fetch(PostContent.MediaRef ref) {
    URI uri;
    try {
      uri = URI.create(ref.url());
    } catch (IllegalArgumentException e) {
      return new NewMedia(ref.kind(), ref.url(), "bad-url", null, null, 0, null, null);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return new NewMedia(ref.kind(), ref.url(), "not-http", null, null, 0, null, null);
    }
    Fetch f = http.get(uri, Map.of());
    if (f instanceof Fetch.Failure x) {
      String outcome = x.kind() == Fetch.Kind.RATE_LIMITED ? "rate-limited" : "transport-error";
      return new NewMedia(ref.kind(), ref.url(), outcome, null, null, 0, null, x.warc());
    }
    Fetch.Response r = (Fetch.Response) f;
    if (r.status() != 200) {
      return new NewMedia(ref.kind(), ref.url(), "http-" + r.status(), null, null, 0, null, r.warc());
    }
    if (r.truncated()) {
      return new NewMedia(ref.kind(), ref.url(), "truncated", null, null, 0, null, r.warc());
    }
    BlobStore.Blob blob = media.put(r.body());
    String type = sniffer.mediaType(r.body(), null, null);
    return new NewMedia(ref.kind(), ref.url(), "stored", blob.sha256(), type, blob.size(),
        blob.path().toString(), r.warc());
  }
}
