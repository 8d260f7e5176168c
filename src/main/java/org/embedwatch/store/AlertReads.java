package org.embedwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.embedwatch.evidence.Platform;

/**
 * The queries that read alerts: rows of {@code finding}, and rows of {@code post_state} whose state is one an alert is
 * sent for, each with its post and citing articles.
 */
final class AlertReads {
  /** The transitions alerts are sent for (ALTERED comes as a finding, with what changed). */
  static final String ALERT_STATES = "'SUSPECTED_UNAVAILABLE','CONFIRMED_UNAVAILABLE','REAPPEARED'";
  private static final int MAX_ARTICLES = 50;

  private AlertReads() {}

  /** The finding rows matched by {@code where} (on alias f), in {@code order}, at most {@code limit}. */
  static List<StoredAlert> findings(Connection c, String where, String order, int limit, Object... params)
      throws SQLException {
    List<StoredAlert> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("select f.id, f.kind, f.first_seen, f.summary, f.detail,"
        + " f.post_ref, f.article_id, f.citation_id from finding f where " + where + " order by " + order
        + " fetch first " + limit + " rows only")) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Long postRef = nullable(rs, "post_ref");
          Long articleId = nullable(rs, "article_id");
          Long citationId = nullable(rs, "citation_id");
          out.add(new StoredAlert("finding", rs.getLong("id"), StoredAlert.Kind.valueOf(rs.getString("kind")), null,
              Sql.instant(rs, "first_seen"), rs.getString("summary"), rs.getString("detail"),
              postRef == null ? null : post(c, postRef), articles(c, postRef, articleId, citationId)));
        }
      }
    }
    return out;
  }

  /** The transition rows matched by {@code where} (on alias s), in {@code order}, at most {@code limit}. */
  static List<StoredAlert> states(Connection c, String where, String order, int limit, Object... params)
      throws SQLException {
    List<StoredAlert> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("select s.id, s.state, s.reason, s.since, s.evidence, s.post_ref"
        + " from post_state s where s.state in (" + ALERT_STATES + ") and " + where + " order by " + order
        + " fetch first " + limit + " rows only")) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long postRef = rs.getLong("post_ref");
          String evidence = rs.getString("evidence");
          StoredAlert.Kind kind = StoredAlert.Kind.valueOf(rs.getString("state"));
          out.add(new StoredAlert("state", rs.getLong("id"), kind, rs.getString("reason"), Sql.instant(rs, "since"),
              evidence == null ? kind.key().replace('_', ' ') + " (no explanation stored)" : evidence, null,
              post(c, postRef), articles(c, postRef, null, null)));
        }
      }
    }
    return out;
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i] instanceof java.time.Instant t ? Sql.time(t) : params[i]);
    }
  }

  private static Long nullable(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static StoredAlert.Post post(Connection c, long postRef) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select platform, post_id, handle, url from post where id=?")) {
      ps.setLong(1, postRef);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new StoredAlert.Post(postRef, Platform.parse(rs.getString("platform")), rs.getString("post_id"),
            rs.getString("handle"), rs.getString("url"));
      }
    }
  }

  /** The articles citing the post, the finding's article, and the article of its citation: distinct, oldest first. */
  private static List<String> articles(Connection c, Long postRef, Long articleId, Long citationId)
      throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    String select = "select a.id, coalesce(a.url, a.input) as shown from article a";
    if (articleId != null) {
      addArticles(c, out, select + " where a.id=?", articleId);
    }
    if (citationId != null) {
      addArticles(c, out, select + " join article_capture ac on ac.article_id=a.id join citation ci"
          + " on ci.article_capture_id=ac.id where ci.id=?", citationId);
    }
    if (postRef != null) {
      addArticles(c, out, select + " where a.id in (select ac.article_id from article_capture ac join citation ci"
          + " on ci.article_capture_id=ac.id where ci.post_ref=?) order by a.id", postRef);
    }
    return new ArrayList<>(out);
  }

  private static void addArticles(Connection c, Set<String> out, String sql, long param) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next() && out.size() < MAX_ARTICLES) {
          out.add(rs.getString("shown"));
        }
      }
    }
  }
}
