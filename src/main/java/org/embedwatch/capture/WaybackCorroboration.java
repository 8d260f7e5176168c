package org.embedwatch.capture;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.embedwatch.evidence.DerivedState;
import org.embedwatch.evidence.EvidenceEvent;
import org.embedwatch.evidence.MementoListing;
import org.embedwatch.evidence.MementoRecord;
import org.embedwatch.evidence.Observation;
import org.embedwatch.evidence.ObservationRecord;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.wayback.AvailabilityClient;
import org.embedwatch.platform.wayback.CdxClient;
import org.embedwatch.platform.wayback.Memento;
import org.embedwatch.platform.wayback.MementoClient;
import org.embedwatch.platform.wayback.UrlForm;
import org.embedwatch.platform.wayback.WaybackAnswer;
import org.embedwatch.platform.wayback.WaybackClients;
import org.embedwatch.store.EvidenceReader;
import org.embedwatch.store.EvidenceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the Wayback Machine which captures of an X post exist, at most once per post and URL form ({@link UrlForm}):
 * a form is asked again only while the CDX server has not answered it (found or none), as the stored
 * {@code wayback-cdx} observations (one per request, with the request's URL) say. Asked when it is useful: at the check
 * where the post is first found gone (in every form not yet answered; a 429 stops the round, and when no form has ever
 * been answered the availability API is asked for the closest snapshot instead), else in a low-priority lookup queued
 * {@link #LOOKUP_DELAY} after the post was first served ({@link WaybackQueue}, run through {@link #lookUp}). Never at
 * every first capture. What is listed is stored as mementos, never as the post's state. When the post turns out to be
 * gone before any live endpoint served it, the {@link MementoFallback} stores the raw bytes of its closest memento as
 * its capture. Thread-safe.
 */
public final class WaybackCorroboration {
  private static final Logger log = LoggerFactory.getLogger(WaybackCorroboration.class);
  /**
   * How long after a post was first served its lookup waits: by then the archive has usually made its own copy of a
   * post cited in the news (crawls of linked pages, Save Page Now), which a lookup at the first capture would mostly
   * miss; a post found gone sooner is looked up at that check instead.
   */
  public static final Duration LOOKUP_DELAY = Duration.ofDays(7);
  /** How late a queued lookup may be before a check queues it again (it was lost, or never queued: a crash). */
  static final Duration OVERDUE = Duration.ofDays(1);

  private final CdxClient cdx;
  private final AvailabilityClient availability;
  private final EvidenceStore store;
  private final EvidenceReader reader;
  private final MementoFallback fallback;
  private final WaybackQueue later;
  private final Clock clock;

  /**
   * @param reader the post's stored observations and mementos
   * @param later where the lookups of available posts are queued
   */
  public WaybackCorroboration(WaybackClients clients, EvidenceStore store, EvidenceReader reader, WaybackQueue later,
      Clock clock) {
    this.cdx = clients.cdx();
    this.availability = clients.availability();
    this.store = store;
    this.reader = reader;
    this.fallback = new MementoFallback(clients.replay(), store);
    this.later = later;
    this.clock = clock;
  }

  /** What one queued lookup did. */
  public enum Lookup {
    /** The CDX server answered it now (found or none), and the answer is stored. */
    ANSWERED,
    /** Answered before: nothing asked. */
    ANSWERED_BEFORE,
    /** Nothing learnt (429, 5xx, transport error, an unreadable answer): to be asked again later. */
    NOT_ANSWERED,
    /** No such post (any more), not an X post, or a form it has no URL in (no handle): nothing to ask. */
    NOT_APPLICABLE
  }

  /**
   * After a check of {@code post} was recorded: looks the post up now where it is first found gone, else queues its
   * lookup for later (at its first capture, or again when the queued one is overdue). Asks nothing for a form answered
   * before.
   *
   * @param history the post's observations, this check's included
   * @param fetches what the live endpoints answered at this check
   * @param state the post's state after the check
   */
  void afterCheck(PostRecord post, List<Observation> history, List<PostFetch> fetches, DerivedState state) {
    if (post.platform() != Platform.X) {
      return;
    }
    List<UrlForm> open = unanswered(post, history);
    if (open.isEmpty()) {
      return;
    }
    boolean goneNow = fetches.stream().anyMatch(f -> f.outcome() == Outcome.UNAVAILABLE
        || f.outcome() == Outcome.NOT_FOUND);
    if (goneNow || state.state().unavailable()) {
      corroborate(post, open, history);
      return;
    }
    List<Instant> served = history.stream().filter(o -> !o.corroboration() && o.outcome() == Outcome.AVAILABLE)
        .map(Observation::observedAt).sorted().toList();
    long servedNow = fetches.stream().filter(f -> f.outcome() == Outcome.AVAILABLE).count();
    if (served.isEmpty()) {
      return;
    }
    Instant due = served.get(0).plus(LOOKUP_DELAY);
    Instant now = clock.instant();
    if (served.size() == servedNow || now.isAfter(due.plus(OVERDUE))) {
      later.lookUpLater(post, open, due.isAfter(now) ? due : now);
    }
  }

  /** The status-page forms of {@code post} the CDX server has not answered yet, by {@code stored}. */
  static List<UrlForm> unanswered(PostRecord post, List<Observation> stored) {
    List<UrlForm> out = new ArrayList<>();
    for (UrlForm form : UrlForm.STATUS_PAGES) {
      form.pattern(PostObserver.key(post)).filter(p -> !answered(stored, p)).ifPresent(p -> out.add(form));
    }
    return out;
  }

  private static boolean answered(List<Observation> stored, String pattern) {
    String request = CdxClient.requestUri(pattern).toString();
    return stored.stream().anyMatch(o -> o.endpoint().equals(CdxClient.ENDPOINT) && o.outcome().isEvidence()
        && o.requestUrl().equals(request));
  }

  /**
   * A queued lookup: asks the CDX server about post {@code postRef} (our row id) in {@code form}, unless it answered
   * that before, and stores what it lists.
   */
  public Lookup lookUp(long postRef, UrlForm form) {
    Optional<PostRecord> found = reader.post(postRef);
    if (found.isEmpty() || found.get().platform() != Platform.X) {
      return Lookup.NOT_APPLICABLE;
    }
    PostRecord post = found.get();
    Optional<String> pattern = form.pattern(PostObserver.key(post));
    if (pattern.isEmpty()) {
      return Lookup.NOT_APPLICABLE;
    }
    if (answered(stored(post), pattern.get())) {
      return Lookup.ANSWERED_BEFORE;
    }
    WaybackAnswer answer = cdx.search(pattern.get(), post.postId());
    save(post, answer, "cdx");
    return answer.outcome().isEvidence() ? Lookup.ANSWERED : Lookup.NOT_ANSWERED;
  }

  /**
   * Asks the CDX server about {@code post} in each of {@code forms} and stores what it lists, stopping at a 429; when
   * none answered and no form or availability lookup ever has, asks the availability API instead.
   */
  private void corroborate(PostRecord post, List<UrlForm> forms, List<Observation> history) {
    boolean answered = history.stream().anyMatch(o -> o.corroboration()
        && !o.endpoint().equals(MementoClient.ENDPOINT) && o.outcome().isEvidence());
    for (UrlForm form : forms) {
      WaybackAnswer answer = cdx.search(form.pattern(PostObserver.key(post)).orElseThrow(), post.postId());
      save(post, answer, "cdx");
      answered |= answer.outcome().isEvidence();
      if (answer.outcome() == Outcome.RATE_LIMITED) {
        break;
      }
    }
    if (!answered && post.url() != null && !post.url().isBlank()) {
      save(post, availability.closest(post.url()), "availability");
    }
  }

  /**
   * For an X post found gone before any live endpoint served it (see {@link MementoFallback#due}), after the
   * corroboration of {@link #afterCheck}: asks CDX once more, for the post's archived syndication JSON, then fetches
   * the raw bytes of the best memento stored and keeps them as the post's capture. Waits for a later check while CDX
   * has answered no form yet.
   *
   * @param history the post's observations, this check's live ones included
   * @param fetches what the live endpoints answered at this check
   */
  MementoAttempt recover(PostRecord post, List<Observation> history, List<PostFetch> fetches) {
    if (post.platform() != Platform.X || !MementoFallback.due(history, fetches)) {
      return MementoAttempt.notDue();
    }
    List<Observation> stored = stored(post);
    if (stored.stream().noneMatch(o -> o.endpoint().equals(CdxClient.ENDPOINT) && o.outcome().isEvidence())) {
      return new MementoAttempt(MementoAttempt.Kind.NOT_FETCHED,
          "the Wayback Machine's CDX server has not answered yet; asked again at the next check");
    }
    String syndication = UrlForm.SYNDICATION.pattern(PostObserver.key(post)).orElseThrow();
    boolean asked = false;
    WaybackAnswer unanswered = null;
    if (!answered(stored, syndication)) {
      WaybackAnswer answer = cdx.search(syndication, post.postId());
      save(post, answer, "cdx");
      asked = true;
      unanswered = answer.outcome().isEvidence() ? null : answer;
    }
    Optional<MementoRecord> chosen = MementoFallback.choose(reader.mementos(post.id()));
    if (chosen.isPresent()) {
      return fallback.fetch(post, chosen.get());
    }
    if (unanswered != null) {
      return new MementoAttempt(MementoAttempt.Kind.NOT_FETCHED, "the Wayback Machine did not answer about the"
          + " post's syndication JSON (" + unanswered.detail() + "); asked again at the next check");
    }
    return asked
        ? new MementoAttempt(MementoAttempt.Kind.NONE_FOUND,
            "no memento found: the Wayback Machine lists no capture of the post with status 200")
        : MementoAttempt.notDue();
  }

  private List<Observation> stored(PostRecord post) {
    return reader.observations(post.id()).stream().map(ObservationRecord::observation).toList();
  }

  private void save(PostRecord post, WaybackAnswer answer, String source) {
    List<MementoListing> mementos = new ArrayList<>();
    if (answer instanceof WaybackAnswer.Found found) {
      for (Memento m : found.mementos()) {
        mementos.add(new MementoListing(source, m.original(), m.timestamp(), m.at(), m.uri(), m.statusCode(),
            m.digest(), m.mimetype(), m.length()));
      }
    }
    int added = store.record(new EvidenceEvent.MementosListed(post.id(), Observations.of(answer), mementos));
    log.info("{} {}: {} ({} new mementos)", answer.endpoint(), post.postId(), answer.detail(), added);
  }
}
