package org.embedwatch.capture;

import org.embedwatch.evidence.MediaOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.embedwatch.archive.BlobStore;
import org.embedwatch.config.Settings;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.platform.PostContent;
import org.embedwatch.read.ContentSniffer;
import org.embedwatch.evidence.Media;
import org.embedwatch.verify.PerceptualHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one media item and stores its bytes content-addressed, with the content type Tika detects from the bytes
 * (never from the file name), and of an image its perceptual hash; a URL this run stored already is not fetched again
 * ({@link RecentMedia}). The body is streamed to a temporary file, never held whole in memory, and moved into
 * the store; a body longer than {@code media.max-bytes} is not stored. Every fetch is in WARC, failed ones included.
 */
public final class MediaFetcher {
  private static final Logger log = LoggerFactory.getLogger(MediaFetcher.class);
  private static final int SNIFF_BYTES = 64 * 1024;
  private final HttpFetcher http;
  private final BlobStore media;
  private final ContentSniffer sniffer;
  /** The longest media URL fetched: the store's column. */
  static final int MAX_URL = 4000;
  private final long maxBytes;
  private final int maxPerPost;
  private final RecentMedia recent;

  /**
   * @param limits {@code media.max-bytes} (a longer body is not stored) and {@code media.max-per-post}
   * @param clock decides how long a fetch stands for its URL's bytes in this run (see {@link RecentMedia})
   */
  public MediaFetcher(HttpFetcher http, BlobStore media, ContentSniffer sniffer, Settings.Media limits, Clock clock) {
    this.maxPerPost = limits.maxPerPost();
    this.http = http;
    this.media = media;
    this.sniffer = sniffer;
    this.maxBytes = limits.maxBytes();
    this.recent = new RecentMedia(clock, m -> Files.isRegularFile(media.pathOf(m.sha256())));
  }

  /**
   * Fetches the first {@code maxPerPost} of {@code refs}; the others are not fetched, each stored with the outcome
   * {@code not-fetched} (over {@code media.max-per-post}).
   */
  List<Media> fetchAll(List<PostContent.MediaRef> refs) {
    List<Media> out = new ArrayList<>();
    for (PostContent.MediaRef ref : refs) {
      out.add(out.size() < maxPerPost ? fetch(ref)
          : new Media(ref.kind(), ref.url(), MediaOutcome.of(MediaOutcome.Kind.NOT_FETCHED), null, null, 0, null, null));
    }
    if (refs.size() > maxPerPost) {
      log.warn("a post lists {} media; media.max-per-post={}: the other {} are not fetched", refs.size(), maxPerPost,
          refs.size() - maxPerPost);
    }
    return out;
  }

  /**
   * Fetches {@code ref} and stores its bytes, unless this run fetched and stored the same URL within
   * {@link RecentMedia#KEEP}: then that fetch's blob and WARC record stand for it, and nothing is asked.
   */
  Media fetch(PostContent.MediaRef ref) {
    Media m = recent.fetchOnce(ref.url(), () -> fetchNow(ref));
    return m.kind() == ref.kind() ? m : new Media(ref.kind(), m.sourceUrl(), m.outcome(), m.sha256(),
        m.contentType(), m.byteLength(), m.path(), m.warc(), m.dhash());
  }

  private Media fetchNow(PostContent.MediaRef ref) {
    if (ref.url().length() > MAX_URL) {
      // Longer than the store keeps, and longer than any media URL a platform serves: not fetched.
      return new Media(ref.kind(), ref.url(), MediaOutcome.of(MediaOutcome.Kind.BAD_URL), null, null, 0, null, null);
    }
    URI uri;
    try {
      uri = URI.create(ref.url());
    } catch (IllegalArgumentException e) {
      return new Media(ref.kind(), ref.url(), MediaOutcome.of(MediaOutcome.Kind.BAD_URL), null, null, 0, null, null);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return new Media(ref.kind(), ref.url(), MediaOutcome.of(MediaOutcome.Kind.NOT_HTTP), null, null, 0, null, null);
    }
    Path file = media.newTempFile();
    try {
      return fetch(ref, uri, file);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        log.warn("cannot delete the temporary file {}: {}", file, e.toString());
      }
    }
  }

  private Media fetch(PostContent.MediaRef ref, URI uri, Path file) {
    Fetch f = http.download(uri, Map.of(), file, maxBytes);
    if (f instanceof Fetch.Failure x) {
      MediaOutcome outcome = MediaOutcome.of(switch (x.kind()) {
        case RATE_LIMITED -> MediaOutcome.Kind.RATE_LIMITED;
        case REFUSED_ADDRESS -> MediaOutcome.Kind.REFUSED;
        default -> MediaOutcome.Kind.TRANSPORT_ERROR;
      });
      return new Media(ref.kind(), ref.url(), outcome, null, null, 0, null, x.warc());
    }
    Fetch.Response r = (Fetch.Response) f;
    if (r.status() != 200) {
      return new Media(ref.kind(), ref.url(), MediaOutcome.httpError(r.status()), null, null, 0, null, r.warc());
    }
    if (r.truncated()) {
      return new Media(ref.kind(), ref.url(), MediaOutcome.tooLarge(maxBytes), null, null, 0, null,
          r.warc());
    }
    String type = sniffer.mediaType(head(file), null, null);
    Long dhash = null;
    if (type != null && type.startsWith("image/")) {
      OptionalLong hash = PerceptualHash.of(file);
      dhash = hash.isPresent() ? hash.getAsLong() : null;
    }
    BlobStore.Blob blob = media.move(file, r.sha256());
    return new Media(ref.kind(), ref.url(), MediaOutcome.STORED, blob.sha256(), type, blob.size(),
        blob.path().toString(), r.warc(), dhash);
  }

  /** The first bytes of {@code file}, enough for Tika's magic-byte detection. */
  private static byte[] head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(SNIFF_BYTES);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
