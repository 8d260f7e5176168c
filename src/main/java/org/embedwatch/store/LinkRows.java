package org.embedwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.embedwatch.evidence.PostLink;
import org.embedwatch.evidence.PostRecord;

/** Links between posts, each stored once, with the row of a cited post's named post created on the way. */
final class LinkRows {
  private LinkRows() {}

  /** Stores {@code link} unless stored before; returns the named post's row when this call created it. */
  static Optional<PostRecord> insertLink(Connection c, long fromPost, long observationId, Instant at,
      PostLink link) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select 1 from post_link where from_post=? and kind=?"
        + " and to_platform=? and to_post_id=?")) {
      ps.setLong(1, fromPost);
      ps.setString(2, link.kind().key());
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
    if (target.isEmpty() && PostRows.cited(c, fromPost)) {
      created = PostRows.insertDiscoveredPost(c, link, at);
      target = created.isPresent() ? created : EvidenceReader.postByIdentity(c, link.platform(), link.postId());
    }
    try (PreparedStatement ps = c.prepareStatement("insert into post_link(from_post, kind, to_platform, to_post_id,"
        + " to_handle, to_post, observation_id, first_seen) values (?,?,?,?,?,?,?,?)")) {
      ps.setLong(1, fromPost);
      ps.setString(2, link.kind().key());
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

  /**
   * The posts {@code fromPost} names that were never checked (not one observation): a run that created their rows
   * was stopped before it checked them. They are told as discovered again, so that the next check of the post that
   * names them (an {@code archive} run again) checks them too (review-reliability L8).
   */
  static List<PostRecord> neverChecked(Connection c, long fromPost) throws SQLException {
    List<PostRecord> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("select distinct l.to_post from post_link l where l.from_post=?"
        + " and l.to_post is not null and not exists (select 1 from observation o where o.post_ref = l.to_post)")) {
      ps.setLong(1, fromPost);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1) == fromPost ? null : EvidenceReader.post(c, rs.getLong(1)).orElse(null));
        }
      }
    }
    out.removeIf(java.util.Objects::isNull);
    return out;
  }
}
