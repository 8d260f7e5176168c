package org.embedwatch.resolve;

import org.embedwatch.evidence.MatchKind;
import org.embedwatch.evidence.RemnantOutcome;
import org.embedwatch.evidence.EvidenceEvent;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.embedwatch.evidence.Platform;
import org.embedwatch.extract.Reference;
import org.embedwatch.platform.wayback.CdxClient;
import org.embedwatch.platform.wayback.Memento;
import org.embedwatch.platform.wayback.MementoClient;
import org.embedwatch.platform.wayback.MementoReplay;
import org.embedwatch.platform.wayback.WaybackAnswer;
import org.embedwatch.platform.x.V2Search;
import org.embedwatch.evidence.CitationRecord;
import org.embedwatch.store.EvidenceStore;
import org.embedwatch.evidence.RemnantAttempt;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.extract.CitedDates;

/**
 * Resolves a remnant citation (handle, date, quoted text, no post id) to a post id, never by guessing: lists the
 * candidate posts, the handle's status pages the Wayback CDX index holds captures of within {@value #WINDOW_DAYS}
 * days either side of the cited date (and, with a bearer token, the posts v2 search finds from the handle in that
 * window), reads each candidate's text (from its earliest 200 memento's raw bytes; from the search answer), and
 * matches it with the quote ({@link RemnantMatch}). Every attempt and candidate is stored. Thread-safe.
 */
public final class RemnantResolver {
  /** Days either side of the cited date searched. */
  public static final int WINDOW_DAYS = 3;

  private final CdxClient cdx;
  private final MementoClient mementos;
  private final Optional<V2Search> search;
  private final EvidenceStore store;
  private final Clock clock;

  public RemnantResolver(CdxClient cdx, MementoClient mementos, Optional<V2Search> search, EvidenceStore store,
      Clock clock) {
    this.cdx = cdx;
    this.mementos = mementos;
    this.search = search;
    this.store = store;
    this.clock = clock;
  }

  /**
   * One attempt's outcome.
   *
   * @param post the post the citation now points at (RESOLVED only)
   * @param line what happened, as printed after the remnant ({@code resolved to x 123 via wayback-cdx (text equal)})
   */
  public record Resolution(CitationRecord citation, RemnantOutcome outcome, Optional<PostRecord> post, String line) {}

  private record Found(String postId, String source, String sourceUrl, String text,
      org.embedwatch.evidence.WarcLocation warc) {}

  /** True when {@code c} is a remnant this resolver can try (an X citation with a handle and no post). */
  public static boolean applies(CitationRecord c) {
    return c.postRef() == null && c.reference().platform() == Platform.X && c.reference().handle() != null
        && c.reference().postId() == null;
  }

  /** Tries to resolve {@code citation} now, and stores the attempt. */
  public Resolution resolve(CitationRecord citation) {
    Reference r = citation.reference();
    Optional<LocalDate> day = CitedDates.parse(r.citedDate());
    if (day.isEmpty()) {
      return save(citation, RemnantOutcome.UNMATCHED, null, "unresolved: cannot read the cited date '" + r.citedDate()
          + "'; not searched", List.of());
    }
    if (!r.handle().matches("[A-Za-z0-9_]{1,50}")) {
      return save(citation, RemnantOutcome.UNMATCHED, null, "unresolved: '" + r.handle() + "' is not an X handle; not searched",
          List.of());
    }
    LocalDate from = day.get().minusDays(WINDOW_DAYS);
    LocalDate to = day.get().plusDays(WINDOW_DAYS);
    Map<String, Found> found = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    WaybackAnswer answer = cdx.sweep(r.handle(), from, to);
    if (answer instanceof WaybackAnswer.Found f) {
      readMementos(f.mementos(), found);
    } else if (answer instanceof WaybackAnswer.Inconclusive i) {
      failures.add(CdxClient.ENDPOINT + " (" + i.detail() + ")");
    }
    search.ifPresent(s -> {
      V2Search.Answer a = s.search(r.handle(), from.atStartOfDay(ZoneOffset.UTC).toInstant(),
          to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
      if (a instanceof V2Search.Answer.Listed l) {
        for (V2Search.Hit h : l.hits()) {
          Found before = found.get(h.id());
          if (before == null || before.text() == null) {
            found.put(h.id(), new Found(h.id(), V2Search.ENDPOINT, l.fetch().uri().toString(), h.text(),
                l.fetch().warc()));
          }
        }
      } else {
        failures.add(V2Search.ENDPOINT + " (" + a.detail() + ")");
      }
    });
    String window = "between " + from + " and " + to;
    if (found.isEmpty()) {
      return failures.isEmpty()
          ? save(citation, RemnantOutcome.UNMATCHED, null, "unresolved: no capture of " + CdxClient.sweepPattern(r.handle())
              + " " + window + (search.isPresent() ? ", and v2 search found no post from:" + r.handle() : ""),
              List.of())
          : save(citation, RemnantOutcome.INCONCLUSIVE, null, "unresolved: could not ask " + String.join("; ", failures),
              List.of());
    }
    List<Found> candidates = List.copyOf(found.values());
    if (r.citedText() == null || RemnantMatch.words(r.citedText()).isEmpty()) {
      return save(citation, RemnantOutcome.UNMATCHED, null, "unresolved: the article quotes no text to match; "
          + list(candidates), stored(candidates, null));
    }
    List<RemnantMatch.Score> scores = candidates.stream().map(c -> RemnantMatch.score(r.citedText(), c.text()))
        .toList();
    List<RemnantAttempt.Candidate> rows = stored(candidates, scores);
    String notAsked = failures.isEmpty() ? "" : " (could not ask " + String.join("; ", failures) + ")";
    RemnantMatch.Decision decision = RemnantMatch.decide(scores);
    long unread = candidates.stream().filter(c -> c.text() == null).count();
    if (decision instanceof RemnantMatch.Decision.Resolved one && !scores.get(one.index()).kind().strong()
        && (unread > 0 || !failures.isEmpty())) {
      // A merely similar text wins only against every candidate read: with some unread, or a source not asked, the
      // margin over them is unknown, so it is not a resolution.
      return save(citation, RemnantOutcome.INCONCLUSIVE, null, "unresolved: x " + candidates.get(one.index()).postId()
          + " is only similar (" + scores.get(one.index()).kind().label() + ") and " + (unread > 0 ? unread
          + " candidate(s) could not be read" : "") + (unread > 0 && !failures.isEmpty() ? ", " : "")
          + (failures.isEmpty() ? "" : "could not ask " + String.join("; ", failures)) + "; " + list(candidates),
          rows);
    }
    if (decision instanceof RemnantMatch.Decision.Resolved one) {
      Found c = candidates.get(one.index());
      Reference post = new Reference(Platform.X, c.postId(), r.handle(), "https://twitter.com/" + r.handle()
          + "/status/" + c.postId(), r.forms(), r.scope(), r.citedText(), r.citedDate(), r.displayName(), r.lang());
      return save(citation, RemnantOutcome.RESOLVED, post, "resolved to x " + c.postId() + " via " + c.source() + " ("
          + scores.get(one.index()).kind().label() + ")", rows);
    }
    if (decision instanceof RemnantMatch.Decision.Ambiguous some) {
      return save(citation, RemnantOutcome.AMBIGUOUS, null, "ambiguous: " + some.indexes().size() + " candidates ("
          + String.join(", ", some.indexes().stream().map(i -> "x " + candidates.get(i).postId()).toList()) + ")"
          + notAsked, rows);
    }
    return save(citation, failures.isEmpty() ? RemnantOutcome.UNMATCHED : RemnantOutcome.INCONCLUSIVE, null,
        "unresolved: no candidate's text matches; " + list(candidates) + notAsked, rows);
  }

  /** Reads the text of each post listed, from its earliest 200 capture's raw bytes. */
  private void readMementos(List<Memento> listed, Map<String, Found> found) {
    Map<String, List<Memento>> byPost = new LinkedHashMap<>();
    for (Memento m : listed) {
      CdxClient.statusId(m.original()).ifPresent(id -> byPost.computeIfAbsent(id, k -> new ArrayList<>()).add(m));
    }
    byPost.forEach((id, ms) -> {
      Optional<Memento> readable = ms.stream().filter(m -> "200".equals(m.statusCode()))
          .min(java.util.Comparator.comparing(Memento::timestamp));
      if (readable.isEmpty()) {
        found.put(id, new Found(id, CdxClient.ENDPOINT, ms.get(0).rawUri(), null, null));
        return;
      }
      MementoReplay replay = mementos.fetch(readable.get(), id);
      String text = replay instanceof MementoReplay.Served s && s.text() != null ? s.text().text() : null;
      found.put(id, new Found(id, CdxClient.ENDPOINT, readable.get().rawUri(), text, replay.fetch().warc()));
    });
  }

  private static List<RemnantAttempt.Candidate> stored(List<Found> candidates, List<RemnantMatch.Score> scores) {
    List<RemnantAttempt.Candidate> out = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      Found c = candidates.get(i);
      RemnantMatch.Score s = scores == null ? new RemnantMatch.Score(c.text() == null ? MatchKind.NO_TEXT
          : MatchKind.NONE, 0) : scores.get(i);
      out.add(new RemnantAttempt.Candidate(c.postId(), c.source(), c.sourceUrl(), c.text(), s.kind(),
          s.similarity(), c.warc()));
    }
    return out;
  }

  private static String list(List<Found> candidates) {
    return candidates.size() + (candidates.size() == 1 ? " candidate (" : " candidates (") + String.join(", ",
        candidates.stream().map(c -> "x " + c.postId()).toList()) + ")";
  }

  private Resolution save(CitationRecord citation, RemnantOutcome outcome, Reference to, String line,
      List<RemnantAttempt.Candidate> candidates) {
    Optional<PostRecord> post = store.record(new EvidenceEvent.RemnantAttempted(new RemnantAttempt(citation.id(),
        clock.instant(), outcome, to, line, candidates)));
    return new Resolution(citation, outcome, post, line);
  }
}
