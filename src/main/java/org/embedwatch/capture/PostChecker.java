package org.embedwatch.capture;

import org.embedwatch.evidence.DerivedState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.PostState;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.evidence.UnavailableReason;
import org.embedwatch.archive.BlobStore;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.platform.BatchPostEndpoint;
import org.embedwatch.platform.PostContent;
import org.embedwatch.platform.PostEndpoint;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;
import org.embedwatch.read.ContentSniffer;
import org.embedwatch.store.EvidenceReader;
import org.embedwatch.evidence.CaptureRecord;
import org.embedwatch.store.EvidenceStore;
import org.embedwatch.evidence.LinkRecord;
import org.embedwatch.evidence.PostLink;
import org.embedwatch.evidence.Finding;
import org.embedwatch.evidence.Media;
import org.embedwatch.evidence.Observation;
import org.embedwatch.evidence.PostCapture;
import org.embedwatch.evidence.ObservationRecord;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.verify.ContentDiff;
import org.embedwatch.verify.PerceptualHash;
import org.embedwatch.verify.Alteration;
import org.embedwatch.verify.CitationCheck;
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
  private final int concurrency;
  private final boolean refetchPhotos;
  private final CitationCheck citations;
  private static final AtomicInteger THREADS = new AtomicInteger();

  /**
   * @param concurrency how many posts {@link #checkAll} checks at once (0: no limit)
   * @param wayback asked after the live endpoints at a post's first capture (see {@link WaybackCorroboration})
   * @param refetchPhotos whether a re-check fetches the photos again when the content fingerprint is unchanged
   *     ({@code check.refetch-photos})
   * @param citations compares the post's citations with it whenever a check stores a new capture
   */
  public PostChecker(List<PostEndpoint> endpoints, HttpFetcher http, BlobStore mediaFiles, ContentSniffer sniffer,
      long mediaMaxBytes, EvidenceStore store, EvidenceReader reader, StateFold fold, Clock clock, Duration interval,
      WaybackCorroboration wayback, int concurrency, boolean refetchPhotos, CitationCheck citations) {
    this.concurrency = concurrency;
    this.refetchPhotos = refetchPhotos;
    this.citations = citations;
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
   * @param discovered posts this check's capture named (quoted, replied to) that got a row of their own just now
   * @param via for a post checked because another one named it: how ({@code quoted by x 123}); null otherwise
   * @param memento what the Wayback fallback did for a post gone before its first capture (usually not due)
   * @param captured true when the check stored a new capture (and so already compared the post's citations with it)
   */
  public record Result(PostRecord post, List<PostFetch> fetches, DerivedState state,
      List<PostRecord> discovered, String via, MementoAttempt memento, boolean captured) {
    public Result {
      discovered = List.copyOf(discovered);
    }

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
    return checkOne(post, Map.of(), null);
  }

  /**
   * Checks {@code posts} now: endpoints that answer in batches are asked once per chunk of posts first, then each
   * post is checked on up to {@code concurrency} threads (each host's own limits still hold). Posts the captures name
   * that got a row just now (a cited post's quoted and replied-to posts) are checked next, in a further round.
   *
   * @param onEach told each post's result, in the order of {@code posts} (then of the posts found), as soon as it and
   *     those before it are done
   */
  public void checkAll(List<PostRecord> posts, Consumer<Result> onEach) {
    Set<Long> done = new HashSet<>();
    List<PostRecord> round = posts;
    Map<Long, String> via = new HashMap<>();
    while (!round.isEmpty()) {
      List<PostRecord> next = new ArrayList<>();
      round.forEach(p -> done.add(p.id()));
      checkRound(round, via, result -> {
        for (PostRecord found : result.discovered()) {
          if (!done.contains(found.id()) && via.putIfAbsent(found.id(), describe(result.post(), found)) == null) {
            next.add(found);
          }
        }
        onEach.accept(result);
      });
      round = next;
    }
  }

  /** {@code quoted by x 123} or {@code replied to by x 123}, from the link just stored. */
  private String describe(PostRecord from, PostRecord found) {
    String kind = reader.linksFrom(from.id()).stream()
        .filter(l -> found.id() == (l.toPost() == null ? -1 : l.toPost()))
        .map(l -> l.kind().words()).findFirst().orElse("named");
    return kind + " by " + from.platform().key() + " "
        + from.postId();
  }

  private void checkRound(List<PostRecord> posts, Map<Long, String> via, Consumer<Result> onEach) {
    Map<Long, Map<String, PostFetch>> batched = batchAnswers(posts);
    if (posts.size() <= 1 || concurrency == 1) {
      posts.forEach(p -> onEach.accept(checkOne(p, batched.getOrDefault(p.id(), Map.of()), via.get(p.id()))));
      return;
    }
    int threads = concurrency == 0 ? posts.size() : Math.min(concurrency, posts.size());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "check-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Result>> results = new ArrayList<>();
      for (PostRecord post : posts) {
        String how = via.get(post.id());
        results.add(pool.submit(() -> checkOne(post, batched.getOrDefault(post.id(), Map.of()), how)));
      }
      for (Future<Result> result : results) {
        onEach.accept(result.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking posts", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Asks every batch endpoint about its platform's posts, in chunks: post id (ours) → endpoint name → answer. */
  private Map<Long, Map<String, PostFetch>> batchAnswers(List<PostRecord> posts) {
    Map<Long, Map<String, PostFetch>> answers = new HashMap<>();
    for (PostEndpoint endpoint : endpoints) {
      if (!(endpoint instanceof BatchPostEndpoint batch)) {
        continue;
      }
      List<PostRecord> mine = posts.stream().filter(p -> p.platform() == batch.platform()).toList();
      for (int from = 0; from < mine.size(); from += batch.maxBatch()) {
        List<PostRecord> chunk = mine.subList(from, Math.min(mine.size(), from + batch.maxBatch()));
        List<PostFetch> fetched = batch.fetchAll(chunk.stream().map(PostChecker::key).toList());
        if (fetched.size() != chunk.size()) {
          throw new IllegalStateException(batch.name() + " answered " + fetched.size() + " of " + chunk.size()
              + " posts");
        }
        for (int i = 0; i < chunk.size(); i++) {
          answers.computeIfAbsent(chunk.get(i).id(), k -> new HashMap<>()).put(batch.name(), fetched.get(i));
        }
      }
    }
    return answers;
  }

  private static PostKey key(PostRecord post) {
    return new PostKey(post.platform(), post.postId(), post.handle(), post.url());
  }

  private Result checkOne(PostRecord post, Map<String, PostFetch> batched, String via) {
    List<PostFetch> fetches = new ArrayList<>();
    List<PostRecord> discovered = new ArrayList<>();
    DerivedState state = new DerivedState(post.state(), post.reason());
    List<Observation> history = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    int checkNo = 1;
    for (ObservationRecord o : reader.observations(post.id())) {
      history.add(o.observation());
      ids.add(o.id());
      checkNo = Math.max(checkNo, o.observation().check() + 1);
    }
    int liveEndpoints = (int) endpoints.stream().filter(e -> e.platform() == post.platform()).count();
    List<CaptureRecord> captures = new ArrayList<>(reader.capturesWithoutBodies(post.id()));
    boolean captured = false;
    for (PostEndpoint endpoint : endpoints) {
      if (endpoint.platform() != post.platform()) {
        continue;
      }
      PostFetch fetch = batched.containsKey(endpoint.name()) ? batched.get(endpoint.name()) : endpoint.fetch(key(post));
      fetches.add(fetch);
      Observation observation = observation(fetch).inCheck(checkNo);
      Optional<CaptureRecord> previous = captures.stream()
          .filter(c -> c.capture().endpoint().equals(fetch.endpoint()))
          .reduce((a, b) -> b);
      PostCapture capture = newContent(history, fetch).orElse(null);
      ContentDiff photosOnly = null;
      if (capture == null && fetch instanceof PostFetch.Served served && refetchPhotos && previous.isPresent()) {
        PhotoCheck photos = refetchPhotos(served, previous.get().capture());
        capture = photos.capture();
        photosOnly = photos.diff();
      }
      if (fetch instanceof PostFetch.Served) {
        PostCapture current = capture != null ? capture : previous.map(CaptureRecord::capture).orElse(null);
        String note = photosOnly != null && !photosOnly.notes().isEmpty() && !photosOnly.altered()
            ? String.join("; ", photosOnly.notes()) : null;
        observation = observation.withPictures(current == null ? null : Alteration.pictures(current), note);
      }
      captured |= capture != null;
      history.add(observation);
      ids.add(null);
      state = fold.fold(history, liveEndpoints);
      List<PostLink> links = capture == null ? List.of() : links(((PostFetch.Served) fetch).content(), post);
      List<Long> evidence = state.evidence().stream().map(ids::get).toList();
      List<Finding> findings = new ArrayList<>();
      if (capture != null && previous.isPresent()) {
        CaptureRecord first = captures.stream()
            .filter(c -> c.capture().endpoint().equals(fetch.endpoint()))
            .findFirst().orElseThrow();
        Alteration.finding(post, first, previous.get(), capture, observation).ifPresent(findings::add);
      }
      EvidenceStore.SavedCheck saved = store.saveCheck(post.id(), observation, capture, links, state, evidence,
          findings, clock.instant().plus(interval));
      ids.set(ids.size() - 1, saved.observationId());
      discovered.addAll(saved.discovered());
      if (capture != null) {
        captures.add(new CaptureRecord(-1, post.id(), saved.observationId(), observation.observedAt(), capture));
      }
    }
    if (captured) {
      citations.check(post);
    }
    MementoAttempt memento = MementoAttempt.notDue();
    if (!fetches.isEmpty()) {
      if (wayback.due(post, history)) {
        wayback.corroborate(post);
      }
      memento = wayback.recover(post, history, fetches);
    }
    return new Result(post, fetches, state, discovered, via, memento, captured);
  }

  /**
   * What re-fetching a served post's photos gave: the capture to store when a photo was replaced (same content
   * otherwise, the replaced photo's new bytes in its place), else null; and the comparison with the last capture.
   */
  private record PhotoCheck(PostCapture capture, ContentDiff diff) {}

  /**
   * Fetches the photos of {@code last} (this endpoint's last capture, whose fingerprint the post still has) again. A
   * photo that could not be fetched now keeps its stored bytes: a failed fetch is no evidence of a change.
   */
  private PhotoCheck refetchPhotos(PostFetch.Served served, PostCapture last) {
    if (last.media().stream().noneMatch(m -> m.kind().equals("photo") && m.sha256() != null)) {
      return new PhotoCheck(null, null);
    }
    List<Media> now = new ArrayList<>();
    for (Media m : last.media()) {
      if (!m.kind().equals("photo") || m.sha256() == null) {
        now.add(m);
        continue;
      }
      Media again = media.fetch(new PostContent.MediaRef(m.kind(), m.sourceUrl()));
      // Not fetched, or not a picture we can compare (an error page, a format ImageIO cannot read): nothing is
      // known about the photo now, so the stored one stands; an unexpected answer is never an alteration.
      boolean comparable = again.sha256() != null && (m.dhash() == null || again.dhash() != null);
      now.add(comparable ? again : m);
    }
    PostCapture candidate = capture(served, now);
    ContentDiff diff = ContentDiff.between(last, candidate);
    if (!diff.altered()) {
      return new PhotoCheck(null, diff);
    }
    List<Media> stored = new ArrayList<>();
    for (int i = 0; i < now.size(); i++) {
      Media before = last.media().get(i);
      Media after = now.get(i);
      boolean reencoded = before.dhash() != null && after.dhash() != null
          && PerceptualHash.samePicture(before.dhash(), after.dhash());
      stored.add(reencoded ? before : after);
    }
    return new PhotoCheck(capture(served, stored), diff);
  }

  /** The posts {@code content} names, on the post's own platform, with their canonical URLs. */
  private static List<PostLink> links(PostContent content, PostRecord post) {
    List<PostLink> out = new ArrayList<>();
    for (PostContent.Related r : content.related()) {
      String url = post.platform() == Platform.X
          ? "https://twitter.com/" + (r.handle() == null ? "i/web" : r.handle()) + "/status/" + r.postId()
          : null;
      out.add(new PostLink(r.kind(), post.platform(), r.postId(), r.handle(), url));
    }
    return out;
  }

  /**
   * The capture to store when {@code fetch} served content this endpoint has not served last time. A capture is
   * stored whenever the fingerprint changes, so the last available observation of the endpoint carries the
   * fingerprint of its last capture: no stored body needs to be read to decide.
   */
  private Optional<PostCapture> newContent(List<Observation> history, PostFetch fetch) {
    if (!(fetch instanceof PostFetch.Served served)) {
      return Optional.empty();
    }
    Optional<Observation> lastServed = history.stream()
        .filter(o -> o.outcome() == Outcome.AVAILABLE && o.endpoint().equals(fetch.endpoint()))
        .reduce((a, b) -> b);
    if (lastServed.isPresent() && served.content().fingerprint().equals(lastServed.get().fingerprint())) {
      return Optional.empty();
    }
    List<Media> stored = new ArrayList<>();
    served.content().media().forEach(m -> stored.add(media.fetch(m)));
    return Optional.of(capture(served, stored));
  }

  /** The capture of what {@code served} gave, with {@code stored} as its media. */
  private static PostCapture capture(PostFetch.Served served, List<Media> stored) {
    byte[] body = served.capturedBytes();
    return new PostCapture(served.endpoint(), body,
        served.part() == null ? served.fetch().sha256() : Sha256.of(body), served.capturedScope(),
        served.content().fingerprint(),
        served.content().text(), served.content().authorHandle(), served.content().authorName(),
        served.content().createdAt(), stored, served.content().facets());
  }

  private static Observation observation(PostFetch fetch) {
    Fetch f = fetch.fetch();
    Instant at = f.at();
    Integer status = f instanceof Fetch.Response r ? r.status() : null;
    Sha256 sha = f instanceof Fetch.Response r ? r.sha256() : null;
    String uri = f.uri().toString();
    if (fetch instanceof PostFetch.Served s) {
      return new Observation(at, s.endpoint(), uri, status, s.outcome(), null, null, sha,
          s.content().fingerprint(), f.warc());
    }
    if (fetch instanceof PostFetch.Unavailable u) {
      return new Observation(at, u.endpoint(), uri, status, u.outcome(), u.reason(), u.detail(), sha, null,
          f.warc());
    }
    if (fetch instanceof PostFetch.NotFound n) {
      return new Observation(at, n.endpoint(), uri, status, n.outcome(),
          UnavailableReason.UNKNOWN, n.detail(), sha, null, f.warc());
    }
    PostFetch.Inconclusive i = (PostFetch.Inconclusive) fetch;
    return new Observation(at, i.endpoint(), uri, status, i.outcome(), null, i.detail(), sha, null, f.warc());
  }

  /** True when the state is a finding a verification team must look at. */
  public static boolean flagged(PostState state) {
    return state.unavailable() || state == PostState.ALTERED;
  }
}
