package org.embedwatch.capture;

import org.embedwatch.evidence.EvidenceEvent;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.net.Fetch;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.wayback.Memento;
import org.embedwatch.platform.wayback.MementoClient;
import org.embedwatch.platform.wayback.MementoReplay;
import org.embedwatch.store.EvidenceStore;
import org.embedwatch.evidence.MementoRecord;
import org.embedwatch.evidence.MementoListing;
import org.embedwatch.evidence.Observation;
import org.embedwatch.evidence.PostCapture;
import org.embedwatch.evidence.PostRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Wayback Machine's copy of a post that was already gone when it was first captured: the raw bytes ({@code id_})
 * of its closest memento with status 200, stored as a capture from {@code wayback-memento} (body scope
 * {@code payload}, linked to the memento row), with the text read from it. It is corroboration of what the post was:
 * the observation is a {@code wayback-*} one, left out of the post's state, and the capture is stored without touching
 * that state. Thread-safe.
 */
final class MementoFallback {
  private static final Logger log = LoggerFactory.getLogger(MementoFallback.class);

  private final MementoClient replay;
  private final EvidenceStore store;

  MementoFallback(MementoClient replay, EvidenceStore store) {
    this.replay = replay;
    this.store = store;
  }

  /**
   * True when the post needs its archived copy: no live endpoint has ever served it, at this check one said it is
   * unavailable or not found (not merely unreachable), and no memento of it has been fetched with an answer yet.
   *
   * @param history the post's observations, this check's included
   * @param fetches what the live endpoints answered at this check
   */
  static boolean due(List<Observation> history, List<PostFetch> fetches) {
    boolean neverServed = history.stream()
        .noneMatch(o -> !o.corroboration() && o.outcome() == Outcome.AVAILABLE);
    boolean goneNow = fetches.stream()
        .anyMatch(f -> f.outcome() == Outcome.UNAVAILABLE || f.outcome() == Outcome.NOT_FOUND);
    boolean fetched = history.stream()
        .anyMatch(o -> o.endpoint().equals(MementoClient.ENDPOINT) && o.outcome().isEvidence());
    return neverServed && goneNow && !fetched;
  }

  /**
   * The memento to fetch among those stored: status 200 only; a JSON capture (the syndication JSON, or a status URL
   * archived as JSON) before a page, since it holds the post's fields; then the latest, the closest to the time the
   * post was found gone.
   */
  static Optional<MementoRecord> choose(List<MementoRecord> mementos) {
    return mementos.stream()
        .filter(m -> "200".equals(m.memento().statusCode()))
        .max(Comparator.comparing((MementoRecord m) -> isJson(m.memento()))
            .thenComparing(m -> m.memento().at())
            .thenComparingLong(MementoRecord::id));
  }

  private static boolean isJson(MementoListing m) {
    return m.mimetype() != null && m.mimetype().contains("json");
  }

  /** Fetches {@code chosen}'s raw bytes and stores them as the post's capture, or the failure as an observation. */
  MementoAttempt fetch(PostRecord post, MementoRecord chosen) {
    MementoListing m = chosen.memento();
    Memento memento = new Memento(m.originalUrl(), m.timestamp(), m.at(), m.statusCode(), m.digest(), m.mimetype(),
        m.length());
    MementoReplay answer = replay.fetch(memento, post.postId());
    if (answer instanceof MementoReplay.Served served) {
      String text = served.text() == null ? null : served.text().text();
      String fingerprint = fingerprint(post.postId(), text);
      Fetch.Response r = served.fetch();
      PostCapture capture = new PostCapture(MementoClient.ENDPOINT, r.body(), r.sha256(), PostFetch.PAYLOAD,
          fingerprint, text, null, null, null, List.of());
      store.record(new EvidenceEvent.MementoCaptured(post.id(), Observations.of(answer, fingerprint), capture,
          chosen.id()));
      log.info("{} {}: stored {} ({})", MementoClient.ENDPOINT, post.postId(), memento.rawUri(), answer.detail());
      return new MementoAttempt(MementoAttempt.Kind.STORED, "stored " + memento.rawUri() + " (HTTP 200, sha256 "
          + r.sha256().hex() + ", " + (served.text() == null ? "no post text in it" : "text from "
          + served.text().source()) + "); an archived copy, the post's state is what the live endpoints said");
    }
    store.record(new EvidenceEvent.MementosListed(post.id(), Observations.of(answer, null), List.of()));
    log.info("{} {}: {}", MementoClient.ENDPOINT, post.postId(), answer.detail());
    String again = answer instanceof MementoReplay.Missing ? "" : "; asked again at the next check";
    return new MementoAttempt(MementoAttempt.Kind.NOT_FETCHED, "could not fetch " + memento.rawUri() + ": "
        + answer.outcome().key().replace('_', ' ') + " (" + answer.detail() + ")" + again);
  }

  /** SHA-256 over the content read from the copy: the post id and its text (empty when none), NUL-separated. */
  static String fingerprint(String postId, String text) {
    return Sha256.of((postId + "\u0000" + (text == null ? "" : text)).getBytes(StandardCharsets.UTF_8)).hex();
  }
}
