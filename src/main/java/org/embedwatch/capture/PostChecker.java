package org.embedwatch.capture;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.embedwatch.Outcome;
import org.embedwatch.Platform;
import org.embedwatch.PostState;
import org.embedwatch.Sha256;
import org.embedwatch.UnavailableReason;
import org.embedwatch.archive.BlobStore;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.platform.PostEndpoint;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;
import org.embedwatch.read.ContentSniffer;
import org.embedwatch.store.EvidenceReader;
import org.embedwatch.store.EvidenceStore;
import org.embedwatch.store.NewMedia;
import org.embedwatch.store.NewObservation;
import org.embedwatch.store.NewPostCapture;
import org.embedwatch.store.ObservationRecord;
import org.embedwatch.store.PostRecord;
import org.embedwatch.verify.StateFold;

/**
 * Observes one post through every endpoint of its platform: appends one observation per endpoint, stores a capture
 * (raw body and media) whenever an endpoint serves content whose fingerprint differs from the last capture, and
 * re-derives the post's state. The first check of a post is its capture; later ones are re-checks.
 */
public final class PostChecker {
  private final List<PostEndpoint> endpoints;
  private final MediaFetcher media;
  private final EvidenceStore store;
  private final EvidenceReader reader;
  private final StateFold fold;
  private final Clock clock;
  private final Duration interval;
  private final WaybackCorroboration wayback;

  /** @param wayback asked after the live endpoints at a post's first capture (see {@link WaybackCorroboration}) */
  public PostChecker(List<PostEndpoint> endpoints, HttpFetcher http, BlobStore mediaFiles, ContentSniffer sniffer,
      long mediaMaxBytes, EvidenceStore store, EvidenceReader reader, StateFold fold, Clock clock, Duration interval,
      WaybackCorroboration wayback) {
    this.endpoints = List.copyOf(endpoints);
    this.wayback = wayback;
    this.media = new MediaFetcher(http, mediaFiles, sniffer, mediaMaxBytes);
    this.store = store;
    this.reader = reader;
    this.fold = fold;
    this.clock = clock;
    this.interval = interval;
  }

  /**
   * What one check of one post gave.
   *
   * @param fetches one answer per endpoint asked (empty when no endpoint serves the platform yet)
   * @param state the post's state after the check
   */
  public record Result(PostRecord post, List<PostFetch> fetches, EvidenceStore.DerivedState state) {
    /** True when no endpoint for the post's platform exists yet. */
    public boolean unsupported() {
      return fetches.isEmpty();
    }
  }

  /** True when at least one endpoint can observe posts of {@code platform}. */
  public boolean supports(Platform platform) {
    return endpoints.stream().anyMatch(e -> e.platform() == platform);
  }

  /** Checks {@code post} now. */
  public Result check(PostRecord post) {
    List<PostFetch> fetches = new ArrayList<>();
    EvidenceStore.DerivedState state = new EvidenceStore.DerivedState(post.state(), post.reason());
    List<NewObservation> history = new ArrayList<>();
    for (ObservationRecord o : reader.observations(post.id())) {
      history.add(o.observation());
    }
    for (PostEndpoint endpoint : endpoints) {
      if (endpoint.platform() != post.platform()) {
        continue;
      }
      PostFetch fetch = endpoint.fetch(new PostKey(post.platform(), post.postId(), post.handle(), post.url()));
      fetches.add(fetch);
      NewObservation observation = observation(fetch);
      NewPostCapture capture = newContent(history, fetch).orElse(null);
      history.add(observation);
      state = fold.fold(history);
      store.saveCheck(post.id(), observation, capture, state, clock.instant().plus(interval));
    }
    if (!fetches.isEmpty() && wayback.due(post, history)) {
      wayback.corroborate(post);
    }
    return new Result(post, fetches, state);
  }

  /**
   * The capture to store when {@code fetch} served content this endpoint has not served last time. A capture is
   * stored whenever the fingerprint changes, so the last available observation of the endpoint carries the
   * fingerprint of its last capture: no stored body needs to be read to decide.
   */
  private Optional<NewPostCapture> newContent(List<NewObservation> history, PostFetch fetch) {
    if (!(fetch instanceof PostFetch.Served served)) {
      return Optional.empty();
    }
    Optional<NewObservation> lastServed = history.stream()
        .filter(o -> o.outcome() == Outcome.AVAILABLE && o.endpoint().equals(fetch.endpoint()))
        .reduce((a, b) -> b);
    if (lastServed.isPresent() && served.content().fingerprint().equals(lastServed.get().fingerprint())) {
      return Optional.empty();
    }
    List<NewMedia> stored = new ArrayList<>();
    served.content().media().forEach(m -> stored.add(media.fetch(m)));
    Fetch.Response r = served.fetch();
    return Optional.of(new NewPostCapture(fetch.endpoint(), r.body(), r.sha256(), served.content().fingerprint(),
        served.content().text(), served.content().authorHandle(), served.content().authorName(),
        served.content().createdAt(), stored));
  }

  private static NewObservation observation(PostFetch fetch) {
    Fetch f = fetch.fetch();
    Instant at = f.at();
    Integer status = f instanceof Fetch.Response r ? r.status() : null;
    Sha256 sha = f instanceof Fetch.Response r ? r.sha256() : null;
    String uri = f.uri().toString();
    if (fetch instanceof PostFetch.Served s) {
      return new NewObservation(at, s.endpoint(), uri, status, s.outcome(), null, null, sha,
          s.content().fingerprint(), f.warc());
    }
    if (fetch instanceof PostFetch.Unavailable u) {
      return new NewObservation(at, u.endpoint(), uri, status, u.outcome(), u.reason(), u.detail(), sha, null,
          f.warc());
    }
    if (fetch instanceof PostFetch.NotFound n) {
      return new NewObservation(at, n.endpoint(), uri, status, n.outcome(),
          UnavailableReason.UNKNOWN, n.detail(), sha, null, f.warc());
    }
    PostFetch.Inconclusive i = (PostFetch.Inconclusive) fetch;
    return new NewObservation(at, i.endpoint(), uri, status, i.outcome(), null, i.detail(), sha, null, f.warc());
  }

  /** True when the state is a finding a verification team must look at. */
  public static boolean flagged(PostState state) {
    return state == PostState.UNAVAILABLE || state == PostState.ALTERED;
  }
}
