package org.embedwatch.store;

import org.embedwatch.evidence.PostRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.embedwatch.evidence.Platform;

/**
 * Claims of due posts, so that processes checking one archive at once never check a post twice for one due time. A
 * claim is a conditional update of the post's due time from the value read to the end of a lease: of processes that
 * read the same due time, exactly one updates the row, and the others find it changed and skip the post. Portable SQL
 * (H2 and PostgreSQL, whose row locks make the second update wait for the first and then see its value).
 */
final class DueClaims {
  private DueClaims() {}

  /** A due post's id and its due time exactly as stored (compared again by the claim). */
  private record Candidate(long id, OffsetDateTime due) {}

  static List<PostRecord> claim(Database db, Instant now, Duration lease, int limit, Set<Platform> platforms) {
    if (limit < 1) {
      throw new IllegalArgumentException("a claim needs a limit of at least 1, got " + limit);
    }
    if (platforms.isEmpty()) {
      return List.of();
    }
    OffsetDateTime until = Sql.time(now.plus(lease));
    List<PostRecord> won = new ArrayList<>();
    while (won.size() < limit) {
      int wanted = limit - won.size();
      List<Candidate> candidates = db.inTransaction(c -> candidates(c, now, wanted, platforms));
      for (Candidate k : candidates) {
        // One transaction per claim: a row lock is held only for the moment of its update.
        db.inTransaction(c -> claim(c, k, until)).ifPresent(won::add);
      }
      if (candidates.size() < wanted) {
        break;
      }
    }
    return won;
  }

  private static List<Candidate> candidates(Connection c, Instant now, int limit, Set<Platform> platforms)
      throws SQLException {
    String marks = String.join(",", Collections.nCopies(platforms.size(), "?"));
    try (PreparedStatement ps = c.prepareStatement("select id, next_check_at from post where next_check_at <= ?"
        + " and platform in (" + marks + ") order by next_check_at, id fetch first ? rows only")) {
      int i = 1;
      ps.setObject(i++, Sql.time(now));
      for (Platform p : platforms) {
        ps.setString(i++, p.key());
      }
      ps.setInt(i, limit);
      List<Candidate> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Candidate(rs.getLong("id"), rs.getObject("next_check_at", OffsetDateTime.class)));
        }
      }
      return out;
    }
  }

  private static java.util.Optional<PostRecord> claim(Connection c, Candidate k, OffsetDateTime until)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "update post set next_check_at=? where id=? and next_check_at=?")) {
      ps.setObject(1, until);
      ps.setLong(2, k.id());
      ps.setObject(3, k.due());
      if (ps.executeUpdate() == 0) {
        return java.util.Optional.empty();
      }
    }
    return EvidenceReader.post(c, k.id());
  }
}
