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
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.PostLink;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.evidence.PostState;
import org.embedwatch.extract.Reference;

/** The post rows: created when first referenced (by an article, a resolved remnant or a captured post). */
final class PostRows {
  private PostRows() {}

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

  static PostRecord upsertPost(Connection c, Reference r, Instant now) throws SQLException {
    String identity = identity(r);
    Optional<PostRecord> existing = EvidenceReader.postByIdentity(c, r.platform(), identity);
    if (existing.isPresent()) {
      return existing.get();
    }
    try (PreparedStatement ps = c.prepareStatement("insert into post(platform, post_id, handle, url, first_seen,"
        + " state, next_check_at, identity) values (?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, r.platform().key());
      ps.setString(2, Sql.clip(r.postId(), 128));
      ps.setString(3, Sql.clip(r.handle(), 200));
      ps.setString(4, r.url() == null ? "" : Sql.clip(r.url(), 2000));
      ps.setObject(5, Sql.time(now));
      ps.setString(6, PostState.PENDING.name());
      ps.setObject(7, Sql.time(now));
      ps.setString(8, identity);
      long id = Sql.insert(ps);
      TaskRows.scheduleCheck(c, id, now); // the post's check-post task, in the transaction that makes the post
      return EvidenceReader.post(c, id).orElseThrow();
    }
  }

  static boolean cited(Connection c, long postRef) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select 1 from citation where post_ref=?")) {
      ps.setLong(1, postRef);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * A row for a post named by a captured post, pending and due now (with its check-post task). Posts are checked concurrently, so another check
   * may create the same row at once: the insert runs under a savepoint, and a unique-key violation means the other
   * check created it (and reports it as discovered): empty then.
   */
  static Optional<PostRecord> insertDiscoveredPost(Connection c, PostLink link, Instant now) throws SQLException {
    Savepoint before = c.setSavepoint();
    try (PreparedStatement ps = c.prepareStatement("insert into post(platform, post_id, handle, url, first_seen,"
        + " state, next_check_at, identity) values (?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, link.platform().key());
      ps.setString(2, Sql.clip(link.postId(), 128));
      ps.setString(3, Sql.clip(link.handle(), 200));
      ps.setString(4, link.url() == null ? "" : Sql.clip(link.url(), 2000));
      ps.setObject(5, Sql.time(now));
      ps.setString(6, PostState.PENDING.name());
      ps.setObject(7, Sql.time(now));
      ps.setString(8, link.postId());
      long id = Sql.insert(ps);
      TaskRows.scheduleCheck(c, id, now);
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
}
