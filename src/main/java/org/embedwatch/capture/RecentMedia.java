package org.embedwatch.capture;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.embedwatch.evidence.Media;
import org.embedwatch.evidence.MediaOutcome;

/**
 * The media a run has fetched and stored, by URL, so that one URL (an author's avatar shared by many posts, a photo of
 * a quoted post) is fetched once per run: a later request for it within {@link #KEEP} takes the stored blob and the
 * WARC record of that fetch instead. Two checks asking for one URL at once share one fetch. Bounded: at most
 * {@link #CAPACITY} URLs, expired ones dropped first. Only stored media are kept; a failed fetch is asked again.
 * Thread-safe.
 */
final class RecentMedia {
  /** How long a fetch stands for the URL's bytes: one run of checks, and never a stale day in a long-lived daemon. */
  static final Duration KEEP = Duration.ofHours(1);
  static final int CAPACITY = 4096;

  private record Entry(Instant at, CompletableFuture<Media> media) {}

  private final Clock clock;
  private final Predicate<Media> onDisk;
  private final Map<String, Entry> byUrl = new ConcurrentHashMap<>();

  /** @param onDisk whether stored media's blob is still in the store (else the URL is fetched again) */
  RecentMedia(Clock clock, Predicate<Media> onDisk) {
    this.clock = clock;
    this.onDisk = onDisk;
  }

  /**
   * The media stored for {@code url} within {@link #KEEP} (its blob still on disk), else what {@code fetch} gives,
   * kept when stored. A fetch that throws is this caller's exception, and nothing is kept.
   */
  Media fetchOnce(String url, Supplier<Media> fetch) {
    Instant now = clock.instant();
    CompletableFuture<Media> mine = new CompletableFuture<>();
    Entry entry = byUrl.compute(url, (k, e) -> e != null && fresh(e, now) ? e : new Entry(now, mine));
    if (entry.media() != mine) {
      Optional<Media> shared = reusable(entry);
      if (shared.isPresent()) {
        return shared.get();
      }
      // The shared fetch stored nothing, or its blob is gone: this caller fetches (and keeps) it anew.
      byUrl.remove(url, entry);
      return fetchOnce(url, fetch);
    }
    try {
      Media media = fetch.get();
      mine.complete(media);
      if (media.outcome() != MediaOutcome.STORED) {
        byUrl.remove(url, entry);
      } else if (byUrl.size() > CAPACITY) {
        trim(now);
      }
      return media;
    } catch (RuntimeException | Error e) {
      byUrl.remove(url, entry);
      mine.completeExceptionally(e);
      throw e;
    }
  }

  private static boolean fresh(Entry e, Instant now) {
    return e.at().plus(KEEP).isAfter(now);
  }

  /** The stored media of another caller's fetch of the URL, once done; empty when it did not store them. */
  private Optional<Media> reusable(Entry entry) {
    Media media;
    try {
      media = entry.media().join();
    } catch (RuntimeException ignored) {
      return Optional.empty(); // the other caller's failure, reported by that caller
    }
    boolean stored = media.outcome() == MediaOutcome.STORED && media.sha256() != null && onDisk.test(media);
    return stored ? Optional.of(media) : Optional.empty();
  }

  private void trim(Instant now) {
    byUrl.entrySet().removeIf(e -> !fresh(e.getValue(), now));
    if (byUrl.size() > CAPACITY) {
      byUrl.clear(); // still full of fresh ones: start again rather than grow
    }
  }
}
