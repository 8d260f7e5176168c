package org.embedwatch.capture;

import java.util.ArrayList;
import java.util.List;
import org.embedwatch.Outcome;
import org.embedwatch.Platform;
import org.embedwatch.Sha256;
import org.embedwatch.net.Fetch;
import org.embedwatch.platform.PostKey;
import org.embedwatch.platform.wayback.AvailabilityClient;
import org.embedwatch.platform.wayback.CdxClient;
import org.embedwatch.platform.wayback.Memento;
import org.embedwatch.platform.wayback.WaybackAnswer;
import org.embedwatch.store.EvidenceStore;
import org.embedwatch.store.NewMemento;
import org.embedwatch.store.NewObservation;
import org.embedwatch.store.PostRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the Wayback Machine which captures of a post exist, once per post: at its first capture, and again at later
 * checks only until the CDX server has answered (found or none). One observation ({@code wayback-cdx}) per CDX request,
 * in every form the post's URL is captured under; a 429 stops the round (IA firewalls clients that insist). When no
 * CDX request could be answered, the availability API is asked for the closest snapshot instead. What is listed is
 * stored as mementos, never as the post's state.
 */
public final class WaybackCorroboration {
  private static final Logger log = LoggerFactory.getLogger(WaybackCorroboration.class);

  private final CdxClient cdx;
  private final AvailabilityClient availability;
  private final EvidenceStore store;

  public WaybackCorroboration(CdxClient cdx, AvailabilityClient availability, EvidenceStore store) {
    this.cdx = cdx;
    this.availability = availability;
    this.store = store;
  }

  /** True when {@code post} has not yet had a conclusive CDX answer; {@code history} is its observations so far. */
  boolean due(PostRecord post, List<NewObservation> history) {
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

  private void save(PostRecord post, WaybackAnswer answer, String source) {
    List<NewMemento> mementos = new ArrayList<>();
    if (answer instanceof WaybackAnswer.Found found) {
      for (Memento m : found.mementos()) {
        mementos.add(new NewMemento(source, m.original(), m.timestamp(), m.at(), m.uri(), m.statusCode(),
            m.digest(), m.mimetype(), m.length()));
      }
    }
    int added = store.saveCorroboration(post.id(), observation(answer), mementos);
    log.info("{} {}: {} ({} new mementos)", answer.endpoint(), post.postId(), answer.detail(), added);
  }

  private static NewObservation observation(WaybackAnswer answer) {
    Fetch f = answer.fetch();
    Integer status = f instanceof Fetch.Response r ? r.status() : null;
    Sha256 sha = f instanceof Fetch.Response r ? r.sha256() : null;
    return new NewObservation(f.at(), answer.endpoint(), f.uri().toString(), status, answer.outcome(), null,
        answer.detail(), sha, null, f.warc());
  }
}
