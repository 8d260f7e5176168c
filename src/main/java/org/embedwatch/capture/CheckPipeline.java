package org.embedwatch.capture;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.embedwatch.evidence.Cadence;
import org.embedwatch.evidence.CaptureRecord;
import org.embedwatch.evidence.Check;
import org.embedwatch.evidence.CheckPolicy;
import org.embedwatch.evidence.CheckedEndpoint;
import org.embedwatch.evidence.CitationRecord;
import org.embedwatch.evidence.DerivedState;
import org.embedwatch.evidence.EvidenceEvent;
import org.embedwatch.evidence.Finding;
import org.embedwatch.evidence.Observation;
import org.embedwatch.evidence.ObservationRecord;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.store.EvidenceReader;
import org.embedwatch.store.EvidenceStore;
import org.embedwatch.verify.Alteration;
import org.embedwatch.verify.CitationCheck;
import org.embedwatch.verify.StateFold;

/**
 * One check of one post, as a list of steps: read the post's stored evidence, ask every endpoint once, fold the state
 * once, derive the findings, record it all as one event (one transaction), then ask web archives where due. A crash
 * before the record leaves no trace of the check in the database; after it, all of it. Thread-safe.
 */
final class CheckPipeline {
  private final PostObserver observer;
  private final EvidenceReader reader;
  private final EvidenceStore store;
  private final WaybackCorroboration wayback;
  private final CheckPolicy policy;
  private final Cadence cadence;
  private final Clock clock;

  /**
   * @param policy the confirmation rule; its endpoints are set per platform here, its cadence step per check
   * @param cadence when each post is checked next
   */
  CheckPipeline(PostObserver observer, EvidenceReader reader, EvidenceStore store, WaybackCorroboration wayback,
      CheckPolicy policy, Cadence cadence, Clock clock) {
    this.observer = observer;
    this.reader = reader;
    this.store = store;
    this.wayback = wayback;
    this.policy = policy;
    this.cadence = cadence;
    this.clock = clock;
  }

  /** The policy a check of a post of {@code platform} runs under. */
  CheckPolicy policyFor(PostRecord post) {
    return policy.withEndpoints(observer.endpointsOf(post.platform()));
  }

  /**
   * Checks {@code post} and records the check under {@code key}, or, when empty, under the key after its last check
   * ({@link Check#keyAfter}); a check whose key is stored already is a duplicate and records nothing.
   */
  CheckResult check(PostRecord post, Map<String, PostFetch> batched, String via, Optional<String> key) {
    List<ObservationRecord> stored = reader.observations(post.id());
    List<CaptureRecord> captures = reader.capturesWithoutBodies(post.id());
    int number = lastCheck(stored) + 1;
    List<PostObserver.Answer> answers = observer.observe(post, batched, observations(stored), captures).stream()
        .map(a -> a.inCheck(number)).toList();
    if (answers.isEmpty()) {
      return new CheckResult(post, List.of(), new DerivedState(post.state(), post.reason()), 0, false, List.of(), via,
          MementoAttempt.notDue(), false, null);
    }
    List<Observation> history = observations(stored, answers);
    DerivedState state = StateFold.fold(history, policyFor(post));
    Instant at = clock.instant();
    Cadence.Step next = cadence.next(firstCheck(history, at), at, state.state(), unreachableInRow(history));
    CheckPolicy judged = policyFor(post).withCadence(next.rule());
    List<CheckedEndpoint> checked = findings(post, answers, captures);
    Check check = new Check(post.id(), key.orElse(Check.keyAfter(post.id(), number - 1)), at, judged,
        stored.stream().map(ObservationRecord::id).toList(), checked, state, next.due());
    EvidenceStore.RecordedCheck recorded = store.record(new EvidenceEvent.CheckCompleted(check));
    List<PostFetch> fetches = answers.stream().map(PostObserver.Answer::fetch).toList();
    boolean captured = answers.stream().anyMatch(a -> a.capture() != null);
    if (recorded.duplicate()) {
      DerivedState now = reader.post(post.id()).map(p -> new DerivedState(p.state(), p.reason())).orElse(state);
      return new CheckResult(post, fetches, now, recorded.number(), true, List.of(), via, MementoAttempt.notDue(),
          false, null);
    }
    wayback.afterCheck(post, history, fetches, state);
    MementoAttempt memento = wayback.recover(post, history, fetches);
    return new CheckResult(post, fetches, state, recorded.number(), false, recorded.discovered(), via, memento,
        captured, null);
  }

  /**
   * Each answer with the findings its capture shows: {@code ALTERED} against the endpoint's previous and first
   * captures, and {@code CITATION_MISMATCH} for citations compared with a capture first made now.
   */
  private List<CheckedEndpoint> findings(PostRecord post, List<PostObserver.Answer> answers,
      List<CaptureRecord> captures) {
    List<CitationCheck.Cited> citations = answers.stream().anyMatch(a -> a.capture() != null) ? cited(post) : List.of();
    List<CaptureRecord> withNew = new ArrayList<>(captures);
    for (PostObserver.Answer a : answers) {
      if (a.capture() != null) {
        withNew.add(new CaptureRecord(-1 - withNew.size(), post.id(), -1, a.observation().observedAt(), a.capture()));
      }
    }
    List<CitationCheck.Stated> mismatches = CitationCheck.findings(post, citations, withNew, clock.instant());
    List<Finding> ofStored = new ArrayList<>();
    List<CheckedEndpoint> out = new ArrayList<>();
    for (PostObserver.Answer a : answers) {
      List<Finding> found = new ArrayList<>();
      if (a.capture() != null && a.previous() != null) {
        Alteration.finding(post, a.first(), a.previous(), a.capture(), a.observation(), citations)
            .ifPresent(found::add);
      }
      for (CitationCheck.Stated m : mismatches) {
        if (m.against().id() < 0 && m.against().capture() == a.capture()) {
          found.add(m.finding());
        }
      }
      out.add(new CheckedEndpoint(a.observation(), a.capture(), a.links(), found));
    }
    mismatches.stream().filter(m -> m.against().id() >= 0).map(CitationCheck.Stated::finding).forEach(ofStored::add);
    if (!ofStored.isEmpty()) {
      // Stated against captures stored before: attached to the first endpoint's observation only as the check that
      // compared them; each keeps the observation of the capture it is stated against.
      CheckedEndpoint first = out.get(0);
      List<Finding> all = new ArrayList<>(first.findings());
      all.addAll(ofStored);
      out.set(0, new CheckedEndpoint(first.observation(), first.capture(), first.links(), all));
    }
    return out;
  }

  /**
   * Compares the post's citations with its stored captures and records the differences not recorded before: for a
   * post an article cites whose check stored no new capture (a check that did compared them already).
   */
  List<Finding> compareCitations(PostRecord post) {
    List<CitationCheck.Stated> found = CitationCheck.findings(post, cited(post),
        reader.capturesWithoutBodies(post.id()), clock.instant());
    if (found.isEmpty()) {
      return List.of();
    }
    return store.record(new EvidenceEvent.FindingsRecorded(found.stream().map(CitationCheck.Stated::finding)
        .toList()));
  }

  /** How {@code found} came to be checked: {@code quoted by x 123}, {@code replied to by x 123}. */
  String namedBy(PostRecord from, PostRecord found) {
    String kind = reader.linksFrom(from.id()).stream()
        .filter(l -> l.toPost() != null && l.toPost() == found.id())
        .map(l -> l.kind().words()).findFirst().orElse("named");
    return kind + " by " + from.platform().key() + " " + from.postId();
  }

  private List<CitationCheck.Cited> cited(PostRecord post) {
    List<CitationCheck.Cited> out = new ArrayList<>();
    for (CitationRecord c : reader.citationsOfPost(post.id())) {
      Optional<Long> article = reader.articleCapture(c.articleCaptureId()).map(a -> a.articleId());
      out.add(new CitationCheck.Cited(c, article.orElse(null)));
    }
    return out;
  }

  /** When the post was first checked: its earliest observation in a numbered check, else {@code now}. */
  private static Instant firstCheck(List<Observation> history, Instant now) {
    return history.stream().filter(o -> o.check() > 0).map(Observation::observedAt).min(Instant::compareTo)
        .orElse(now);
  }

  /** How many of the latest checks in a row got no answer that is evidence (all transport errors, timeouts, 429s). */
  static int unreachableInRow(List<Observation> history) {
    java.util.TreeMap<Integer, Boolean> evidence = new java.util.TreeMap<>();
    for (Observation o : history) {
      if (o.check() > 0) {
        evidence.merge(o.check(), o.outcome().isEvidence(), Boolean::logicalOr);
      }
    }
    int n = 0;
    for (boolean any : evidence.descendingMap().values()) {
      if (any) {
        break;
      }
      n++;
    }
    return n;
  }

  private static int lastCheck(List<ObservationRecord> stored) {
    return stored.stream().mapToInt(o -> o.observation().check()).max().orElse(0);
  }

  private static List<Observation> observations(List<ObservationRecord> stored) {
    return stored.stream().map(ObservationRecord::observation).toList();
  }

  private static List<Observation> observations(List<ObservationRecord> stored, List<PostObserver.Answer> answers) {
    List<Observation> all = new ArrayList<>(observations(stored));
    answers.forEach(a -> all.add(a.observation()));
    return all;
  }
}
