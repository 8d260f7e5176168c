package org.embedwatch.store;

import java.sql.Connection;
import java.sql.Savepoint;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import org.embedwatch.evidence.Media;
import org.embedwatch.evidence.Observation;
import org.embedwatch.evidence.PostCapture;

/** Observation, capture and media rows: appended, never rewritten. */
final class ObservationRows {
  private ObservationRows() {}

  /** Appends {@code o}; {@code checkId} is the check row it belongs to, or null (web archives, older checks). */
  static long insertObservation(Connection c, long postRef, Observation o, Long checkId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("insert into observation(post_ref, observed_at, endpoint,"
        + " request_url, http_status, outcome, reason, detail, body_sha256, fingerprint, warc_file, warc_offset,"
        + " warc_record_id, check_seq, pictures, check_id) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        Statement.RETURN_GENERATED_KEYS)) {
      ps.setLong(1, postRef);
      ps.setObject(2, Sql.time(o.observedAt()));
      ps.setString(3, o.endpoint());
      ps.setString(4, Sql.clip(o.requestUrl(), 4000));
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
      Sql.setLong(ps, 16, checkId);
      return Sql.insert(ps);
    }
  }

  /** Inserts a capture and its media rows; {@code mementoRef} is the memento it copies, or null. */
  static long insertCapture(Connection c, long postRef, long observationId, Instant at, PostCapture p,
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
      ps.setString(9, Sql.clip(p.authorHandle(), 200));
      ps.setString(10, Sql.clip(p.authorName(), 500));
      ps.setString(11, Sql.clip(p.createdAt(), 64));
      ps.setString(12, Sql.clip(p.bodyScope(), 200));
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
        ps.setString(3, m.kind().key());
        ps.setString(4, Sql.clip(m.sourceUrl(), 4000));
        ps.setString(5, Sql.clip(m.outcome().key(), 100));
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
  static long upsertMedia(Connection c, Media m) throws SQLException {
    Optional<Long> existing = mediaId(c, m);
    if (existing.isPresent()) {
      return existing.get();
    }
    Savepoint before = c.setSavepoint();
    try (PreparedStatement ps = c.prepareStatement("insert into media(sha256, content_type, byte_length, path, dhash)"
        + " values (?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, m.sha256().hex());
      ps.setString(2, Sql.clip(m.contentType(), 200));
      ps.setLong(3, m.byteLength());
      ps.setString(4, m.path());
      Sql.setLong(ps, 5, m.dhash());
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

  static Optional<Long> mediaId(Connection c, Media m) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select id from media where sha256=?")) {
      ps.setString(1, m.sha256().hex());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }
}
