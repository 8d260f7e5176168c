package org.embedwatch.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.embedwatch.extract.Reference;

/**
 * A stored fact, as the store records it: one event, one transaction. Every write of evidence is one of these, so
 * the one place that records them is the one place an integrity log can cover.
 */
public sealed interface EvidenceEvent {
  /** An article's capture (raw bytes stored beforehand) and the references extracted from it. */
  record ArticleCaptured(CapturedArticle article, List<Reference> references, Instant at) implements EvidenceEvent {
    public ArticleCaptured {
      references = List.copyOf(references);
    }
  }

  /** One check of one post (see {@link Check}). */
  record CheckCompleted(Check check) implements EvidenceEvent {
    public CheckCompleted {
      Objects.requireNonNull(check, "check");
    }
  }

  /** Findings seen outside a check (a citation compared again, an article re-captured); each stored once. */
  record FindingsRecorded(List<Finding> findings) implements EvidenceEvent {
    public FindingsRecorded {
      findings = List.copyOf(findings);
    }
  }

  /** A web archive's answer about a post and the mementos it listed: corroboration, never the post's state. */
  record MementosListed(long postRef, Observation observation, List<MementoListing> mementos)
      implements EvidenceEvent {
    public MementosListed {
      mementos = List.copyOf(mementos);
    }
  }

  /** A memento's raw bytes, observed and kept as a capture of the post as it was. */
  record MementoCaptured(long postRef, Observation observation, PostCapture capture, long mementoRef)
      implements EvidenceEvent {}

  /** One attempt to resolve a remnant citation to a post. */
  record RemnantAttempted(RemnantAttempt attempt) implements EvidenceEvent {}

  /** A host told us to wait until {@code until}. */
  record HostParked(String host, Instant until) implements EvidenceEvent {}

  /** A kept park of a host reached further than {@code net.max-park} allows: it now ends at {@code until}. */
  record HostParkCut(String host, Instant until) implements EvidenceEvent {}
}
