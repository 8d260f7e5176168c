package org.embedwatch.report;

import org.embedwatch.evidence.LinkKind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.embedwatch.evidence.ArticleCaptureRecord;
import org.embedwatch.evidence.CaptureRecord;
import org.embedwatch.evidence.CitationRecord;
import org.embedwatch.store.EvidenceReader;
import org.embedwatch.evidence.FindingRecord;
import org.embedwatch.evidence.LinkRecord;
import org.embedwatch.evidence.Finding;
import org.embedwatch.evidence.PostLink;
import org.embedwatch.evidence.Media;
import org.embedwatch.evidence.Observation;
import org.embedwatch.evidence.ObservationRecord;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.evidence.StateChange;

/** Builds an {@link AuditReport} from what is stored; reads only. */
public final class AuditReportBuilder {
  private final EvidenceReader evidence;
  private final Clock clock;

  public AuditReportBuilder(EvidenceReader evidence, Clock clock) {
    this.evidence = evidence;
    this.clock = clock;
  }

  /** The report over every stored article and post. */
  public AuditReport build() {
    List<PostRecord> posts = evidence.posts();
    Map<Long, PostRecord> byId = new HashMap<>();
    posts.forEach(p -> byId.put(p.id(), p));
    List<AuditReport.ArticleEntry> articles = new ArrayList<>();
    for (ArticleCaptureRecord a : evidence.articleCaptures()) {
      List<AuditReport.CitationEntry> citations = new ArrayList<>();
      for (CitationRecord c : evidence.citations(a.id())) {
        PostRecord p = c.postRef() == null ? null : byId.get(c.postRef());
        var r = c.reference();
        citations.add(new AuditReport.CitationEntry(r.platform().key(), r.postId(), r.handle(), r.url(),
            String.join(",", r.forms().stream().map(f -> f.key()).toList()), r.scope().key(), r.citedText(),
            r.citedDate(), r.displayName(), p == null ? "unresolved-remnant" : p.state().key(),
            p == null || p.reason() == null ? null : p.reason().key()));
      }
      var cap = a.capture();
      articles.add(new AuditReport.ArticleEntry(cap.input(), cap.url(), time(cap.capturedAt()), cap.mediaType(),
          cap.charset(), cap.sha256().hex(), cap.byteLength(), citations));
    }
    List<AuditReport.PostEntry> postEntries = new ArrayList<>();
    for (PostRecord p : posts) {
      postEntries.add(post(p));
    }
    Map<Long, String> inputs = new HashMap<>();
    evidence.articleCaptures().forEach(a -> inputs.putIfAbsent(a.articleId(), a.capture().input()));
    List<AuditReport.FindingEntry> findings = evidence.findings().stream()
        .map(f -> finding(f, byId, inputs)).toList();
    return new AuditReport(time(clock.instant()), articles, postEntries, findings);
  }

  /** The entry of one post, with its explanation. */
  public AuditReport.PostEntry post(PostRecord p) {
    List<Observation> observations = evidence.observations(p.id()).stream()
        .map(ObservationRecord::observation).filter(o -> !o.corroboration()).toList();
    List<AuditReport.HistoryEntry> history = new ArrayList<>();
    for (StateChange s : evidence.stateHistory(p.id())) {
      history.add(new AuditReport.HistoryEntry(s.state().key(), s.reason() == null ? null : s.reason().key(),
          time(s.since())));
    }
    List<AuditReport.CaptureEntry> captures = new ArrayList<>();
    for (CaptureRecord c : evidence.captures(p.id())) {
      List<AuditReport.MediaEntry> media = new ArrayList<>();
      for (Media m : c.capture().media()) {
        media.add(new AuditReport.MediaEntry(m.kind().key(), m.sourceUrl(), m.outcome().key(),
            m.sha256() == null ? null : m.sha256().hex(), m.contentType(), m.byteLength(), m.path()));
      }
      captures.add(new AuditReport.CaptureEntry(time(c.capturedAt()), c.capture().endpoint(),
          c.capture().bodySha256().hex(), c.capture().fingerprint(), c.capture().text(),
          c.capture().authorHandle(), media));
    }
    return new AuditReport.PostEntry(p.platform().key(), p.postId(), p.handle(), p.url(), p.state().key(),
        p.reason() == null ? null : p.reason().key(), time(p.stateSince()), time(p.lastCheckedAt()),
        PostExplanation.explain(p, observations), observations.size(), history, captures, links(p),
        evidence.findings(p.id()).stream().map(f -> finding(f, Map.of(p.id(), p), Map.of())).toList());
  }

  private static AuditReport.FindingEntry finding(FindingRecord r, Map<Long, PostRecord> posts,
      Map<Long, String> articles) {
    Finding f = r.finding();
    PostRecord p = f.postRef() == null ? null : posts.get(f.postRef());
    return new AuditReport.FindingEntry(f.kind().name(), time(f.firstSeen()),
        p == null ? null : p.platform().key() + " " + p.postId(),
        f.articleId() == null ? null : articles.get(f.articleId()), f.summary(), f.detail());
  }

  /** What this post quotes and replies to, then what quotes it and replies to it, each with the other's state. */
  private List<AuditReport.LinkEntry> links(PostRecord p) {
    List<AuditReport.LinkEntry> out = new ArrayList<>();
    for (LinkRecord l : evidence.linksFrom(p.id())) {
      Optional<PostRecord> to = l.toPost() == null ? Optional.empty() : evidence.post(l.toPost());
      out.add(new AuditReport.LinkEntry(l.kind() == LinkKind.QUOTED ? "quotes" : "replies to",
          l.toPlatform().key(), l.toPostId(), l.toHandle(), to.map(t -> t.state().key()).orElse(null),
          to.map(t -> t.reason() == null ? null : t.reason().key()).orElse(null), time(l.firstSeen())));
    }
    for (LinkRecord l : evidence.linksTo(p.id())) {
      PostRecord from = evidence.post(l.fromPost()).orElseThrow();
      out.add(new AuditReport.LinkEntry(l.kind() == LinkKind.QUOTED ? "quoted by" : "replied to by",
          from.platform().key(), from.postId(), from.handle(), from.state().key(),
          from.reason() == null ? null : from.reason().key(), time(l.firstSeen())));
    }
    return out;
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
