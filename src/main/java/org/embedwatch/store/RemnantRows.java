package org.embedwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.embedwatch.evidence.PostRecord;
import org.embedwatch.evidence.RemnantAttempt;

/** The rows of one attempt to resolve a remnant citation: the attempt, its candidates, the citation's link. */
final class RemnantRows {
  private RemnantRows() {}

  /** Stores {@code r}; the post the citation now points at, when resolved. */
  static Optional<PostRecord> record(Connection c, RemnantAttempt r) throws SQLException {
    Optional<PostRecord> post = Optional.empty();
    if (r.resolvedTo() != null) {
      post = Optional.of(PostRows.upsertPost(c, r.resolvedTo(), r.attemptedAt()));
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
      ps.setString(3, r.outcome().name());
      Sql.setLong(ps, 4, post.map(PostRecord::id).orElse(null));
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
        ps.setString(7, k.matchKind().name());
        ps.setDouble(8, k.score());
        ps.setObject(9, Sql.time(r.attemptedAt()));
        Sql.setWarc(ps, 10, k.warc());
        ps.executeUpdate();
      }
    }
    return post;
  }
}
