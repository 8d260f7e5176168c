package org.embedwatch.store;

import org.embedwatch.evidence.DerivedState;
import org.embedwatch.evidence.Finding;
import org.embedwatch.evidence.Media;
import org.embedwatch.evidence.MementoListing;
import org.embedwatch.evidence.Observation;
import org.embedwatch.evidence.PostCapture;
import org.embedwatch.evidence.PostLink;
import org.embedwatch.evidence.RemnantAttempt;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.PostState;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.evidence.UnavailableReason;
import org.embedwatch.extract.Reference;

/**
 * The single write path of the store. Each public method is one transaction: an article capture with all its
 * references, or one check of one post with its observation, capture, media and state change. Thread-safe.
 */
public final class EvidenceStore {
  private final Database db;

  public EvidenceStore(Database db) {
    this.db = db;
  }

  /** What {@link #saveArticle} stored: the capture row and, per reference, the post row (empty for remnants). */
  public record SavedArticle(long articleCaptureId, List<SavedReference> references) {}

  /** One stored reference and the post it points at, when it has a post id. */
  public record SavedReference(Reference reference, Optional<PostRecord> post) {}

  /**
   * Stores an article capture and its references in one transaction, creating a PENDING post row (due now) for
   * every referenced post not seen before.
   */
  public SavedArticle saveArticle(NewArticleCapture capture, List<Reference> references, Instant now) {
    return db.inTransaction(c -> {
      long articleId = upsertArticle(c, capture, now);
      long captureId = insertArticleCapture(c, articleId, capture);
      List<SavedReference> saved = new ArrayList<>();
      for (Reference r : references) {
        Optional<PostRecord> post = r.postId() == null ? Optional.empty() : Optional.of(upsertPost(c, r, now));
        insertCitation(c, captureId, post.map(PostRecord::id).orElse(null), r);
        saved.add(new SavedReference(r, post));
      }
      return new SavedArticle(captureId, saved);
    });
  }

  /**
   * Stores one attempt to resolve a remnant and its candidates, in one transaction. When resolved, the citation is
   * linked to its post, created PENDING and due now (as extraction would have) unless stored already.
   *
   * @return the post the citation now points at, when resolved
   */
  public Optional<PostRecord> saveRemnantResolution(RemnantAttempt r) {
    return db.inTransaction(c -> {
      Optional<PostRecord> post = Optional.empty();
      if (r.resolvedTo() != null) {
        post = Optional.of(upsertPost(c, r.resolvedTo(), r.attemptedAt()));
        // Only the link: post_id and url stay as the article gave them (none).
        try (PreparedStatement ps = c.prepareStatement("update citation set post_ref=? where id=? and post_ref is null")) {
          ps.setLong(1, post.get().id());
          ps.setLong(2, r.citationId());
          ps.executeUpdate();
        }
      }
      long id;
      try (PreparedStatement ps = c.prepareStatement("insert into remnant_resolution(citation_id, attempted_at,"
          + " outcome, post_ref, detail) values (?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
        ps.setLong(1, r.citationId());
        ps.setObject(2, Sql.time(r.attemptedAt()));
        ps.setString(3, r.outcome());
        setLong(ps, 4, post.map(PostRecord::id).orElse(null));
        ps.setString(5, Sql.clip(r.detail(), 2000));
        id = Sql.insert(ps);
      }
      for (RemnantAttempt.Candidate k : r.candidates()) {
        try (PreparedStatement ps = c.prepareStatement("insert into remnant_candidate(resolution_id, citation_id,"
            + " post_id, source, source_url, text_excerpt, match_kind, score, checked_at, warc_file, warc_offset,"
            + " warc_record_id) values (?,?,?,?,?,?,?,?,?,?,?,?)")) {
          ps.setLong(1, id);
          ps.setLong(2, r.citationId());
          ps.setString(3, Sql.clip(k.postId(), 128));
          ps.setString(4, k.source());
          ps.setString(5, Sql.clip(k.sourceUrl(), 4000));
          ps.setString(6, Sql.clip(k.text(), 2000));
          ps.setString(7, k.matchKind());
          ps.setDouble(8, k.score());
          ps.setObject(9, Sql.time(r.attemptedAt()));
          Sql.setWarc(ps, 10, k.warc());
          ps.executeUpdate();
        }
      }
      return post;
    });
  }

  /**
   * Appends one observation of a post (and the capture, when the post was served with new content), records a state
   * transition when {@code derived} differs from the post's current state, and schedules the next check. One
   * transaction.
   *
   * @param capture the capture to store, or null
   * @return the stored observation's id
   */
  public long saveCheck(long postRef, Observation observation, PostCapture capture, DerivedState derived,
      Instant nextCheckAt) {
    return saveCheck(postRef, observation, capture, List.of(), derived, List.of(), nextCheckAt).observationId();
  }

  /**
   * What storing one check gave.
   *
   * @param discovered posts that got a row because this check's capture named them (a cited post's quoted or
   *     replied-to post seen for the first time): they are pending and due now
   */
  public record SavedCheck(long observationId, List<PostRecord> discovered) {}

  /**
   * Stores one check as {@link #saveCheck(long, Observation, PostCapture, DerivedState, Instant)} does, plus the
   * posts the capture's content names ({@code links}, stored only with a capture). Each link is stored once; a named
   * post gets a row of its own (and so is captured) only when the naming post is cited by an article, so a reply
   * chain is followed one step from what articles cite, not to its root. A state transition is stored with
   * {@code derived}'s explanation and the observations behind it.
   *
   * @param evidenceIds the ids of the observations behind {@code derived}; a null entry stands for
   *     {@code observation}, stored by this call
   */
  public SavedCheck saveCheck(long postRef, Observation observation, PostCapture capture, List<PostLink> links,
      DerivedState derived, List<Long> evidenceIds, Instant nextCheckAt) {
    return saveCheck(postRef, observation, capture, links, derived, evidenceIds, List.of(), nextCheckAt);
  }

  /**
   * As above, and stores {@code findings} (an ALTERED finding the new capture shows) in the same transaction, so a
   * crash cannot keep the capture and lose its finding; a finding without an observation id gets this check's.
   */
  public SavedCheck saveCheck(long postRef, Observation observation, PostCapture capture, List<PostLink> links,
      DerivedState derived, List<Long> evidenceIds, List<Finding> findings, Instant nextCheckAt) {
    return db.inTransaction(c -> {
      long observationId = insertObservation(c, postRef, observation);
      for (Finding f : findings) {
        insertFinding(c, f.observationId() != null ? f : new Finding(f.kind(), f.key(), f.postRef(),
            f.citationId(), f.articleId(), observationId, f.firstSeen(), f.summary(), f.detail()));
      }
      List<PostRecord> discovered = new ArrayList<>();
      if (capture != null) {
        insertCapture(c, postRef, observationId, observation.observedAt(), capture, null);
        for (PostLink link : links) {
          insertLink(c, postRef, observationId, observation.observedAt(), link).ifPresent(discovered::add);
        }
      }
      PostRecord post = EvidenceReader.post(c, postRef).orElseThrow(
          () -> new IllegalStateException("no post row " + postRef));
      boolean changed = post.state() != derived.state() || post.reason() != derived.reason();
      Instant since = changed ? observation.observedAt() : post.stateSince();
      if (changed) {
        long stateId;
        try (PreparedStatement ps = c.prepareStatement("insert into post_state(post_ref, state, reason, since,"
            + " observation_id, evidence) values (?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
          ps.setLong(1, postRef);
          ps.setString(2, derived.state().name());
          ps.setString(3, derived.reason() == null ? null : derived.reason().name());
          ps.setObject(4, Sql.time(since));
          ps.setLong(5, observationId);
          ps.setString(6, Sql.clip(derived.explanation(), 4000));
          stateId = Sql.insert(ps);
        }
        java.util.Set<Long> ids = new java.util.LinkedHashSet<>();
        evidenceIds.forEach(id -> ids.add(id == null ? observationId : id));
        try (PreparedStatement ps = c.prepareStatement(
            "insert into state_evidence(post_state_id, observation_id) values (?,?)")) {
          for (long id : ids) {
            ps.setLong(1, stateId);
            ps.setLong(2, id);
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      try (PreparedStatement ps = c.prepareStatement("update post set state=?, state_reason=?, state_since=?,"
          + " last_checked_at=?, next_check_at=?, state_evidence=? where id=?")) {
        ps.setString(1, derived.state().name());
        ps.setString(2, derived.reason() == null ? null : derived.reason().name());
        ps.setObject(3, Sql.time(since));
        ps.setObject(4, Sql.time(observation.observedAt()));
        ps.setObject(5, Sql.time(nextCheckAt));
        ps.setString(6, derived.explanation() == null ? post.stateEvidence() : Sql.clip(derived.explanation(), 4000));
        ps.setLong(7, postRef);
        ps.executeUpdate();
      }
      return new SavedCheck(observationId, discovered);
    });
  }

  /** Keeps {@code parks} (host → parked until) for the next run, replacing what was kept before. */
  public void saveParks(java.util.Map<String, Instant> parks) {
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("delete from host_park")) {
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("insert into host_park(host, parked_until) values (?,?)")) {
        for (var e : parks.entrySet()) {
          ps.setString(1, Sql.clip(e.getKey(), 253));
          ps.setObject(2, Sql.time(e.getValue()));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  /**
   * Stores {@code f} unless a finding of the same kind and key is stored already (a finding is recorded once, when
   * first seen). Safe when two checks store the same finding at once.
   *
   * @return true when stored now
   */
  public boolean saveFinding(Finding f) {
    return db.inTransaction(c -> insertFinding(c, f));
  }

  private static boolean insertFinding(Connection c, Finding f) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select 1 from finding where kind=? and finding_key=?")) {
      ps.setString(1, f.kind());
      ps.setString(2, findingKey(f));
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return false;
        }
      }
    }
    Savepoint before = c.setSavepoint();
    try (PreparedStatement ps = c.prepareStatement("insert into finding(kind, finding_key, post_ref, citation_id,"
        + " article_id, observation_id, first_seen, summary, detail) values (?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, f.kind());
      ps.setString(2, findingKey(f));
      setLong(ps, 3, f.postRef());
      setLong(ps, 4, f.citationId());
      setLong(ps, 5, f.articleId());
      setLong(ps, 6, f.observationId());
      ps.setObject(7, Sql.time(f.firstSeen()));
      ps.setString(8, Sql.clip(f.summary(), 2000));
      ps.setString(9, Sql.clip(f.detail(), 20000));
      ps.executeUpdate();
      c.releaseSavepoint(before);
      return true;
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(before);
      return false;
    }
  }

  /**
   * The stored key: the finding's own key, or, when longer than the column, its first 400 characters and the SHA-256
   * of the whole, so that two long keys differing only at the end stay two findings.
   */
  private static String findingKey(Finding f) {
    String key = f.key();
    return key.length() <= 500 ? key
        : key.substring(0, 400) + " sha256:" + Sha256.of(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex();
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  /** Stores {@code link} unless stored before; returns the named post's row when this call created it. */
  private static Optional<PostRecord> insertLink(Connection c, long fromPost, long observationId, Instant at,
      PostLink link) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select 1 from post_link where from_post=? and kind=?"
        + " and to_platform=? and to_post_id=?")) {
      ps.setLong(1, fromPost);
      ps.setString(2, link.kind());
      ps.setString(3, link.platform().key());
      ps.setString(4, link.postId());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return Optional.empty();
        }
      }
    }
    Optional<PostRecord> target = EvidenceReader.postByIdentity(c, link.platform(), link.postId());
    Optional<PostRecord> created = Optional.empty();
    if (target.isEmpty() && cited(c, fromPost)) {
      created = insertDiscoveredPost(c, link, at);
      target = created.isPresent() ? created : EvidenceReader.postByIdentity(c, link.platform(), link.postId());
    }
    try (PreparedStatement ps = c.prepareStatement("insert into post_link(from_post, kind, to_platform, to_post_id,"
        + " to_handle, to_post, observation_id, first_seen) values (?,?,?,?,?,?,?,?)")) {
      ps.setLong(1, fromPost);
      ps.setString(2, link.kind());
      ps.setString(3, link.platform().key());
      ps.setString(4, link.postId());
      ps.setString(5, Sql.clip(link.handle(), 200));
      if (target.isPresent()) {
        ps.setLong(6, target.get().id());
      } else {
        ps.setNull(6, Types.BIGINT);
      }
      ps.setLong(7, observationId);
      ps.setObject(8, Sql.time(at));
      ps.executeUpdate();
    }
    return created;
  }

  private static boolean cited(Connection c, long postRef) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select 1 from citation where post_ref=?")) {
      ps.setLong(1, postRef);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * A row for a post named by a captured post, pending and due now. Posts are checked concurrently, so another check
   * may create the same row at once: the insert runs under a savepoint, and a unique-key violation means the other
   * check created it (and reports it as discovered): empty then.
   */
  private static Optional<PostRecord> insertDiscoveredPost(Connection c, PostLink link, Instant now) throws SQLException {
    Savepoint before = c.setSavepoint();
    try (PreparedStatement ps = c.prepareStatement("insert into post(platform, post_id, handle, url, first_seen,"
        + " state, next_check_at, identity) values (?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, link.platform().key());
      ps.setString(2, link.postId());
      ps.setString(3, Sql.clip(link.handle(), 200));
      ps.setString(4, link.url() == null ? "" : Sql.clip(link.url(), 2000));
      ps.setObject(5, Sql.time(now));
      ps.setString(6, PostState.PENDING.name());
      ps.setObject(7, Sql.time(now));
      ps.setString(8, link.postId());
      long id = Sql.insert(ps);
      c.releaseSavepoint(before);
      return EvidenceReader.post(c, id);
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(before);
      return Optional.empty();
    }
  }

  /**
   * Appends one observation of a web archive about a post and the mementos it listed that are not stored yet, in one
   * transaction. The post's state, last check and next check are left alone: a memento list says what was archived,
   * not whether the post is available now.
   *
   * @return how many mementos were new
   */
  public int saveCorroboration(long postRef, Observation observation, List<MementoListing> mementos) {
    return db.inTransaction(c -> {
      long observationId = insertObservation(c, postRef, observation);
      int added = 0;
      for (MementoListing m : mementos) {
        if (m.uri().length() > MementoListing.MAX_URI || mementoExists(c, postRef, m.uri())) {
          continue;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into memento(post_ref, source, original_url,"
            + " memento_ts, memento_at, memento_uri, status_code, digest, mimetype, record_length, found_at,"
            + " observation_id, warc_file, warc_offset, warc_record_id) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
          ps.setLong(1, postRef);
          ps.setString(2, m.source());
          ps.setString(3, Sql.clip(m.originalUrl(), 4000));
          ps.setString(4, m.timestamp());
          ps.setObject(5, Sql.time(m.at()));
          ps.setString(6, m.uri());
          ps.setString(7, Sql.clip(m.statusCode(), 8));
          ps.setString(8, Sql.clip(m.digest(), 64));
          ps.setString(9, Sql.clip(m.mimetype(), 200));
          if (m.length() == null) {
            ps.setNull(10, Types.BIGINT);
          } else {
            ps.setLong(10, m.length());
          }
          ps.setObject(11, Sql.time(observation.observedAt()));
          ps.setLong(12, observationId);
          Sql.setWarc(ps, 13, observation.warc());
          ps.executeUpdate();
          added++;
        }
      }
      return added;
    });
  }

  /**
   * Appends the observation of a memento's raw bytes and the capture made of them, linked to the memento row, in one
   * transaction. Like {@link #saveCorroboration}, it leaves the post's state, last check and next check alone: the
   * copy shows what the post was, not whether it is available now.
   *
   * @return the stored capture's id
   */
  public long saveMementoCapture(long postRef, Observation observation, PostCapture capture, long mementoRef) {
    return db.inTransaction(c -> {
      long observationId = insertObservation(c, postRef, observation);
      return insertCapture(c, postRef, observationId, observation.observedAt(), capture, mementoRef);
    });
  }

  private static boolean mementoExists(Connection c, long postRef, String uri) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select 1 from memento where post_ref=? and memento_uri=?")) {
      ps.setLong(1, postRef);
      ps.setString(2, uri);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static long upsertArticle(Connection c, NewArticleCapture capture, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select id from article where input=?")) {
      ps.setString(1, capture.input());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getLong(1);
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "insert into article(input, url, first_seen) values (?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, capture.input());
      ps.setString(2, capture.url());
      ps.setObject(3, Sql.time(now));
      return Sql.insert(ps);
    }
  }

  private static long insertArticleCapture(Connection c, long articleId, NewArticleCapture a) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("insert into article_capture(article_id, captured_at, media_type,"
        + " charset, sha256, byte_length, body_path, warc_file, warc_offset, warc_record_id, final_url)"
        + " values (?,?,?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setLong(1, articleId);
      ps.setObject(2, Sql.time(a.capturedAt()));
      ps.setString(3, a.mediaType());
      ps.setString(4, a.charset());
      ps.setString(5, a.sha256().hex());
      ps.setLong(6, a.byteLength());
      ps.setString(7, a.bodyPath());
      Sql.setWarc(ps, 8, a.warc());
      ps.setString(11, Sql.clip(a.finalUrl(), 2000));
      return Sql.insert(ps);
    }
  }

  /**
   * What tells one post from another on its platform: the post id, except on Mastodon, where a status id is unique only
   * on its server: there the canonical URL, lower-cased, which names the host and account too. (A Bluesky record key
   * is unique only per author too, but one post is named by DID or by handle, so its key is the id, as extraction
   * merges it; keys are timestamps, and two authors' posts in one microsecond are not expected.)
   */
  static String identity(Reference r) {
    if (r.platform() == Platform.MASTODON && r.url() != null) {
      return Sql.clip(r.url().toLowerCase(java.util.Locale.ROOT), 2000);
    }
    return r.postId();
  }

  private static PostRecord upsertPost(Connection c, Reference r, Instant now) throws SQLException {
    String identity = identity(r);
    Optional<PostRecord> existing = EvidenceReader.postByIdentity(c, r.platform(), identity);
    if (existing.isPresent()) {
      return existing.get();
    }
    try (PreparedStatement ps = c.prepareStatement("insert into post(platform, post_id, handle, url, first_seen,"
        + " state, next_check_at, identity) values (?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, r.platform().key());
      ps.setString(2, r.postId());
      ps.setString(3, Sql.clip(r.handle(), 200));
      ps.setString(4, r.url() == null ? "" : Sql.clip(r.url(), 2000));
      ps.setObject(5, Sql.time(now));
      ps.setString(6, PostState.PENDING.name());
      ps.setObject(7, Sql.time(now));
      ps.setString(8, identity);
      long id = Sql.insert(ps);
      return EvidenceReader.post(c, id).orElseThrow();
    }
  }

  private static void insertCitation(Connection c, long captureId, Long postRef, Reference r) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("insert into citation(article_capture_id, post_ref, platform,"
        + " post_id, handle, url, forms, scope, cited_text, cited_date, display_name, lang)"
        + " values (?,?,?,?,?,?,?,?,?,?,?,?)")) {
      ps.setLong(1, captureId);
      if (postRef == null) {
        ps.setNull(2, Types.BIGINT);
      } else {
        ps.setLong(2, postRef);
      }
      ps.setString(3, r.platform().key());
      // Clipped to the column sizes: what an article says can be any length, and its raw bytes are stored anyway.
      ps.setString(4, Sql.clip(r.postId(), 128));
      ps.setString(5, Sql.clip(r.handle(), 200));
      ps.setString(6, Sql.clip(r.url(), 2000));
      ps.setString(7, String.join(",", r.forms().stream().map(Reference.Form::key).toList()));
      ps.setString(8, r.scope().key());
      ps.setString(9, Sql.clip(r.citedText(), 20000));
      ps.setString(10, Sql.clip(r.citedDate(), 100));
      ps.setString(11, Sql.clip(r.displayName(), 500));
      ps.setString(12, Sql.clip(r.lang(), 35));
      ps.executeUpdate();
    }
  }

  private static long insertObservation(Connection c, long postRef, Observation o) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("insert into observation(post_ref, observed_at, endpoint,"
        + " request_url, http_status, outcome, reason, detail, body_sha256, fingerprint, warc_file, warc_offset,"
        + " warc_record_id, check_seq, pictures) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        Statement.RETURN_GENERATED_KEYS)) {
      ps.setLong(1, postRef);
      ps.setObject(2, Sql.time(o.observedAt()));
      ps.setString(3, o.endpoint());
      ps.setString(4, o.requestUrl());
      if (o.httpStatus() == null) {
        ps.setNull(5, Types.INTEGER);
      } else {
        ps.setInt(5, o.httpStatus());
      }
      ps.setString(6, o.outcome().name());
      ps.setString(7, o.reason() == null ? null : o.reason().name());
      ps.setString(8, Sql.clip(o.detail(), 2000));
      ps.setString(9, o.bodySha256() == null ? null : o.bodySha256().hex());
      ps.setString(10, o.fingerprint());
      Sql.setWarc(ps, 11, o.warc());
      if (o.check() > 0) {
        ps.setInt(14, o.check());
      } else {
        ps.setNull(14, Types.INTEGER);
      }
      ps.setString(15, o.pictures());
      return Sql.insert(ps);
    }
  }

  /** Inserts a capture and its media rows; {@code mementoRef} is the memento it copies, or null. */
  private static long insertCapture(Connection c, long postRef, long observationId, Instant at, PostCapture p,
      Long mementoRef) throws SQLException {
    long captureId;
    // Only the id comes back: PostgreSQL's driver would return every column (the body too) for RETURN_GENERATED_KEYS.
    try (PreparedStatement ps = c.prepareStatement("insert into post_capture(post_ref, observation_id, captured_at,"
        + " endpoint, body, body_sha256, fingerprint, text, author_handle, author_name, created_at, body_scope,"
        + " memento_ref, facets) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", new String[] {"id"})) {
      ps.setLong(1, postRef);
      ps.setLong(2, observationId);
      ps.setObject(3, Sql.time(at));
      ps.setString(4, p.endpoint());
      ps.setBytes(5, p.body());
      ps.setString(6, p.bodySha256().hex());
      ps.setString(7, p.fingerprint());
      ps.setString(8, Sql.clip(p.text(), 20000));
      ps.setString(9, p.authorHandle());
      ps.setString(10, p.authorName());
      ps.setString(11, p.createdAt());
      ps.setString(12, p.bodyScope());
      if (mementoRef == null) {
        ps.setNull(13, Types.BIGINT);
      } else {
        ps.setLong(13, mementoRef);
      }
      ps.setString(14, p.facets() == null ? null : Sql.clip(p.facets().json(), 20000));
      captureId = Sql.insert(ps);
    }
    for (Media m : p.media()) {
      Long mediaId = m.sha256() == null ? null : upsertMedia(c, m);
      try (PreparedStatement ps = c.prepareStatement("insert into post_capture_media(post_capture_id, media_id, kind,"
          + " source_url, outcome, warc_file, warc_offset, warc_record_id) values (?,?,?,?,?,?,?,?)")) {
        ps.setLong(1, captureId);
        if (mediaId == null) {
          ps.setNull(2, Types.BIGINT);
        } else {
          ps.setLong(2, mediaId);
        }
        ps.setString(3, m.kind());
        ps.setString(4, m.sourceUrl());
        ps.setString(5, m.outcome());
        Sql.setWarc(ps, 6, m.warc());
        ps.executeUpdate();
      }
    }
    return captureId;
  }

  /**
   * The media row of {@code m}'s bytes, inserted when new. Posts are checked concurrently, so two checks can store the
   * same bytes at once: the insert runs under a savepoint, and on a unique-key violation the other check's row is used
   * (a failed statement would otherwise abort the whole transaction on PostgreSQL).
   */
  private static long upsertMedia(Connection c, Media m) throws SQLException {
    Optional<Long> existing = mediaId(c, m);
    if (existing.isPresent()) {
      return existing.get();
    }
    Savepoint before = c.setSavepoint();
    try (PreparedStatement ps = c.prepareStatement("insert into media(sha256, content_type, byte_length, path, dhash)"
        + " values (?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, m.sha256().hex());
      ps.setString(2, m.contentType());
      ps.setLong(3, m.byteLength());
      ps.setString(4, m.path());
      setLong(ps, 5, m.dhash());
      long id = Sql.insert(ps);
      c.releaseSavepoint(before);
      return id;
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(before);
      return mediaId(c, m).orElseThrow(() -> e);
    }
  }

  private static Optional<Long> mediaId(Connection c, Media m) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select id from media where sha256=?")) {
      ps.setString(1, m.sha256().hex());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }
}
