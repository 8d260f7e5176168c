package org.embedwatch.capture;

import org.embedwatch.evidence.EvidenceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;
import org.embedwatch.platform.wayback.AvailabilityClient;
import org.embedwatch.platform.wayback.CdxClient;
import org.embedwatch.platform.wayback.Memento;
import org.embedwatch.platform.wayback.MementoClient;
import org.embedwatch.platform.wayback.WaybackAnswer;
import org.embedwatch.store.EvidenceReader;
import org.embedwatch.store.EvidenceStore;
import org.embedwatch.evidence.MementoRecord;
import org.embedwatch.evidence.MementoListing;
import org.embedwatch.evidence.Observation;
import org.embedwatch.evidence.ObservationRecord;
import org.embedwatch.evidence.PostRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the Wayback Machine which captures of a post exist, once per post: at its first capture, and again at later
 * checks only until the CDX server has answered (found or none). One observation ({@code wayback-cdx}) per CDX request,
 * in every form the post's URL is captured under; a 429 stops the round (IA firewalls clients that insist). When no
 * CDX request could be answered, the availability API is asked for the closest snapshot instead. What is listed is
 * stored as mementos, never as the post's state. When the post turns out to be gone before any live endpoint served
 * it, the {@link MementoFallback} stores the raw bytes of its closest memento as its capture.
 */
public final class WaybackCorroboration {
  private static final Logger log = LoggerFactory.getLogger(WaybackCorroboration.class);

  private final CdxClient cdx;
  private final AvailabilityClient availability;
  private final EvidenceStore store;
  private final EvidenceReader reader;
  private final MementoFallback fallback;

  /**
   * @param replay fetches a memento's raw bytes for a post gone before its first capture
   * @param reader the post's stored observations and mementos, read when the fallback is due
   */
  public WaybackCorroboration(CdxClient cdx, AvailabilityClient availability, MementoClient replay,
      EvidenceStore store, EvidenceReader reader) {
    this.cdx = cdx;
    this.availability = availability;
    this.store = store;
    this.reader = reader;
    this.fallback = new MementoFallback(replay, store);
  }

  /** True when {@code post} has not yet had a conclusive CDX answer; {@code history} is its observations so far. */
  boolean due(PostRecord post, List<Observation> history) {
    return post.platform() == Platform.X && history.stream()
        .noneMatch(o -> o.endpoint().equals(CdxClient.ENDPOINT) && o.outcome().isEvidence());
  }

  /** Queries the archive about {@code post} and stores what it lists; returns every answer, in order. */
  List<WaybackAnswer> corroborate(PostRecord post) {
    List<WaybackAnswer> answers = new ArrayList<>();
    boolean answered = false;
    for (String pattern : CdxClient.patterns(new PostKey(post.platform(), post.postId(), post.handle(), post.url()))) {
      WaybackAnswer answer = cdx.search(pattern, post.postId());
      answers.add(answer);
      save(post, answer, "cdx");
      answered |= answer.outcome().isEvidence();
      if (answer.outcome() == Outcome.RATE_LIMITED) {
        break;
      }
    }
    if (!answered && post.url() != null && !post.url().isBlank()) {
      WaybackAnswer answer = availability.closest(post.url());
      answers.add(answer);
      save(post, answer, "availability");
    }
    return answers;
  }

  /**
   * For an X post found gone before any live endpoint served it (see {@link MementoFallback#due}), after
   * {@link #corroborate}: asks CDX once more, for the post's archived syndication JSON, then fetches the raw bytes of
   * the best memento stored and keeps them as the post's capture. Waits for a later check while CDX has not answered.
   *
   * @param history the post's observations, this check's live ones included
   * @param fetches what the live endpoints answered at this check
   */
  MementoAttempt recover(PostRecord post, List<Observation> history, List<PostFetch> fetches) {
    if (post.platform() != Platform.X || !MementoFallback.due(history, fetches)) {
      return MementoAttempt.notDue();
    }
    List<Observation> stored = reader.observations(post.id()).stream().map(ObservationRecord::observation)
        .toList();
    if (due(post, stored)) {
      return new MementoAttempt(MementoAttempt.Kind.NOT_FETCHED,
          "the Wayback Machine's CDX server has not answered yet; asked again at the next check");
    }
    String syndication = CdxClient.requestUri(CdxClient.syndicationPattern(post.postId())).toString();
    boolean asked = false;
    WaybackAnswer unanswered = null;
    if (stored.stream().noneMatch(o -> o.requestUrl().equals(syndication) && o.outcome().isEvidence())) {
      WaybackAnswer answer = cdx.search(CdxClient.syndicationPattern(post.postId()), post.postId());
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
