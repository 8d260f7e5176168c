package org.embedwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.sql.Savepoint;
import org.embedwatch.evidence.Finding;
import org.embedwatch.evidence.Sha256;

/** Finding rows: each kind and key stored once, when first seen. */
final class FindingRows {
  private FindingRows() {}

  static boolean insertFinding(Connection c, Finding f) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select 1 from finding where kind=? and finding_key=?")) {
      ps.setString(1, f.kind().name());
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
      ps.setString(1, f.kind().name());
      ps.setString(2, findingKey(f));
      Sql.setLong(ps, 3, f.postRef());
      Sql.setLong(ps, 4, f.citationId());
      Sql.setLong(ps, 5, f.articleId());
      Sql.setLong(ps, 6, f.observationId());
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
  static String findingKey(Finding f) {
    String key = f.key();
    return key.length() <= 500 ? key
        : key.substring(0, 400) + " sha256:" + Sha256.of(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex();
  }
}
