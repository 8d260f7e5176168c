package org.embedwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import org.embedwatch.evidence.CapturedArticle;
import org.embedwatch.extract.Reference;

/** The article, article capture and citation rows of one article capture. */
final class ArticleRows {
  /** A new article is first re-captured a day after its first capture (then daily, then less often). */
  private static final java.time.Duration FIRST_RECAPTURE = java.time.Duration.ofDays(1);

  private ArticleRows() {}

  static long upsertArticle(Connection c, CapturedArticle capture, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select id from article where input=?")) {
      ps.setString(1, Sql.clip(capture.input(), 4000));
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getLong(1);
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "insert into article(input, url, first_seen) values (?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, Sql.clip(capture.input(), 4000));
      ps.setString(2, Sql.clip(capture.url(), 4000));
      ps.setObject(3, Sql.time(now));
      long id = Sql.insert(ps);
      // Its re-captures start here, in the transaction that stores it: no article is ever left without them.
      TaskRows.insertIfAbsent(c, WatchTable.RECAPTURE_TASK, Long.toString(id), now.plus(FIRST_RECAPTURE));
      return id;
    }
  }

  static long insertArticleCapture(Connection c, long articleId, CapturedArticle a) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("insert into article_capture(article_id, captured_at, media_type,"
        + " charset, sha256, byte_length, body_path, warc_file, warc_offset, warc_record_id, final_url)"
        + " values (?,?,?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setLong(1, articleId);
      ps.setObject(2, Sql.time(a.capturedAt()));
      ps.setString(3, Sql.clip(a.mediaType(), 200));
      ps.setString(4, Sql.clip(a.charset(), 100));
      ps.setString(5, a.sha256().hex());
      ps.setLong(6, a.byteLength());
      ps.setString(7, a.bodyPath());
      Sql.setWarc(ps, 8, a.warc());
      ps.setString(11, Sql.clip(a.finalUrl(), 2000));
      return Sql.insert(ps);
    }
  }

  static void insertCitation(Connection c, long captureId, Long postRef, Reference r) throws SQLException {
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
}
