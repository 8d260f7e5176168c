package org.embedwatch.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.embedwatch.evidence.EvidenceEvent;
import org.embedwatch.evidence.Finding;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.extract.Reference;

/**
 * The single write path of the store: each {@code record} call stores one {@link EvidenceEvent} in one transaction,
 * all of it or none of it. The SQL lives in package-private row classes ({@code CheckRows}, {@code ArticleRows}, …);
 * {@link #transact} is the one place every event passes through. Thread-safe.
 */
public final class EvidenceStore {
  private final Database db;
  private final Runnable beforeEachEvent;

  public EvidenceStore(Database db) {
    this(db, () -> {});
  }

  /**
   * @param beforeEachEvent run before each event's transaction: forces the files the event points at (WARC records) to
   *     the disk, so that no commit outlives them
   */
  public EvidenceStore(Database db, Runnable beforeEachEvent) {
    this.db = db;
    this.beforeEachEvent = beforeEachEvent;
  }

  /** What recording an article capture stored: the capture row and, per reference, its post (empty for remnants). */
  public record SavedArticle(long articleCaptureId, List<SavedReference> references) {}

  /** One stored reference and the post it points at, when it has a post id. */
  public record SavedReference(Reference reference, Optional<PostRecord> post) {}

  /**
   * What recording a check stored.
   *
   * @param number the check's number among the post's checks (1, 2, …)
   * @param duplicate true when a check with the same key was stored before (by another process, or an earlier run of
   *     the same task): nothing was stored now, and the fields below are empty
   * @param stateChanged whether a state transition was stored
   * @param observationIds the stored observations, in the check's endpoint order
   * @param discovered posts that got a row because this check's captures named them (a cited post's quoted or
   *     replied-to post seen for the first time): they are pending and due now
   */
  public record RecordedCheck(long checkId, int number, boolean duplicate, boolean stateChanged,
      List<Long> observationIds, List<PostRecord> discovered) {
    public RecordedCheck {
      observationIds = List.copyOf(observationIds);
      discovered = List.copyOf(discovered);
    }
  }

  /**
   * Stores an article capture and its references, creating a PENDING post row (due now) for every referenced post not
   * seen before.
   */
  public SavedArticle record(EvidenceEvent.ArticleCaptured e) {
    return transact(e, c -> {
      long articleId = ArticleRows.upsertArticle(c, e.article(), e.at());
      long captureId = ArticleRows.insertArticleCapture(c, articleId, e.article());
      List<SavedReference> saved = new ArrayList<>();
      for (Reference r : e.references()) {
        Optional<PostRecord> post = r.postId() == null ? Optional.empty()
            : Optional.of(PostRows.upsertPost(c, r, e.at()));
        ArticleRows.insertCitation(c, captureId, post.map(PostRecord::id).orElse(null), r);
        saved.add(new SavedReference(r, post));
      }
      return new SavedArticle(captureId, saved);
    });
  }

  /**
   * Stores one check of one post: the check with its policy, every endpoint's observation (numbered with the check),
   * captures with media, the posts they name (each link once; a named post gets a row of its own only when the naming
   * post is cited by an article, so a reply chain is followed one step from what articles cite), the findings, a state
   * transition when the state changed (with its explanation and the observations behind it), and the post's next due
   * time. A check whose key is stored already is not stored again.
   */
  public RecordedCheck record(EvidenceEvent.CheckCompleted e) {
    return transact(e, c -> CheckRows.record(c, e.check()));
  }

  /**
   * Stores the findings whose kind and key are not stored yet (a finding is recorded once, when first seen); safe when
   * two processes store the same finding at once.
   *
   * @return the findings stored now
   */
  public List<Finding> record(EvidenceEvent.FindingsRecorded e) {
    return transact(e, c -> {
      List<Finding> stored = new ArrayList<>();
      for (Finding f : e.findings()) {
        if (FindingRows.insertFinding(c, f)) {
          stored.add(f);
        }
      }
      return stored;
    });
  }

  /**
   * Appends a web archive's observation of a post and the mementos it listed that are not stored yet. The post's
   * state, last check and next check are left alone: a memento list says what was archived, not whether the post is
   * available now.
   *
   * @return how many mementos were new
   */
  public int record(EvidenceEvent.MementosListed e) {
    return transact(e, c -> MementoRows.listed(c, e.postRef(), e.observation(), e.mementos()));
  }

  /**
   * Appends the observation of a memento's raw bytes and the capture made of them, linked to the memento row. The
   * post's state, last check and next check are left alone: the copy shows what the post was, not whether it is
   * available now.
   *
   * @return the stored capture's id
   */
  public long record(EvidenceEvent.MementoCaptured e) {
    return transact(e, c -> {
      long observationId = ObservationRows.insertObservation(c, e.postRef(), e.observation(), null);
      return ObservationRows.insertCapture(c, e.postRef(), observationId, e.observation().observedAt(), e.capture(),
          e.mementoRef());
    });
  }

  /**
   * Stores one attempt to resolve a remnant and its candidates. When resolved, the citation is linked to its post,
   * created PENDING and due now (as extraction would have) unless stored already.
   *
   * @return the post the citation now points at, when resolved
   */
  public Optional<PostRecord> record(EvidenceEvent.RemnantAttempted e) {
    return transact(e, c -> RemnantRows.record(c, e.attempt()));
  }

  /**
   * Keeps the park of a host for other processes and later runs; a later park already kept for the host (by any
   * process) stays.
   */
  public void record(EvidenceEvent.HostParked e) {
    transact(e, c -> {
      ParkRows.upsert(c, e.host(), e.until());
      return null;
    });
  }

  /** Cuts the kept park of a host to {@code until} when it reaches further (a park no run may keep so long). */
  public void record(EvidenceEvent.HostParkCut e) {
    transact(e, c -> {
      ParkRows.cut(c, e.host(), e.until());
      return null;
    });
  }

  /**
   * Runs the rows of one event in one transaction. Every event passes through here: the place where the integrity
   * log will append the event's hash, in the same transaction.
   */
  private <T> T transact(EvidenceEvent event, Database.Work<T> rows) {
    beforeEachEvent.run();
    return db.inTransaction(rows);
  }
}
